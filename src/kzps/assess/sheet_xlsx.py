"""The attestation sheet as an .xlsx workbook for the commission to fill in.

Item text is locked and the assessor's columns unlocked (the sheet is protected without
a password: protection guards against slips, not people, and the reader compares every
text with the standard anyway). Marks come from a dropdown; methods are offered in one
but free text is allowed, since one item may be checked two ways. It prints on A4, one
page wide, with the table's header repeated on every page.

A very hidden sheet, `kzps`, records what the sheet is (card, grade, language, edition),
so that `kzps assess` knows what to compare it with.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from kzps.assess.layout import (
    COLUMNS,
    HEADER_FIELDS,
    META_SHEET,
    SHEET_FORMAT,
    Row,
    Sheet,
    legend,
    mark_labels,
    method_labels,
    rows,
)
from kzps.assess.paging import page_breaks, scale
from kzps.version import __version__

if TYPE_CHECKING:
    from kzps.words.catalog import Catalog

#: XlsxWriter ships no type information: its worksheets and formats are `Any` here.
Worksheet = Any
Format = Any

#: Column widths in characters: identifier, item text, mark, method, comment.
WIDTHS = (13.0, 62.0, 14.0, 12.0, 22.0)
LAST_COLUMN = len(COLUMNS) - 1
#: The height of a row kzps does not size (a blank one), in points.
DEFAULT_HEIGHT = 15.0
#: Points per line of 9-point text, and characters of it per unit of column width.
LINE_HEIGHT = 11.5
#: (9-point Arial in a column counted in 10-point Arial digits; bold is wider).
CHARS_PER_WIDTH = 1.2
CHARS_PER_WIDTH_BOLD = 1.08


def sheet_name(sheet: Sheet) -> str:
    """The visible worksheet's name: the standard's code and the card."""
    return f"{sheet.standard_code}-{sheet.items.card}"


def xlsx_bytes(sheet: Sheet, words: Catalog) -> bytes:
    """The workbook, ready to be written to a file."""
    import xlsxwriter  # type: ignore[import-untyped,unused-ignore]

    buffer = io.BytesIO()
    # Arial, not Calibri, as the workbook's own font: column widths are counted in its
    # digits, and Arial (or its metric twin Liberation Sans) is wherever a sheet is opened,
    # so the columns, the wrapping and the page breaks come out alike in every spreadsheet.
    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "default_format_properties": {"font_name": "Arial", "font_size": 10}},
    )
    workbook.set_properties(
        {
            "title": words.say("sheet.title"),
            "subject": f"{sheet.standard_code} card {sheet.items.card}",
            "author": "kzps",
            "comments": f"kzps {__version__}",
        }
    )
    formats = _formats(workbook)
    worksheet = workbook.add_worksheet(sheet_name(sheet))
    _Drawing(worksheet, formats, sheet, words).draw()
    _metadata(workbook.add_worksheet(META_SHEET), sheet)
    worksheet.activate()
    workbook.close()
    return buffer.getvalue()


def _formats(workbook: Any) -> dict[str, Format]:
    base = {"font_name": "Arial", "font_size": 9, "valign": "top", "text_wrap": True}
    boxed = base | {"border": 1, "border_color": "#808080"}
    specs: dict[str, dict[str, Any]] = {
        "title": base | {"bold": True, "font_size": 13, "text_wrap": False},
        "note": base | {"italic": True, "font_color": "#404040"},
        "label": base | {"bold": True},
        "value": base | {"locked": False, "bottom": 1},
        "th": boxed | {"bold": True, "bg_color": "#D9D9D9", "valign": "vcenter"},
        "function": boxed | {"bold": True, "bg_color": "#DCE6F1"},
        "skill": boxed | {"bold": True, "bg_color": "#F2F2F2"},
        "group": boxed | {"italic": True},
        "section": boxed | {"bold": True, "bg_color": "#DCE6F1"},
        "id": boxed | {"font_size": 8, "font_color": "#404040"},
        "item": boxed,
        "input": boxed | {"locked": False},
        "signer": base | {"valign": "bottom"},
        "line": base | {"bottom": 1},
        "caption": base | {"font_size": 7, "align": "center", "font_color": "#404040"},
    }
    return {name: workbook.add_format(spec) for name, spec in specs.items()}


class _Drawing:
    """Draws the sheet top to bottom, keeping the row it has reached."""

    def __init__(
        self, worksheet: Worksheet, formats: dict[str, Format], sheet: Sheet, words: Catalog
    ) -> None:
        self.ws = worksheet
        self.f = formats
        self.sheet = sheet
        self.words = words
        self.row = 0
        self.heights: dict[int, float] = {}
        self.glued: set[int] = set()

    def draw(self) -> None:
        for column, width in enumerate(WIDTHS):
            self.ws.set_column(column, column, width)
        self._heading()
        self._header_block()
        first, last = self._table()
        self._signatures()
        self._validation(first, last)
        self._print_layout(first - 1, last)
        self.ws.protect(
            "",
            {
                "format_columns": True,
                "format_rows": True,
                "select_locked_cells": True,
                "select_unlocked_cells": True,
            },
        )

    def _tall(self, points: float, glued: bool = False) -> None:
        """The current row's height (kept, to place page breaks); a glued row stays on
        the page of the row after it."""
        self.ws.set_row(self.row, points)
        self.heights[self.row] = points
        if glued:
            self.glued.add(self.row)

    def _merged(self, text: str, style: str) -> None:
        self.ws.merge_range(self.row, 0, self.row, LAST_COLUMN, text, self.f[style])
        self._tall(_height(text, sum(WIDTHS)))
        self.row += 1

    def _heading(self) -> None:
        items = self.sheet.items
        title = self.words.say(
            "sheet.heading", card=items.card, title=items.title.in_(self.sheet.lang)
        )
        self.ws.merge_range(self.row, 0, self.row, LAST_COLUMN, title, self.f["title"])
        self._tall(20)
        self.row += 1
        self._merged(self.sheet.standard_line, "note")
        self._merged(self.words.say("sheet.translation"), "note")
        self.row += 1

    def _header_block(self) -> None:
        header = self.sheet.header
        for field in HEADER_FIELDS:
            label = self.words.say(f"sheet.header.{field}")
            self.ws.write_string(self.row, 0, label, self.f["label"])
            value = header.value(field)
            self.ws.merge_range(self.row, 1, self.row, LAST_COLUMN, value, self.f["value"])
            self._tall(max(16.0, _height(label, WIDTHS[0], bold=True)))
            self.row += 1
        self.row += 1
        self._merged(legend(self.words), "note")
        self._merged(self.words.say("sheet.instructions"), "note")

    def _table(self) -> tuple[int, int]:
        for column, name in enumerate(COLUMNS):
            self.ws.write_string(
                self.row, column, self.words.say(f"sheet.column.{name}"), self.f["th"]
            )
        self.row += 1
        first = self.row
        for row in rows(self.sheet.items, self.words):
            self._row(row)
        return first, self.row - 1

    def _row(self, row: Row) -> None:
        bold = row.kind in {"function", "skill", "section"}
        self._tall(_height(row.text, WIDTHS[1], bold=bold), glued=not row.markable)
        if row.markable:
            self.ws.write_string(self.row, 0, row.id, self.f["id"])
            self.ws.write_string(self.row, 1, row.text, self.f["item"])
            for column in range(2, len(COLUMNS)):
                self.ws.write_blank(self.row, column, None, self.f["input"])
        else:
            style = self.f[row.kind]
            self.ws.write_string(self.row, 0, row.id, style)
            self.ws.write_string(self.row, 1, row.text, style)
            for column in range(2, len(COLUMNS)):
                self.ws.write_blank(self.row, column, None, style)
        self.row += 1

    def _signatures(self) -> None:
        """The commission's conclusion, in words, then a line to sign for each member."""
        self.row += 1
        conclusion = self.words.say("sheet.conclusion")
        self.ws.merge_range(self.row, 0, self.row, LAST_COLUMN, conclusion, self.f["label"])
        self.row += 1
        self.ws.merge_range(self.row, 0, self.row, LAST_COLUMN, "", self.f["input"])
        self._tall(48)
        self.row += 2
        self.ws.write_string(self.row, 0, self.words.say("sheet.signatures"), self.f["label"])
        self.row += 1
        members = self.sheet.header.commission or ("", "", "")
        for i, member in enumerate(members):
            role = "sheet.sign.chair" if i == 0 else "sheet.sign.member"
            self._signature(self.words.say(role), member)
        self._signature(self.words.say("sheet.sign.person"), self.sheet.header.name)

    def _signature(self, role: str, name: str) -> None:
        """A line to sign on between the role and the name, captioned below."""
        self._tall(26)
        self.ws.merge_range(self.row, 0, self.row, 1, role, self.f["signer"])
        self.ws.merge_range(self.row, 2, self.row, 3, "", self.f["line"])
        self.ws.write_string(self.row, 4, name, self.f["signer"])
        self.row += 1
        self.ws.merge_range(
            self.row, 2, self.row, 3, self.words.say("sheet.sign.signature"), self.f["caption"]
        )
        self.row += 1

    def _validation(self, first: int, last: int) -> None:
        marks = mark_labels(self.words)
        self.ws.data_validation(
            first,
            2,
            last,
            2,
            {
                "validate": "list",
                "source": marks,
                "input_title": self.words.say("sheet.column.mark"),
                "input_message": self.words.say("sheet.mark_prompt"),
                "error_title": self.words.say("sheet.column.mark"),
                "error_message": self.words.say("sheet.mark_error", marks=", ".join(marks)),
            },
        )
        self.ws.data_validation(
            first,
            3,
            last,
            3,
            {"validate": "list", "source": method_labels(self.words), "error_type": "information"},
        )

    def _print_layout(self, header_row: int, last: int) -> None:
        self.ws.set_paper(9)  # A4
        self.ws.set_portrait()
        self.ws.fit_to_pages(1, 0)
        self.ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        self.ws.repeat_rows(header_row)
        heights = [self.heights.get(r, DEFAULT_HEIGHT) for r in range(self.row + 1)]
        glued = [r in self.glued or last < r < self.row for r in range(self.row + 1)]
        breaks = page_breaks(heights, glued, header_row, scale(WIDTHS))
        if breaks:
            self.ws.set_h_pagebreaks(breaks)
        self.ws.print_area(0, 0, self.row, LAST_COLUMN)
        card = f"{self.sheet.standard_code}, {self.sheet.items.card}"
        page = self.words.say("sheet.page")
        self.ws.set_footer(f"&L&8{card}&R&8{page} &P / &N")


def _height(text: str, width: float, bold: bool = False) -> float:
    """The height in points of a row whose `text` wraps in a column `width` characters
    wide. Set on every row: spreadsheets size wrapped rows only when they edit them, and
    a cut-off line on paper is an item nobody assessed."""
    import textwrap

    per_line = int(width * (CHARS_PER_WIDTH_BOLD if bold else CHARS_PER_WIDTH))
    lines = len(textwrap.wrap(text, width=max(per_line, 10))) or 1
    return lines * LINE_HEIGHT + 3


def _metadata(worksheet: Worksheet, sheet: Sheet) -> None:
    """What `kzps assess` needs to know about the sheet, out of the commission's sight."""
    record = {
        "format": SHEET_FORMAT,
        "standard": sheet.standard_code,
        "edition": sheet.edition.isoformat(),
        "card": str(sheet.items.card),
        "grade": sheet.header.target,
        "lang": sheet.lang,
        "sheet": sheet_name(sheet),
        "kzps": __version__,
    }
    for row, (key, value) in enumerate(record.items()):
        worksheet.write_string(row, 0, key)
        worksheet.write_string(row, 1, value)
    worksheet.very_hidden()
