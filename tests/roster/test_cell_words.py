"""The words HR writes in cells (data/cards.yaml `cell_words`), each read as its key, and
the Excel files HR has (.xlsx, .ods, .xls), read the same way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app
from kzps.roster.vocabulary import Vocabulary
from kzps.standard import load_standard

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roster"
WORDS = load_standard().rules.cell_words
assert WORDS is not None
EVERY_WORD = [
    (column, key, word)
    for column in ("education_level", "education_field", "organization", "category")
    for key, words in getattr(WORDS, column).items()
    for word in words
]
runner = CliRunner()


@pytest.mark.parametrize(("column", "key", "word"), EVERY_WORD)
def test_every_word_is_read_as_its_key(column: str, key: str, word: str) -> None:
    vocabulary = Vocabulary(WORDS)
    assert vocabulary.key(column, word) == key
    assert vocabulary.key(column, f"  {word.upper()} ") == key
    assert vocabulary.key(column, f"{word} (по диплому)") == key


def test_the_longest_word_decides() -> None:
    vocabulary = Vocabulary(WORDS)
    assert vocabulary.key("organization", "республиканского значения") == "republican"
    assert vocabulary.key("organization", "Город республиканского значения") == "oblast"
    assert vocabulary.key("organization", "областного значения") == "oblast"
    assert vocabulary.key("organization", "город областного значения") == "district"
    assert vocabulary.key("category", "II категория") == "II"
    assert vocabulary.key("category", "I категория") == "I"
    assert vocabulary.key("category", "жоғары санат") == "highest"
    assert vocabulary.key("organization", "городская") is None


def _rows(path: Path, *options: str) -> list[dict[str, object]]:
    report = path.parent / "out" / "r.json"
    report.parent.mkdir(exist_ok=True)
    result = runner.invoke(
        app, ["roster", str(path), "-o", str(report), "-q", "--as-of", "2026-11-25", *options]
    )
    assert result.exit_code in {0, 1}, result.stderr
    rows: list[dict[str, object]] = json.loads(report.read_text(encoding="utf-8"))
    return rows


def test_a_list_in_hr_words_is_read(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_bytes((FIXTURES / "ru-hr-words.csv").read_bytes())
    rows = _rows(staff)
    assert [(r["next_level"], r["status"]) for r in rows] == [
        ("4.2", "eligible"),  # среднее специальное, вторая категория → 4.1
        ("6.2", "eligible"),  # бакалавр, II категория → 6.1; столица
        ("5.3", "not_eligible"),  # колледж, высшая → 4.3; сельский
        ("6.3", "needs_review"),  # послевузовское, первая → 6.2; аудандық
        ("8.2-3", "eligible"),  # 8.3–2 (an en dash); город областного значения → 3
        ("4.2", "eligible"),  # высшее with a TVET code: card 9
        ("6.2", "not_eligible"),  # 6,1: a Russian decimal comma
        ("6.1", "not_yet"),  # без категории → 6
        ("4.2", "eligible"),  # 2-санат → 4.1
        (None, None),  # diplomas for both cards: which category is meant?
    ]
    assert rows[9]["error"] == (
        "Категория: 'вторая' is a category, which stands for a different grade on each card:"
        " it could mean 4.1, 6.1; write the grade itself"
    )
    assert rows[4]["warning"] is not None


@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls"])
def test_every_workbook_format_is_read_alike(tmp_path: Path, suffix: str) -> None:
    """Made with XlsxWriter, then saved by LibreOffice as .ods and .xls: TVET codes and
    IINs stored as numbers get their zeros back, dates are dates whatever the cell."""
    source = tmp_path / f"staff.{suffix}"
    source.write_bytes((FIXTURES / f"excel-numbers.{suffix}").read_bytes())
    rows = _rows(source, "--show-iin")
    assert [r["Код специальности"] for r in rows] == ["0519023", "6B04101", "0519023", "6B04101"]
    assert rows[0]["ИИН"] == "050325300016"  # 50325300016 in the cell
    assert [r["Дата присвоения категории"] for r in rows] == [
        "2025-03-10",  # a date cell
        "15.01.2026",  # text
        (dt.date(1899, 12, 30) + dt.timedelta(days=45000)).isoformat(),  # an Excel serial
        "2021-01-01",
    ]
    assert rows[1]["next_level"] == "6.2"  # "6,1"
    assert rows[3]["next_level"] == "8.2-2"  # "8.3–2", the capital: N = 2
