"""Every command, with every value its choices allow, run as a user runs it: the installed
`kzps` command in a fresh process, its output read back and checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kzps.documents import load_text

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
CANDIDATE = EXAMPLES / "category-one-specialist.yaml"
LANGS = ("kk", "ru", "en")
#: A word each language's output holds and the others' do not.
SAID = {"kk": "санат", "ru": "категори", "en": "category"}


def kzps(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user's shell starts it."""
    command = Path(sys.executable).with_name("kzps")
    assert command.exists(), f"kzps is not installed next to {sys.executable}"
    env = os.environ | {"NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(  # noqa: S603 - the project's own command
        [str(command), *args], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("output", ["table", "json"])
def test_check(lang: str, output: str) -> None:
    done = kzps(
        "check", str(CANDIDATE), "--as-of", "2026-11-30", "--format", output, "--lang", lang
    )
    assert done.returncode == 0, done.stderr
    if output == "json":
        result = json.loads(done.stdout)
        assert (result["lang"], result["next"]["level"], result["next"]["status"]) == (
            lang,
            "4.3",
            "not_yet",
        )
        assert SAID[lang] in result["next"]["label"]
    else:
        assert done.stdout.splitlines()[0].startswith(
            {"kk": "Әзірге жоқ", "ru": "Пока нет", "en": "Not yet"}[lang]
        )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("output", ["table", "json"])
def test_cards(lang: str, output: str) -> None:
    done = kzps("cards", "--format", output, "--lang", lang)
    assert done.returncode == 0, done.stderr
    if output == "json":
        assert [c["paragraph"] for c in json.loads(done.stdout)] == [9, 10, 11, 12, 13]
    else:
        assert "2413-9-005" in done.stdout or "3350-0-001" in done.stdout
        assert "8.2-4" in done.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("output", ["table", "json"])
def test_card(lang: str, output: str) -> None:
    done = kzps("card", "11", "--format", output, "--lang", lang)
    assert done.returncode == 0, done.stderr
    if output == "json":
        (card,) = json.loads(done.stdout)
        assert card["text"]["paragraph"] == 11
        assert [g["code"] for g in card["grades"]] == ["6", "6.1", "6.2", "6.3"]
    else:
        assert "6В03" in done.stdout or "6B03" in done.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_validate(lang: str) -> None:
    done = kzps("validate", str(ROOT / "data" / "cards.yaml"), "--lang", lang)
    assert done.returncode == 0, done.stderr
    assert "11" in done.stdout
    assert "5" in done.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("output", ["csv", "json", "jsonl", "xlsx"])
def test_roster(lang: str, output: str, tmp_path: Path) -> None:
    report = tmp_path / f"report.{output}"
    done = kzps(
        "roster",
        str(EXAMPLES / "staff.csv"),
        "--as-of",
        "2026-11-30",
        "-o",
        str(report),
        "--lang",
        lang,
    )
    assert done.returncode in {0, 1}, done.stderr
    assert report.stat().st_size > 0
    if output == "json":
        rows = json.loads(report.read_text(encoding="utf-8"))
        assert {r["status"] for r in rows} <= {
            None,
            "eligible",
            "not_yet",
            "not_eligible",
            "needs_review",
        }
    assert str(report) in done.stdout


def test_version_and_help() -> None:
    version = kzps("--version")
    assert version.returncode == 0
    assert "K65301002" in version.stdout
    shown = kzps("--help")
    assert shown.returncode == 0
    for command in ("check", "cards", "card", "validate", "schema", "roster"):
        assert command in shown.stdout


def _schema(which: str) -> dict[str, object]:
    done = kzps("schema", which)
    assert done.returncode == 0, done.stderr
    schema: dict[str, object] = json.loads(done.stdout)
    return schema


def _candidates() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "overlay.yaml")


def test_the_candidate_schema_takes_the_examples_and_refuses_a_misspelt_key() -> None:
    schema = _schema("candidate")
    for path in _candidates():
        jsonschema.validate(load_text(path.read_text(encoding="utf-8")), schema)
    wrong = load_text(CANDIDATE.read_text(encoding="utf-8")) | {"educaton": []}
    with pytest.raises(jsonschema.ValidationError, match="educaton"):
        jsonschema.validate(wrong, schema)


def test_the_overlay_schema_takes_the_example_and_refuses_a_misspelt_key() -> None:
    schema = _schema("overlay")
    overlay = load_text((EXAMPLES / "overlay.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(overlay, schema)
    wrong = overlay | {"requirments": []}
    with pytest.raises(jsonschema.ValidationError, match="requirments"):
        jsonschema.validate(wrong, schema)


def test_the_standard_schema_takes_the_shipped_file_and_refuses_a_misspelt_key() -> None:
    import yaml

    from kzps.documents import TextDateLoader

    schema = _schema("standard")
    text = (ROOT / "data" / "cards.yaml").read_text(encoding="utf-8")
    rules, verbatim = yaml.load_all(text, Loader=TextDateLoader)
    jsonschema.validate(rules, schema["rules"])  # type: ignore[arg-type]
    jsonschema.validate(verbatim, schema["text"])  # type: ignore[arg-type]
    with pytest.raises(jsonschema.ValidationError, match="gradez"):
        jsonschema.validate(rules | {"gradez": []}, schema["rules"])  # type: ignore[arg-type]


@pytest.mark.parametrize("which", ["candidate", "standard", "overlay"])
def test_every_schema_runs_from_any_folder(which: str, tmp_path: Path) -> None:
    done = kzps("schema", which, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)
