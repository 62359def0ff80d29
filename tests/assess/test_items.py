"""Every card's sheet asks about exactly what the card lists: as many items as its
abilities, knowledge items and personal competencies in data/cards.yaml, in every
format, each with an identifier taken from the standard's numbering."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from typer.testing import CliRunner

from kzps.assess.items import ID_PATTERN, card_items, find_card
from kzps.cli import app
from kzps.errors import UsageError

if TYPE_CHECKING:
    from kzps.standard import Standard

CARDS_YAML = Path(__file__).parents[2] / "data" / "cards.yaml"
TEXT: dict[str, Any] = list(yaml.safe_load_all(CARDS_YAML.read_text("utf-8")))[1]
CARDS = {card["paragraph"]: card for card in TEXT["cards"]}
ITEM = re.compile(r"\b(?:9|1[0-3])\.(?:F\d+\.S\d+\.[AK]\d+|PC\d+)\b")
runner = CliRunner()


def counted(card: dict[str, Any]) -> int:
    """Abilities, knowledge items and competencies, counted in the data file itself."""
    skills = [s for f in card["functions"] for s in f["skills"]]
    return sum(len(s["abilities"]) + len(s["knowledge"]) for s in skills) + len(
        card["personal_competencies"]
    )


@pytest.mark.parametrize("paragraph", sorted(CARDS))
def test_items_are_the_cards_abilities_knowledge_and_competencies(
    standard: Standard, paragraph: int
) -> None:
    items = card_items(find_card(standard.text, str(paragraph))).items
    assert len(items) == counted(CARDS[paragraph])
    assert len({i.id for i in items}) == len(items)
    assert all(ID_PATTERN.match(i.id) and i.id.startswith(f"{paragraph}.") for i in items)


@pytest.mark.parametrize("paragraph", sorted(CARDS))
@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_every_format_shows_every_item_once(paragraph: int, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"sheet{suffix}"
    done = runner.invoke(app, ["sheet", str(paragraph), "-o", str(out)])
    assert done.exit_code == 0, done.output
    found = ITEM.findall(out.read_text("utf-8"))
    if suffix == ".html":  # each item row carries its identifier twice: id="…" and the cell
        found = found[::2]
    assert len(found) == len(set(found)) == counted(CARDS[paragraph])


@pytest.mark.parametrize(
    ("key", "kind", "text"),
    [
        ("11.F1.S2.A3", "ability", "Қақтығыстарды басқару."),
        ("11.F1.S2.K1", "knowledge", "Қазақстан Республикасының Еңбек кодексі."),
        ("11.F2.S1.A1", "ability", "Зейнетақылар, жәрдемақылар және әлеуметтік төлемдер"),
        ("11.PC4", "competency", "Эмпатия"),
        ("13.F2.S2.K5", "knowledge", ""),
    ],
)
def test_identifiers_follow_the_standards_numbering(
    standard: Standard, key: str, kind: str, text: str
) -> None:
    """Pinned: a sheet made today is read by every later kzps (ids never from row order)."""
    card = int(key.split(".", maxsplit=1)[0])
    items = {i.id: i for i in card_items(find_card(standard.text, str(card))).items}
    assert items[key].kind == kind
    assert items[key].text.kk.startswith(text)


def test_an_occupation_code_on_two_cards_needs_a_grade(standard: Standard) -> None:
    with pytest.raises(UsageError) as raised:
        find_card(standard.text, "2413-9-005")
    assert raised.value.details[0].values["cards"] == [10, 11]
    assert find_card(standard.text, "2413-9-005", (11,)).paragraph == 11
    assert find_card(standard.text, "1344-0-005").paragraph == 13
