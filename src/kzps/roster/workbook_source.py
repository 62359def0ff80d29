"""A staff list in a spreadsheet: one worksheet of an .xlsx, .xlsm, .xlsb, .xls or .ods
workbook (Excel, 1C exports, LibreOffice), read with calamine.

Cells come back as the text a CSV export would hold, so that a row is read the same way
whatever the file: a number that is a code gets its leading zeros back (7-digit TVET
codes, 12-digit IINs: a spreadsheet stores 0519023 as 519023), and a date is a date
whether the cell holds a date, text, or an Excel serial number.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kzps.errors import UsageError, problem
from kzps.roster.columns import TVET_CODE_LENGTH
from kzps.roster.header import HEADER_SEARCH, Layout, Unreadable, find_header
from kzps.roster.iin import IIN_LENGTH

if TYPE_CHECKING:
    from pathlib import Path

#: Day 0 of Excel's serial dates (the 1900 system, with its 29 February 1900 counted).
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serial numbers that stand for a plausible date of assignment (1950 to 2100).
SERIALS = range(18264, 73051)
#: The columns whose numbers are codes with a known length, and that length.
CODE_LENGTHS = {"education_code": TVET_CODE_LENGTH, "iin": IIN_LENGTH}
DATE_COLUMNS = ("level_since",)


class WorkbookSource:
    """One worksheet (the first, or the one asked for), its rows streamed by calamine."""

    delimiter = ","

    def __init__(
        self, path: Path, column_map: dict[str, tuple[str, ...]], sheet_name: str | None = None
    ) -> None:
        from python_calamine import CalamineWorkbook

        self.path = path
        try:
            self._book = CalamineWorkbook.from_path(str(path))  # faster than a file object
            sheet = self._book.get_sheet_by_name(self._sheet(sheet_name))
            self._total: int | None = sheet.total_height
            self._rows: Iterator[list[Any]] = iter(sheet.iter_rows())
            head = list(itertools.islice(self._rows, HEADER_SEARCH))
        except UsageError:
            raise
        except Exception as error:  # noqa: BLE001 - calamine raises many kinds for a bad file
            reason = str(error) or type(error).__name__
            raise UsageError(str(path), [problem("", "error.roster_xlsx", reason=reason)]) from None
        texts = [_trimmed([cell_text(v) for v in row]) for row in head]
        header = find_header(path, ((",", n, t) for n, t in enumerate(texts, 1)), column_map)
        self.layout = Layout(tuple(header.cells), header.columns, header.row)
        self._head = head[header.row :]
        self._done = header.row
        self.description = {"sheet": sheet.name}
        index = self.layout.index
        self._codes = [(index[c], n) for c, n in CODE_LENGTHS.items() if c in index]
        self._dates = [index[c] for c in DATE_COLUMNS if c in index]

    def _sheet(self, wanted: str | None) -> str:
        """The worksheet named (exactly, else ignoring case) or numbered from 1; the first
        when none is asked for."""
        names: list[str] = list(self._book.sheet_names)
        if wanted is None:
            return names[0]
        for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
            named = [n for n in names if same(n, wanted.strip())]
            if named:
                return named[0]
        if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
            return names[int(wanted) - 1]
        titles = [f"{i} {n!r}" for i, n in enumerate(names, 1)]
        raise UsageError(
            str(self.path), [problem("", "error.roster_no_sheet", value=wanted, sheets=titles)]
        )

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Rows after the header, cut or padded to the header's width."""
        width = self.layout.width
        codes, dates = self._codes, self._dates
        try:
            for values in itertools.chain(self._head, self._rows):
                self._done += 1
                cells = [v if v.__class__ is str else cell_text(v) for v in values]
                for at, length in codes:
                    if at < len(values) and _is_number(values[at]):
                        cells[at] = _code(values[at], length)
                for at in dates:
                    if at < len(values) and _is_number(values[at]):
                        cells[at] = _serial_date(values[at], cells[at])
                yield _fitted(cells, width)
        except Exception as error:  # noqa: BLE001 - a damaged sheet surfaces as any exception
            reason = str(error) or type(error).__name__
            raise UsageError(
                str(self.path),
                [problem("", "error.roster_xlsx_row", row=self._done, reason=reason)],
            ) from None

    def progress(self) -> tuple[int, int | None]:
        """Rows read of the rows the sheet says it has."""
        return self._done, self._total

    def close(self) -> None:
        """Release the workbook."""
        self._book.close()


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _code(value: float, length: int) -> str:
    """A code stored as a number, with the leading zeros a spreadsheet dropped."""
    if float(value).is_integer() and 0 <= value < 10**length:
        return str(int(value)).zfill(length)
    return cell_text(value)


def _serial_date(value: float, text: str) -> str:
    """An Excel serial number (44958) as the date it stands for (2023-02-01)."""
    if float(value).is_integer() and int(value) in SERIALS:
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    return text


def _trimmed(cells: list[str]) -> list[str]:
    """Without trailing empty cells (a sheet's used range may run past the header)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _fitted(cells: list[str], width: int) -> list[str] | Unreadable:
    """A sheet row at the header's width; a value beyond the header makes it unreadable."""
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    if len(cells) > width:
        beyond = [i for i in range(width, len(cells)) if cells[i].strip()]
        if beyond:
            found = problem("", "error.roster_beyond", column=beyond[0] + 1, width=width)
            return Unreadable(cells[:width], found)
        return cells[:width]
    return cells
