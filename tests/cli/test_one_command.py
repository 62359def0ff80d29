"""A run imports and builds only the command it names: the same command, with the same
help, as when the app builds them all; the app's own help and errors still see every
command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command

from kzps.cli import app, translate
from kzps.cli.frame import COMMAND_MODULES, command_name, named_command, only

NAMES = [command_name(command) for command in app.registered_commands]


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["check", "a.yaml"], "check"),
        (["--lang", "ru", "roster", "s.csv", "--lang", "kk"], "roster"),
        (["--lang=kk", "card", "11"], "card"),
        (["cards", "--help"], "cards"),
        (["--help"], None),
        (["--version"], None),
        (["--lang", "ru"], None),
        (["--lang"], None),
        ([], None),
    ],
)
def test_the_command_a_line_names(argv: list[str], name: str | None) -> None:
    assert named_command(argv) == name


def _help(group: typer.core.TyperGroup, name: str) -> str:
    parent = typer.Context(group, info_name="kzps")
    command = group.get_command(parent, name)
    assert command is not None
    return command.get_help(typer.Context(command, info_name=name, parent=parent))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_a_command_built_alone_is_the_one_built_with_all(name: str, lang: str) -> None:
    translate(lang)
    try:
        every = get_command(app)
        with only(name):
            alone = get_command(app)
    finally:
        translate("en")
    assert isinstance(every, typer.core.TyperGroup)
    assert isinstance(alone, typer.core.TyperGroup)
    assert list(alone.commands) == [name]
    assert _help(alone, name) == _help(every, name)
    assert [command_name(c) for c in app.registered_commands] == NAMES  # all back after


def test_a_name_that_is_no_command_leaves_them_all() -> None:
    with only("chek"):
        assert [command_name(c) for c in app.registered_commands] == NAMES


SPY = """
import json, sys, typer
from kzps.cli import main
seen = []
def spy(self, *args, **kwargs):
    seen.append([c.name or c.callback.__name__ for c in self.registered_commands])
    raise SystemExit(0)
typer.Typer.__call__ = spy
sys.argv = ["kzps", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(seen[0]), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("argv", "built"),
    [
        (["check", "a.yaml"], ["check"]),
        (["--lang", "ru", "plan", "-h"], ["plan"]),
        (["--help"], NAMES),
    ],
)
def test_the_entry_point_builds_what_the_line_names(argv: list[str], built: list[str]) -> None:
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", SPY, json.dumps(argv)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == built


REGISTERED = """
import json, sys
from kzps.cli.frame import app, command_name, register
for module in json.loads(sys.argv[1]):
    __import__(f"kzps.cli.{module}")
register(json.loads(sys.argv[2]))
print(json.dumps([command_name(c) for c in app.registered_commands]))
"""


def _registered(imported: list[str], name: str | None) -> list[str]:
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", REGISTERED, json.dumps(imported), json.dumps(name)],
        capture_output=True,
        text=True,
        check=True,
    )
    names: list[str] = json.loads(done.stdout)
    return names


@pytest.mark.parametrize("name", list(COMMAND_MODULES))
def test_a_command_s_module_registers_it(name: str) -> None:
    module = COMMAND_MODULES[name]
    assert _registered([], name) == [n for n, m in COMMAND_MODULES.items() if m == module]


@pytest.mark.parametrize("first", [[], ["standard", "check"], ["roster"]])
def test_every_command_is_registered_in_order_whatever_came_first(first: list[str]) -> None:
    assert _registered(first, None) == list(COMMAND_MODULES)
    assert _registered(first, "no-such-command") == list(COMMAND_MODULES)


def test_every_command_module_is_listed() -> None:
    folder = Path(__file__).parents[2] / "src" / "kzps" / "cli"
    modules = {path.stem for path in folder.glob("*.py")} - {"__init__", "frame"}
    assert modules == set(COMMAND_MODULES.values())
    assert [command_name(c) for c in app.registered_commands] == list(COMMAND_MODULES)
