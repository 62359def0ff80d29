"""`kzps validate` and the standard's cross-checks: wrong copies are rejected by path."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app
from kzps.standard import shipped_path

runner = CliRunner()


def copy_with(tmp_path: Path, old: str, new: str) -> str:
    text = shipped_path().read_text(encoding="utf-8")
    assert old in text, "the edit must apply to the shipped file"
    path = tmp_path / "cards.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


def test_the_shipped_file_is_valid() -> None:
    result = runner.invoke(app, ["validate", str(shipped_path())])
    assert result.exit_code == 0
    assert "valid (11 grades, 5 cards)" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            "    category: II\n",
            "    category: II\n    colour: blue\n",
            "grades[1].colour: unknown key (not in the format; check the spelling)",
        ),
        (
            '    next: "4.2"\n',
            '    next: "4.9"\n',
            "grades[1].next: grade '4.9' does not exist",
        ),
        (
            "            years: 2\n",
            "            years: -2\n",
            "grades[2].paths[0].experience[0].years: expected a number greater than 0",
        ),
        (
            "            source: para 10\n",
            "            source: somewhere\n",
            "grades[4].paths[0].experience[0].source: does not have the expected form",
        ),
        (
            "    codes: [6B03, 6B031",
            "    codes: [6X03, 6B031",
            "grades[5].paths[0].education.codes: '6X03' is not in codes",
        ),
        (
            "      - kind: social_protection\n",
            "      - kind: charity\n",
            "grades[9].paths[0].experience[0].kind: unknown kind 'charity'",
        ),
        (
            "    paragraphs: [9, 10, 11, 12, 13]\n",
            "    paragraphs: [9, 10, 11, 12, 13]\n    extra: 1\n",
            "standard.amended.extra: unknown key",
        ),
        (
            '    codes: ["0500000", "0501000", "0501023", "0519000", "0519023"]\n',
            '    codes: ["0500000", "0501000", "0501023", "0519000", "0519023"]\n'
            "    fields: [social]\n",
            "grades[0].paths[0].education: give either codes or fields, not both and not neither",
        ),
        (
            '            grades: ["4"]\n',
            "",
            "grades[1].paths[0].experience[0]: kind 'grade' needs grades; other kinds take none",
        ),
        (
            "postgraduate:\n  bachelor_prefix: 6B\n  equivalents: [7M, 8D]\n"
            "  source: RULES §3 (para 11, para 12, para 13)\n",
            "postgraduate: [6B, [7M, 8D], 'RULES §3 (para 11, para 12, para 13)']\n",
            "postgraduate: expected a mapping of keys",
        ),
        (
            "- number: 1\n  abbreviation:\n    kk: БТБА",
            "- number: 1\n  abbrev:\n    kk: БТБА",
            "abbreviations[0].abbrev: unknown key",
        ),
    ],
)
def test_a_bad_copy_is_rejected_by_path(tmp_path: Path, old: str, new: str, line: str) -> None:
    path = copy_with(tmp_path, old, new)
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 3
    assert any(
        err.startswith(f"kzps: {path}: ") and line in err for err in result.stderr.splitlines()
    ), result.stderr


def test_missing_file() -> None:
    result = runner.invoke(app, ["validate", "nowhere.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "kzps: nowhere.yaml: no such file\n"


def test_rules_cite_a_paragraph() -> None:
    """Every rule carries its source: the models require it, the data has it."""
    from kzps.standard import load_standard

    rules = load_standard().rules
    for grade in rules.grades:
        assert grade.source.startswith("para ")
        for path in grade.paths:
            assert path.education.source
            assert all(e.source for e in path.experience)
    assert all(p.note == "unofficial" and p.source for p in rules.predecessors)
