"""The unofficial Russian and English translations beside the Kazakh original: complete,
faithful in every number, code and citation, Russian without Kazakh-only letters, and
kept to the glossary. To propose a correction, edit the `ru` or `en` of the line in
data/cards.yaml (second document) and run these tests."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from kzps.standard.records import Localized

if TYPE_CHECKING:
    from kzps.standard import Standard
    from kzps.standard.text import StandardText

KAZAKH_ONLY = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
DIGITS = re.compile(r"\d+")


def lines(value: object, where: str = "") -> Iterator[tuple[str, Localized]]:
    """Every translated line of the text, with where it stands."""
    if isinstance(value, Localized):
        yield where, value
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        for name, item in zip(value._fields, value, strict=True):
            if name != "glossary":
                yield from lines(item, f"{where}.{name}" if where else name)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from lines(item, f"{where}[{i}]")


@pytest.fixture(scope="module")
def text(standard: Standard) -> StandardText:
    return standard.text


def test_every_kazakh_line_has_a_russian_and_an_english_one(text: StandardText) -> None:
    found = list(lines(text))
    assert len(found) > 400  # paragraphs 1–8, 14–20, the terms and the five cards
    empty = [where for where, line in found if not (line.ru.strip() and line.en.strip())]
    assert empty == []
    untranslated = [
        where
        for where, line in found
        if re.search(r"[^\W\d_]{4}", line.kk) and line.ru == line.kk and line.en == line.kk
    ]
    assert untranslated == []


def test_numbers_codes_dates_and_citations_are_the_same_in_all_three(text: StandardText) -> None:
    """Every run of digits (numbering, codes, dates, order and registration numbers,
    paragraph numbers) stands in the translations as often as in the original."""
    differ = [
        where
        for where, line in lines(text)
        if not Counter(DIGITS.findall(line.kk))
        == Counter(DIGITS.findall(line.ru))
        == Counter(DIGITS.findall(line.en))
    ]
    assert differ == []


def test_russian_has_no_letters_found_only_in_kazakh(text: StandardText) -> None:
    assert [where for where, line in lines(text) if KAZAKH_ONLY.search(line.ru)] == []


def test_the_glossary_is_kept_wherever_its_term_appears(text: StandardText) -> None:
    assert len(text.glossary) >= 40
    broken = [
        (term.kk, where)
        for term in text.glossary
        for where, line in lines(text)
        if term.kk.casefold() in line.kk.casefold()
        and not (
            term.ru.casefold() in line.ru.casefold() and term.en.casefold() in line.en.casefold()
        )
    ]
    assert broken == []


@pytest.mark.parametrize(
    ("kk", "ru", "en"),
    [
        ("СБШ", "ОРК", "SQF"),
        ("БТБА", "ЕТКС", "UTQH"),
        ("МӘСҚ", "ГФСС", "SSIF"),
        ("ЭҚЖС", "ОКЭД", "GCEA"),
    ],
)
def test_the_official_abbreviations(text: StandardText, kk: str, ru: str, en: str) -> None:
    assert (kk, ru, en) in {(t.kk, t.ru, t.en) for t in text.glossary}
    listed = {a.abbreviation.kk: a.abbreviation for a in text.abbreviations}  # para 3
    if kk in listed:
        assert (listed[kk].ru, listed[kk].en) == (ru, en)
    else:  # СБШ is introduced in para 2's terms: "(бұдан әрі – СБШ)"
        assert any(f"– {kk})" in t.text.kk and f"– {ru})" in t.text.ru for t in text.terms)


def test_every_glossary_term_is_in_the_text(text: StandardText) -> None:
    kazakh = " ".join(line.kk.casefold() for _, line in lines(text))
    assert [t.kk for t in text.glossary if t.kk.casefold() not in kazakh] == []
