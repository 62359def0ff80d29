"""The README documents every command, and every command explains itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


def test_readme_opens_with_the_two_commands() -> None:
    lines = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert lines[0].startswith("pip install . && kzps check examples/")
    assert Path(__file__).parents[1].joinpath(lines[0].split("kzps check ", 1)[1]).is_file()
    assert lines[1] == "pip install '.[test]' && pytest"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"kzps {command}" in README
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    (info,) = [
        c
        for c in app.registered_commands
        if command in (c.name, getattr(c.callback, "__name__", None))
    ]
    assert info.callback is not None
    assert info.callback.__doc__, f"{command} has no help text"


def test_the_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The API example in the README works as written."""
    code = README.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert capsys.readouterr().out == "Eligible for 6 (no category) eligible None\n"
    assert isinstance(namespace["data"], dict)
