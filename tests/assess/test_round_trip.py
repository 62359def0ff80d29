"""`kzps sheet` → filled by another program → `kzps assess`, for every card and grade
(and every card in each language): what the assessor marked is what kzps reads back."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app
from kzps.standard import load_standard
from kzps.words.catalog import catalog

MARKS = ("demonstrated", "partly", "not_demonstrated", "not_assessed")
ITEM = re.compile(r"^\d+\.(F\d+\.S\d+\.[AK]\d+|PC\d+)$")
runner = CliRunner()


def fill(blank: Path, out: Path, mark: Callable[[str], str]) -> Path:
    """`blank` filled by another program (openpyxl), a mark per item, as a spreadsheet
    saves it."""
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    workbook = openpyxl.load_workbook(blank)
    for row in workbook.worksheets[0].iter_rows():
        if ITEM.match(str(row[0].value or "")):
            row[2].value = mark(str(row[0].value)) or None
    workbook.save(out)
    return out


def _grades() -> list[tuple[int, str, str]]:
    standard = load_standard()
    cases = [(standard.grade(str(level)).card, str(level), "en") for level in standard.levels]
    cases += [(card.paragraph, "", lang) for card in standard.text.cards for lang in ("kk", "ru")]
    return cases


@pytest.mark.parametrize(("card", "grade", "lang"), _grades())
def test_marks_come_back_as_given(card: int, grade: str, lang: str, tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    args = ["sheet", str(card), "-o", str(blank), "--lang", lang]
    made = runner.invoke(app, [*args, "--grade", grade] if grade else args)
    assert made.exit_code == 0, made.output
    words = catalog(lang)
    chance = random.Random(f"{card} {grade} {lang}")  # noqa: S311 - test data, not secrets
    given: dict[str, str] = {}

    def mark(key: str) -> str:
        given[key] = chance.choice((*MARKS, ""))
        return words.say(f"mark.{given[key]}") if given[key] else ""

    filled = fill(blank, tmp_path / "filled.xlsx", mark)
    done = runner.invoke(app, ["assess", str(filled), "--format", "json", "--lang", lang])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    read = {key: found["mark"] for key, found in data["marks"].items()}
    assert read == {key: value or "not_assessed" for key, value in given.items()}
    counts = Counter(read.values())
    assert {key: data["total"][key] for key in MARKS} == {key: counts[key] for key in MARKS}
    assert data["card"] == card
    assert data["grade"] == (grade or None)
    assert data["person"]["target"] == (grade or None)
    assert all(ITEM.match(key) for key in read)
