"""The cards shown in each language: the translated body, the Kazakh original on request,
and both side by side for a reviewer."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from kzps.cli import app

runner = CliRunner()
KAZAKH_ONLY = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[А-Яа-яЁё]")
CARDS = ["9", "10", "11", "12", "13"]


def show(*args: str, columns: int = 120) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "KZPS_LANG": "en"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("card", CARDS)
def test_a_card_in_russian_reads_as_russian(card: str) -> None:
    out = show("card", card, "--lang", "ru")
    assert [line for line in out.splitlines() if KAZAKH_ONLY.search(line)] == []
    assert "неофициальный перевод" in out


@pytest.mark.parametrize("card", CARDS)
def test_a_card_in_english_reads_as_english(card: str) -> None:
    out = show("card", card, "--lang", "en")
    assert [
        line for line in out.splitlines() if CYRILLIC.search(line) or KAZAKH_ONLY.search(line)
    ] == []
    assert "unofficial translation" in out


@pytest.mark.parametrize("card", CARDS)
def test_original_shows_the_kazakh_body_in_any_language(card: str) -> None:
    kazakh = show("card", card, "--lang", "kk")
    original = show("card", card, "--lang", "en", "--original")
    body = [line for line in kazakh.splitlines() if KAZAKH_ONLY.search(line)]
    assert len(body) > 20
    assert sum(line in original for line in body) > len(body) // 2


def test_side_by_side_puts_the_original_beside_the_translation() -> None:
    out = show("card", "11", "--lang", "ru", "--side-by-side", columns=160)
    row = next(line for line in out.splitlines() if "Өзін-өзі бақылау" in line)
    assert row.split("Өзін-өзі бақылау")[1].strip() == "Самоконтроль"


def test_side_by_side_alternates_lines_on_a_narrow_terminal() -> None:
    out = show("card", "11", "--lang", "en", "--side-by-side", columns=70)
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    at = lines.index("Өзін-өзі бақылау")
    assert lines[at + 1] == "Self-control"


def test_card_json_carries_all_three_languages() -> None:
    (card,) = json.loads(show("card", "10", "--format", "json"))
    title = card["text"]["title"]
    assert set(title) == {"kk", "ru", "en"}
    assert title["kk"].startswith("Зейнетақымен")
