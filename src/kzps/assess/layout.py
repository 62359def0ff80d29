"""An attestation sheet laid out in one language: the header block, the rows (functions,
skills, abilities, knowledge, competencies) and the assessor's columns.

The three writers draw these rows, and the reader rebuilds them to compare: a row's text
on a filled sheet must be exactly what `rows` gives for its identifier, so an edited
item is found by identifier, whatever row it has moved to.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal, NamedTuple

from kzps.assess.score import Mark

if TYPE_CHECKING:
    from kzps.assess.items import CardItems, Item
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog

#: The name of the workbook's (very hidden) sheet that says what the sheet is.
META_SHEET = "kzps"
#: The kind of file the metadata sheet describes; a later layout changes the number.
SHEET_FORMAT = "kzps-attestation-sheet/1"
#: The header block's fields, in the order they are shown.
HEADER_FIELDS = ("name", "person_id", "current", "target", "organisation", "date", "commission")
#: The table's columns, in order: identifier, the item's text, and the assessor's three.
COLUMNS = ("id", "item", "mark", "method", "comment")
METHODS = ("interview", "test", "work_sample", "document")

RowKind = Literal["function", "skill", "group", "item", "section"]


class Header(NamedTuple):
    """Who is assessed, where, when and by whom; blank fields are for the commission."""

    name: str = ""
    person_id: str = ""
    current: str = ""
    target: str = ""
    organisation: str = ""
    date: str = ""
    commission: tuple[str, ...] = ()

    def value(self, field: str) -> str:
        """A field as the sheet shows it (the commission's members joined by `; `)."""
        found = getattr(self, field)
        return "; ".join(found) if isinstance(found, tuple) else str(found)


class Row(NamedTuple):
    """One row of the table: a heading (function, skill, group, section) or an item."""

    kind: RowKind
    id: str
    text: str

    @property
    def markable(self) -> bool:
        """Whether the assessor marks this row."""
        return self.kind == "item"


class Sheet(NamedTuple):
    """Everything a writer needs: the card's items, the header, the language."""

    items: CardItems
    header: Header
    lang: str
    standard_code: str
    edition: dt.date
    standard_line: str


def sheet_of(standard: Standard, items: CardItems, header: Header, words: Catalog) -> Sheet:
    """A sheet for `items`, naming the standard's code, edition and orders; the grade it
    is for is the header's target grade."""
    rules = standard.rules.standard
    line = words.say(
        "sheet.standard",
        code=rules.code,
        name=rules.name.in_(words.lang),
        edition=words.date(rules.edition),
        approved=rules.approved.number,
        approved_on=words.date(rules.approved.date),
        amended=rules.amended.number,
        amended_on=words.date(rules.amended.date),
    )
    return Sheet(items, header, words.lang, rules.code, rules.edition, line)


def rows(items: CardItems, words: Catalog) -> list[Row]:
    """The table's rows in the catalog's language, Kazakh quoted verbatim."""
    lang = words.lang
    found: list[Row] = []
    for function in items.functions:
        kind = words.say("sheet.mandatory" if function.mandatory else "sheet.additional")
        text = words.say(
            "sheet.function", number=function.number, kind=kind, name=function.name.in_(lang)
        )
        found.append(Row("function", function.id, text))
        for skill in function.skills:
            name = skill.name.in_(lang)
            found.append(
                Row("skill", skill.id, words.say("sheet.skill", number=skill.number, name=name))
            )
            found.append(Row("group", "", words.say("sheet.abilities")))
            found.extend(_item_rows(skill.abilities, lang))
            found.append(Row("group", "", words.say("sheet.knowledge")))
            found.extend(_item_rows(skill.knowledge, lang))
    found.append(Row("section", items.competencies_id, words.say("sheet.competencies")))
    found.extend(_item_rows(items.competencies, lang))
    return found


def _item_rows(items: tuple[Item, ...], lang: str) -> list[Row]:
    return [Row("item", item.id, item.text.in_(lang)) for item in items]


def mark_labels(words: Catalog) -> list[str]:
    """The marks as the dropdown offers them, in the catalog's language."""
    return [words.say(f"mark.{mark.value}") for mark in Mark]


def method_labels(words: Catalog) -> list[str]:
    """The assessment methods, in the catalog's language."""
    return [words.say(f"method.{method}") for method in METHODS]


def legend(words: Catalog) -> str:
    """What the marks and methods are, one line above the table."""
    return words.say(
        "sheet.legend",
        marks=" / ".join(mark_labels(words)),
        methods=" / ".join(method_labels(words)),
    )


def same_text(written: str, expected: str) -> bool:
    """Whether a cell says what the standard says; spacing and line breaks do not count
    (a spreadsheet may rewrap), any other change does."""
    return written.split() == expected.split()
