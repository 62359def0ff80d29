"""A filled attestation sheet read back (python-calamine: .xlsx, .xlsm, .ods alike).

The sheet's hidden record says which card, grade and language it was made for; every
row with an identifier is then compared with the standard's text for that identifier,
so an edited item is refused by name wherever it now stands, and a missing, unknown or
repeated identifier too. Columns are found by their headings, in any of the three
languages, so a moved column is fine and a deleted mark column is named. Every problem
is collected, each naming its cell, before the sheet is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from kzps.assess.items import ID_PATTERN, card_items
from kzps.assess.layout import (
    COLUMNS,
    HEADER_FIELDS,
    META_SHEET,
    SHEET_FORMAT,
    Header,
    rows,
    same_text,
)
from kzps.assess.score import Mark
from kzps.errors import DataError, Problem, UsageError, problem
from kzps.words.catalog import LANGUAGES, catalog

if TYPE_CHECKING:
    from pathlib import Path

    from kzps.assess.items import CardItems
    from kzps.standard.load import Standard

Cell = object
Grid = Sequence[Sequence[Cell]]


class SheetError(DataError):
    """A filled sheet does not validate: its record, its columns, its text or its marks."""


class Filled(NamedTuple):
    """What the assessor wrote for one item, and where."""

    mark: Mark
    method: str
    comment: str
    cell: str
    blank: bool = False


class FilledSheet(NamedTuple):
    """A filled sheet, checked against the standard: whose it is and the marks by item."""

    origin: str
    items: CardItems
    grade: str
    lang: str
    header: Header
    marks: Mapping[str, Filled]
    warnings: tuple[Problem, ...] = ()

    def mark_of(self) -> dict[str, Mark]:
        """The marks by identifier, as scoring takes them."""
        return {key: filled.mark for key, filled in self.marks.items()}


def read_sheet(path: Path, standard: Standard) -> FilledSheet:
    """The sheet at `path`, or a SheetError listing every problem, each with its cell."""
    from python_calamine import CalamineError, CalamineWorkbook

    from kzps.files import open_binary

    origin = str(path)
    with open_binary(path) as stream:
        try:
            workbook = CalamineWorkbook.from_filelike(stream)
        except CalamineError as error:
            raise UsageError(
                origin, [problem("", "error.sheet_unreadable", reason=str(error))]
            ) from None
        if META_SHEET not in workbook.sheet_names:
            raise SheetError(origin, [problem("", "error.sheet_not_kzps")])
        meta = _record(workbook.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False))
        items, lang, name, warnings = _identity(origin, meta, standard, workbook.sheet_names)
        grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return _Reading(origin, items, lang, meta.get("grade", ""), grid, warnings).sheet()


def _record(grid: Grid) -> dict[str, str]:
    return {text(row[0]): text(row[1]) for row in grid if len(row) >= 2 and text(row[0])}


def _identity(
    origin: str, meta: dict[str, str], standard: Standard, sheets: list[str]
) -> tuple[CardItems, str, str, list[Problem]]:
    """The card, language and worksheet the record names, each checked."""
    cards = {str(c.paragraph): c for c in standard.text.cards}
    expected = {
        "format": (SHEET_FORMAT,),
        "standard": (standard.code,),
        "card": tuple(cards),
        "lang": LANGUAGES,
        "sheet": tuple(sheets),
    }
    wrong = [
        problem(f"{META_SHEET}!{key}", "error.sheet_meta", field=key, value=meta.get(key, ""))
        for key, allowed in expected.items()
        if meta.get(key) not in allowed
    ]
    if wrong:
        raise SheetError(origin, wrong)
    warnings = []
    edition = standard.edition.isoformat()
    if meta.get("edition") != edition:
        warnings.append(
            problem("", "assess.warning.edition", sheet=meta.get("edition", ""), ours=edition)
        )
    return card_items(cards[meta["card"]]), meta["lang"], meta["sheet"], warnings


class _Reading:
    """One worksheet read: the header row, the header block, the rows."""

    def __init__(
        self,
        origin: str,
        items: CardItems,
        lang: str,
        grade: str,
        grid: Grid,
        warnings: list[Problem],
    ) -> None:
        self.origin = origin
        self.items = items
        self.lang = lang
        self.grade = grade
        self.grid = grid
        self.warnings = warnings
        self.problems: list[Problem] = []

    def sheet(self) -> FilledSheet:
        top, columns = self._columns()
        header = self._header(top)
        marks = self._marks(top, columns)
        if self.problems:
            raise SheetError(self.origin, self.problems)
        blank = sum(1 for filled in marks.values() if filled.blank)
        if blank:
            self.warnings.append(problem("", "assess.warning.blank", count=blank))
        return FilledSheet(
            self.origin, self.items, self.grade, self.lang, header, marks, tuple(self.warnings)
        )

    def _columns(self) -> tuple[int, dict[str, int]]:
        """The header row and where each column is, found by its heading in any language."""
        names = {
            column: {_key(catalog(lang).say(f"sheet.column.{column}")) for lang in LANGUAGES}
            for column in COLUMNS
        }
        for r, row in enumerate(self.grid):
            found = {
                column: c
                for c, cell in enumerate(row)
                for column, known in names.items()
                if _key(text(cell)) in known
            }
            if "id" in found and "item" in found:
                if "mark" not in found:
                    said = catalog(self.lang).say("sheet.column.mark")
                    where = f"{_ref(r, 0)}:{_ref(r, max(len(row), 1) - 1)}"
                    raise SheetError(
                        self.origin, [problem(where, "error.sheet_no_column", column=said)]
                    )
                return r, found
        raise SheetError(self.origin, [problem("", "error.sheet_no_header")])

    def _header(self, top: int) -> Header:
        """The header block above the table, by its labels in the sheet's language."""
        words = catalog(self.lang)
        labels = {_key(words.say(f"sheet.header.{field}")): field for field in HEADER_FIELDS}
        values: dict[str, str] = {}
        for row in self.grid[:top]:
            cells = [text(cell) for cell in row]
            for c, cell in enumerate(cells):
                field = labels.get(_key(cell))
                if field and field not in values:
                    values[field] = next((v for v in cells[c + 1 :] if v), "")
        commission = tuple(
            name.strip() for name in values.pop("commission", "").split(";") if name.strip()
        )
        return Header(commission=commission, **values)

    def _marks(self, top: int, columns: dict[str, int]) -> dict[str, Filled]:
        """Every identified row checked against the standard; the items' marks."""
        expected = {row.id: row for row in rows(self.items, catalog(self.lang)) if row.id}
        marks = _mark_names()
        seen: dict[str, str] = {}
        found: dict[str, Filled] = {}
        for r in range(top + 1, len(self.grid)):
            key = self._cell(r, columns["id"])
            if not ID_PATTERN.match(key):
                continue
            where = _ref(r, columns["id"])
            row = expected.get(key)
            if row is None:
                self.problems.append(
                    problem(where, "error.sheet_unknown_id", value=key, card=self.items.card)
                )
                continue
            if key in seen:
                self.problems.append(
                    problem(where, "error.sheet_repeated_id", value=key, first=seen[key])
                )
                continue
            seen[key] = where
            written = self._cell(r, columns["item"])
            if not same_text(written, row.text):
                self.problems.append(
                    problem(
                        _ref(r, columns["item"]),
                        "error.sheet_text_edited",
                        id=key,
                        expected=row.text,
                    )
                )
            if row.markable:
                filled = self._filled(r, columns, marks)
                if filled is not None:
                    found[key] = filled
        for key in expected:
            if key not in seen:
                self.problems.append(problem("", "error.sheet_missing_item", value=key))
        return found

    def _filled(self, r: int, columns: dict[str, int], marks: dict[str, Mark]) -> Filled | None:
        written = self._cell(r, columns["mark"])
        where = _ref(r, columns["mark"])
        method = self._cell(r, columns["method"]) if "method" in columns else ""
        comment = self._cell(r, columns["comment"]) if "comment" in columns else ""
        if not written:
            return Filled(Mark.NOT_ASSESSED, method, comment, where, blank=True)
        mark = marks.get(_key(written))
        if mark is None:
            labels = [catalog(self.lang).say(f"mark.{m.value}") for m in Mark]
            self.problems.append(problem(where, "error.sheet_mark", value=written, expected=labels))
            return None
        return Filled(mark, method, comment, where)

    def _cell(self, r: int, c: int) -> str:
        row = self.grid[r]
        return text(row[c]).strip() if c < len(row) else ""


def _mark_names() -> dict[str, Mark]:
    """Every way a mark may be written: its label in each language, or its key."""
    names = {_key(mark.value): mark for mark in Mark}
    names |= {_key(mark.value.replace("_", " ")): mark for mark in Mark}
    for lang in LANGUAGES:
        names |= {_key(catalog(lang).say(f"mark.{mark.value}")): mark for mark in Mark}
    return names


def _key(value: str) -> str:
    return " ".join(value.casefold().split())


def text(value: Cell) -> str:
    """A cell as text: numbers without a needless .0, dates in ISO."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _ref(r: int, c: int) -> str:
    """The cell's address as a spreadsheet shows it: row 0, column 1 is B1."""
    letters = ""
    c += 1
    while c:
        c, rest = divmod(c - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{r + 1}"
