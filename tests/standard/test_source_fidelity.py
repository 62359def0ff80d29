"""The standard's text in YAML must match data/K65301002-kk.txt, character for character.

The source is parsed here on its own (no code shared with whatever produced the YAML),
and every check runs in both directions: nothing of the source is dropped, nothing
in the YAML is invented, and every list has exactly the source's number of items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
SOURCE = ROOT / "data" / "K65301002-kk.txt"
CARDS_YAML = ROOT / "data" / "cards.yaml"
CARD_PARAGRAPHS = (9, 10, 11, 12, 13)

# Fixed section headings of a card (their wording is not stored in the YAML).
HEADINGS = frozenset(
    {
        "Топтың коды:",
        "Қызмет атауының коды:",
        "Кәсіптің атауы:",
        "СБШ бойынша біліктілік деңгейі:",
        "Кәсіптік білім деңгейі:",
        "Жұмыс тәжірибесіне қойылатын талаптар:",
        "Кәсіптің басқа ықтимал атаулары:",
        "Қызметтің негізгі мақсаты:",
        "Еңбек функцияларының сипаттамасы",
        "Еңбек функциялардың сипаттамасы",
        "Еңбек функцияларының тізбесі:",
        "Міндетті еңбек функциялары:",
        "Қосымша еңбек функциялары:",
        "Машықтар:",
        "Білімі:",
        "Дағдыны тану мүмкіндігі:",
        "Жеке құзыреттерге қойылатын талаптар:",
        "Техникалық регламенттер мен ұлттық стандарттардың тізімі:",
        "СБШ шеңберінде басқа кәсіптермен байланыс:",
        "СБШ деңгейі:",
        "Мамандық атауы:",
    }
)
HEADING_PREFIXES = ("БТБА,", "Формалды емес және")
FUNCTION_RE = re.compile(r"^(\d+)\s*-\s*еңбек функциясы:\s*(.*)$")
SKILL_RE = re.compile(r"^(\d+)\s*-\s*дағды:\s*(.*)$")
NUMBERED_RE = re.compile(r"^\s*(\d+)\.\s*(\S.*)$")
SUB_ITEM_RE = re.compile(r"^(\d+)\) (.*)$")


# --------------------------------------------------------------------------- loading


def load_text() -> dict[str, Any]:
    """Load the standard's text document (the second document of data/cards.yaml), as
    the Kazakh original: each {kk, ru, en} line read as its kk, the glossary left out."""
    docs = list(yaml.load_all(CARDS_YAML.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
    assert len(docs) == 2, "data/cards.yaml holds the rules, then the text"
    document = _as_mapping(docs[1])
    return {k: _kazakh(v) for k, v in document.items() if k != "glossary"}


def _kazakh(value: Any) -> Any:
    """The Kazakh original of a text value: a translated line's kk, all the way down."""
    if isinstance(value, dict):
        if set(value) == {"kk", "ru", "en"}:
            return value["kk"]
        return {k: _kazakh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_kazakh(v) for v in value]
    return value


def _as_mapping(doc: object) -> dict[str, Any]:
    """Check that a loaded YAML document is a mapping and return it."""
    assert isinstance(doc, dict), f"expected a mapping, got {type(doc).__name__}"
    return doc


@pytest.fixture(scope="module")
def text() -> dict[str, Any]:
    """The YAML text document, loaded once per module."""
    return load_text()


def yaml_card(text: dict[str, Any], paragraph: int) -> dict[str, Any]:
    """The YAML card of a paragraph (9..13)."""
    found = [c for c in text["cards"] if c["paragraph"] == paragraph]
    assert len(found) == 1, f"expected one card with paragraph {paragraph}, got {len(found)}"
    return _as_mapping(found[0])


def strings(node: object) -> Iterator[str]:
    """Every string inside a YAML node, depth first."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


# --------------------------------------------------------------------------- source


@lru_cache(maxsize=1)
def source_lines() -> tuple[str, ...]:
    """The source file's lines as printed (no newline characters)."""
    return tuple(SOURCE.read_text(encoding="utf-8").split("\n"))


def find_line(pattern: str, start: int = 0) -> int:
    """Index of the first source line at or after `start` whose stripped text matches `pattern`."""
    lines = source_lines()
    for i in range(start, len(lines)):
        if re.match(pattern, lines[i].strip()):
            return i
    raise AssertionError(f"no source line matches {pattern!r}")


def nonempty(start: int, stop: int) -> list[str]:
    """Stripped non-empty source lines in [start, stop)."""
    return [s for s in (line.strip() for line in source_lines()[start:stop]) if s]


CHAPTER_OF_PARAGRAPH = {
    **dict.fromkeys(range(1, 4), 1),
    **dict.fromkeys(range(4, 9), 2),
    **dict.fromkeys(range(9, 14), 3),
    **dict.fromkeys(range(14, 21), 4),
}


def chapter_line(chapter: int) -> int:
    """Index of the source line that opens chapter 1..4 (chapter 1's heading ends a longer line)."""
    return find_line(rf"^(.*\s)?{chapter}-тарау\. ")


def paragraph_start(number: int) -> int:
    """Index of the line opening paragraph 1..20.

    Cards are found by their title, so that an item "10. ..." inside card 12 is never taken
    for paragraph 10.
    """
    title = r".*карточкасы$" if number in CARD_PARAGRAPHS else ""
    return find_line(rf"^{number}\. {title}", chapter_line(CHAPTER_OF_PARAGRAPH[number]))


@cache
def paragraph_span(number: int) -> tuple[int, int]:
    """Source line range [start, stop) of paragraph 1..20: up to the next paragraph or chapter."""
    start = paragraph_start(number)
    if number == 20:
        return start, len(source_lines())
    if CHAPTER_OF_PARAGRAPH[number + 1] != CHAPTER_OF_PARAGRAPH[number]:
        return start, chapter_line(CHAPTER_OF_PARAGRAPH[number + 1])
    return start, paragraph_start(number + 1)


def paragraph_lines(number: int) -> list[str]:
    """Stripped non-empty lines of a paragraph, its own numbered first line included."""
    return nonempty(*paragraph_span(number))


def sub_items(number: int) -> list[tuple[int, str]]:
    """The "1) ..." items of a paragraph as (number, text after "1) ")."""
    items = []
    for line in paragraph_lines(number)[1:]:
        match = SUB_ITEM_RE.match(line)
        assert match, f"para {number}: not a sub-item: {line!r}"
        items.append((int(match.group(1)), match.group(2)))
    return items


def card_raw_lines(paragraph: int) -> list[str]:
    """The card's source lines as printed, from its title to the next card or chapter 4."""
    start, stop = paragraph_span(paragraph)
    return list(source_lines()[start:stop])


def card_lines(paragraph: int) -> list[str]:
    """The card's stripped non-empty source lines, title first."""
    return nonempty(*paragraph_span(paragraph))


def is_heading(line: str) -> bool:
    """Whether a stripped card line is a fixed section heading or a bare "N - дағды:" header."""
    if line in HEADINGS or line.startswith(HEADING_PREFIXES):
        return True
    header = FUNCTION_RE.match(line) or SKILL_RE.match(line)
    return header is not None and header.group(2) == ""


@dataclass
class Block:
    """A heading line of a card and the non-heading lines that follow it."""

    head: str
    body: list[str]


def card_blocks(paragraph: int) -> list[Block]:
    """Split a card (title excluded) into blocks, one per heading or function/skill header."""
    blocks: list[Block] = []
    for line in card_lines(paragraph)[1:]:
        if is_heading(line) or FUNCTION_RE.match(line) or SKILL_RE.match(line):
            blocks.append(Block(line, []))
        else:
            assert blocks, f"card {paragraph}: text before the first heading: {line!r}"
            blocks[-1].body.append(line)
    return blocks


def block_body(paragraph: int, head: str) -> list[str]:
    """Body of the card's single block whose heading starts with `head` ([] if there is none)."""
    found = [b.body for b in card_blocks(paragraph) if b.head.startswith(head)]
    assert len(found) <= 1, f"card {paragraph}: {len(found)} blocks headed {head!r}"
    return found[0] if found else []


def numbered_items(lines: list[str]) -> list[str]:
    """Texts of "N. ..." items, each continuation line joined to its item with one space."""
    items: list[str] = []
    for line in lines:
        match = NUMBERED_RE.match(line)
        if match:
            assert int(match.group(1)) == len(items) + 1, f"item out of sequence: {line!r}"
            items.append(match.group(2))
        else:
            assert items, f"continuation line before any item: {line!r}"
            items[-1] += " " + line
    return items


@dataclass
class SourceSkill:
    """A skill as parsed from the source."""

    name: str
    abilities: list[str]
    knowledge: list[str]
    recognition: list[str]


@dataclass
class SourceFunction:
    """A labour function as parsed from the source."""

    name: str
    skills: list[SourceSkill]


def header_name(block: Block) -> str:
    """Name of a function or skill: the text after the colon plus any following lines."""
    match = FUNCTION_RE.match(block.head) or SKILL_RE.match(block.head)
    assert match
    return " ".join(([match.group(2)] if match.group(2) else []) + block.body)


def source_functions(paragraph: int) -> list[SourceFunction]:
    """The card's labour functions with their skills, abilities, knowledge and recognition."""
    functions: list[SourceFunction] = []
    for block in card_blocks(paragraph):
        if FUNCTION_RE.match(block.head):
            functions.append(SourceFunction(header_name(block), []))
        elif SKILL_RE.match(block.head):
            functions[-1].skills.append(SourceSkill(header_name(block), [], [], []))
        elif block.head == "Машықтар:":
            functions[-1].skills[-1].abilities = numbered_items(block.body)
        elif block.head == "Білімі:":
            functions[-1].skills[-1].knowledge = numbered_items(block.body)
        elif block.head == "Дағдыны тану мүмкіндігі:":
            functions[-1].skills[-1].recognition = list(block.body)
    return functions


def canonical_level(grade_line: str) -> str:
    """The canonical level of a grade line.

    "4 – ..." -> "4", "4.1. – ..." -> "4.1", "8.3.-1 ..." -> "8.3-1".
    """
    for pattern, template in (
        (r"(\d)\.(\d)\.-(\d) ", r"\1.\2-\3"),
        (r"(\d)\.(\d)\. – ", r"\1.\2"),
        (r"(\d) – ", r"\1"),
    ):
        match = re.match(pattern, grade_line)
        if match:
            return match.expand(template)
    raise AssertionError(f"not a grade line: {grade_line!r}")


def fragment(line: str) -> str:
    """What of a stripped source line must be found in the YAML.

    That is the text after a leading item number or after a function/skill header's colon,
    else the whole line.
    """
    header = FUNCTION_RE.match(line) or SKILL_RE.match(line)
    if header:
        return header.group(2)
    numbered = NUMBERED_RE.match(line)
    return numbered.group(2) if numbered else line


# --------------------------------------------------------------------------- cards 9-13


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_every_numbered_line_is_in_the_card(text: dict[str, Any], paragraph: int) -> None:
    """Check 1: the text after the number of every numbered source line is in the card's YAML."""
    card_strings = list(strings(yaml_card(text, paragraph)))
    missing = []
    for line in card_raw_lines(paragraph):
        numbered = NUMBERED_RE.match(line)
        if numbered and not any(numbered.group(2).rstrip() in s for s in card_strings):
            missing.append(line)
    assert missing == []


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_card_counts_match_source(text: dict[str, Any], paragraph: int) -> None:
    """Check 2: every list of the card has exactly as many items as the source prints."""
    card = yaml_card(text, paragraph)
    grade_lines = [
        s for s in block_body(paragraph, "СБШ бойынша біліктілік деңгейі:") if s[0].isdigit()
    ]
    education = block_body(paragraph, "Кәсіптік білім деңгейі:")
    assert len(card["occupation_codes"]) == len(block_body(paragraph, "Қызмет атауының коды:"))
    assert len(card["professions"]) == len(block_body(paragraph, "Кәсіптің атауы:"))
    assert len(card["grades"]) == len(grade_lines)
    assert len(card["education_codes"]) == len([s for s in education if s[0].isdigit()])
    assert len(card["mandatory_functions"]) == len(
        numbered_items(block_body(paragraph, "Міндетті еңбек"))
    )
    assert len(card["additional_functions"]) == len(
        numbered_items(block_body(paragraph, "Қосымша еңбек"))
    )
    assert len(card["personal_competencies"]) == len(block_body(paragraph, "Жеке құзыреттерге"))
    assert len(card["technical_regulations"]) == len(
        block_body(paragraph, "Техникалық регламенттер")
    )
    expected = [
        [(len(s.abilities), len(s.knowledge), len(s.recognition)) for s in f.skills]
        for f in source_functions(paragraph)
    ]
    actual = [
        [(len(s["abilities"]), len(s["knowledge"]), len(s["recognition"])) for s in f["skills"]]
        for f in card["functions"]
    ]
    assert actual == expected


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_card_items_verbatim_in_order(text: dict[str, Any], paragraph: int) -> None:
    """Functions, skills, abilities and knowledge are the source's, verbatim and in order."""
    card = yaml_card(text, paragraph)
    assert card["mandatory_functions"] == numbered_items(block_body(paragraph, "Міндетті еңбек"))
    assert card["additional_functions"] == numbered_items(block_body(paragraph, "Қосымша еңбек"))
    expected = [
        (f.name, [(s.name, s.abilities, s.knowledge, s.recognition) for s in f.skills])
        for f in source_functions(paragraph)
    ]
    actual = [
        (
            f["name"],
            [(s["name"], s["abilities"], s["knowledge"], s["recognition"]) for s in f["skills"]],
        )
        for f in card["functions"]
    ]
    assert actual == expected


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_no_source_line_is_dropped(text: dict[str, Any], paragraph: int) -> None:
    """Check 3: every non-heading source line of the card is found in the card's YAML strings."""
    card = yaml_card(text, paragraph)
    card_strings = list(strings(card))
    lines = [s for s in card_lines(paragraph) if not is_heading(s)]
    if "-" in lines:  # card 12's lone "-" under "Кәсіптің басқа ықтимал атаулары:" means none
        assert block_body(paragraph, "Кәсіптің басқа ықтимал атаулары:") == ["-"]
        assert card["other_names"] == []
        lines.remove("-")
    missing = [s for s in lines if not any(fragment(s) in y for y in card_strings)]
    assert missing == []


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_nothing_is_invented(text: dict[str, Any], paragraph: int) -> None:
    """Every string of the YAML card (bar the canonical grade levels) is in its source.

    The card's source lines are joined with one space, so joined continuation items count.
    """
    card = dict(yaml_card(text, paragraph))
    card["grades"] = [g["text"] for g in card["grades"]]
    blob = " ".join(card_lines(paragraph))
    invented = [s for s in strings(card) if s not in blob]
    assert invented == []


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_card_header_fields(text: dict[str, Any], paragraph: int) -> None:
    """Title, codes, professions, grades, purpose and related rows, exactly as printed."""
    card = yaml_card(text, paragraph)
    title = card_lines(paragraph)[0]
    assert title == f"{paragraph}. {card['title']}"
    assert [card["group_code"]] == block_body(paragraph, "Топтың коды:")
    assert card["occupation_codes"] == block_body(paragraph, "Қызмет атауының коды:")
    assert card["professions"] == block_body(paragraph, "Кәсіптің атауы:")
    grades = block_body(paragraph, "СБШ бойынша біліктілік деңгейі:")
    heading = [] if card["grades_heading"] is None else [card["grades_heading"]]
    assert heading + [g["text"] for g in card["grades"]] == grades
    assert [g["level"] for g in card["grades"]] == [
        canonical_level(g["text"]) for g in card["grades"]
    ]
    assert [card["main_purpose"]] == block_body(paragraph, "Қызметтің негізгі мақсаты:")
    assert card["personal_competencies"] == block_body(paragraph, "Жеке құзыреттерге")
    assert card["technical_regulations"] == block_body(paragraph, "Техникалық регламенттер")
    assert card["nonformal"] == block_body(paragraph, "Формалды емес және")
    printed = [
        x
        for r in card["related"]
        for x in (r["level"], r["level_note"], r["name"])
        if x is not None
    ]
    assert printed == block_body(paragraph, "Мамандық атауы:")
    for row in card["related"]:
        assert row["level"] is None or re.fullmatch(r"[0-9.\-]+", row["level"]), row
        assert row["level_note"] is None or re.fullmatch(r"\(.*\)", row["level_note"]), row


@pytest.mark.parametrize("paragraph", CARD_PARAGRAPHS, ids=lambda p: f"card{p}")
def test_card_sections(text: dict[str, Any], paragraph: int) -> None:
    """Qualification, education (and its code lines) and experience, exactly as printed."""
    card = yaml_card(text, paragraph)

    def section(key: str) -> list[str]:
        heading = card[key]["heading"]
        return ([] if heading is None else [heading]) + list(card[key]["lines"])

    assert section("qualification") == block_body(paragraph, "БТБА,")
    assert section("experience") == block_body(paragraph, "Жұмыс тәжірибесіне")
    assert section("education") == block_body(paragraph, "Кәсіптік білім деңгейі:")
    code_lines = [s for s in card["education"]["lines"] if s[0].isdigit()]
    assert len(code_lines) == len(card["education_codes"])
    for line, entry in zip(code_lines, card["education_codes"], strict=True):
        assert re.fullmatch(re.escape(entry["code"]) + r"\s*– " + re.escape(entry["name"]), line), (
            line
        )


# --------------------------------------------------------------------------- the rest


def test_general_paragraphs(text: dict[str, Any]) -> None:
    """Paras 1, 4, 5, 6, 7, 8: every non-empty line as printed."""
    assert [p["number"] for p in text["general"]] == [1, 4, 5, 6, 7, 8]
    for para in text["general"]:
        assert para["lines"] == paragraph_lines(para["number"]), f"para {para['number']}"


def test_terms_verbatim(text: dict[str, Any]) -> None:
    """Check 4: the 15 terms of para 2, verbatim."""
    expected = sub_items(2)
    assert len(expected) == 15
    assert [(t["number"], t["text"]) for t in text["terms"]] == expected


def test_abbreviations_verbatim(text: dict[str, Any]) -> None:
    """Check 4: the 5 abbreviations of para 3, verbatim (abbreviation, dash, meaning)."""
    expected = sub_items(3)
    assert len(expected) == 5
    assert len(text["abbreviations"]) == 5
    for (number, item), entry in zip(expected, text["abbreviations"], strict=True):
        assert entry["number"] == number
        pattern = re.escape(entry["abbreviation"]) + r"\s*– " + re.escape(entry["meaning"])
        assert re.fullmatch(pattern, item), item


def test_oked_verbatim(text: dict[str, Any]) -> None:
    """The 5 OKED lines of para 6: code, one space, name."""
    expected = paragraph_lines(6)[1:]
    assert len(expected) == 5
    assert [f"{o['code']} {o['name']}" for o in text["oked"]] == expected


def test_card_list_verbatim(text: dict[str, Any]) -> None:
    """The 3 items of para 8."""
    expected = sub_items(8)
    assert len(expected) == 3
    assert [(c["number"], c["text"]) for c in text["card_list"]] == expected


def test_technical_data_verbatim(text: dict[str, Any]) -> None:
    """Check 4: paras 14-20, every non-empty line as printed."""
    assert [p["number"] for p in text["technical_data"]] == list(range(14, 21))
    for para in text["technical_data"]:
        assert para["lines"] == paragraph_lines(para["number"]), f"para {para['number']}"


def test_cards_are_paragraphs_9_to_13(text: dict[str, Any]) -> None:
    """Exactly the five cards, in order."""
    assert [c["paragraph"] for c in text["cards"]] == list(CARD_PARAGRAPHS)


def test_validates_against_model(text: dict[str, Any]) -> None:
    """The document validates against kzps.standard.text.StandardText."""
    from kzps.standard.schema import validate
    from kzps.standard.text import StandardText

    docs = list(yaml.load_all(CARDS_YAML.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
    standard_text = validate(StandardText, docs[1])
    assert [c.paragraph for c in standard_text.cards] == list(CARD_PARAGRAPHS)
    assert text["cards"][0]["title"] == standard_text.cards[0].title.kk
