"""An Excel staff list: one worksheet of an .xlsx workbook, read row by row."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kzps.errors import DataError, UsageError, problem
from kzps.roster.header import HEADER_SEARCH, Layout, Unreadable, find_header
from kzps.roster.iin import IIN_LENGTH

if TYPE_CHECKING:
    from pathlib import Path


def openpyxl_module(origin: str) -> Any:
    """openpyxl, or a usage error that says how to install it (the `xlsx` extra)."""
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise UsageError(origin, [problem("", "error.roster_needs_openpyxl")]) from None
    return openpyxl


class XlsxSource:
    """One worksheet of an .xlsx workbook (the first, or the one asked for), read row by
    row in read-only mode."""

    delimiter = ","

    def __init__(
        self, path: Path, column_map: dict[str, tuple[str, ...]], sheet_name: str | None = None
    ) -> None:
        openpyxl = openpyxl_module(str(path))
        self.path = path
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            reason = str(error) or type(error).__name__
            raise UsageError(str(path), [problem("", "error.roster_xlsx", reason=reason)]) from None
        sheet = self._sheet(sheet_name)
        try:
            self._total: int | None = sheet.max_row
            sheet.reset_dimensions()  # a sheet's stated size may be wrong: read what is there
            self._rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
            head = list(itertools.islice(self._rows, HEADER_SEARCH))
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            self._book.close()
            reason = str(error) or type(error).__name__
            raise UsageError(str(path), [problem("", "error.roster_xlsx", reason=reason)]) from None
        texts = [_trimmed([cell_text(v) for v in row]) for row in head]
        try:
            header = find_header(path, ((",", n, t) for n, t in enumerate(texts, 1)), column_map)
        except DataError:
            self._book.close()
            raise
        self.layout = Layout(tuple(header.cells), header.columns, header.row)
        self._head = head[header.row :]
        self._done = header.row
        self.description = {"sheet": str(sheet.title)}

    def _sheet(self, wanted: str | None) -> Any:
        """The worksheet named (exactly, else ignoring case) or numbered from 1; the first
        when none is asked for."""
        sheets = self._book.worksheets
        if wanted is None:
            return sheets[0]
        for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
            named = [s for s in sheets if same(str(s.title), wanted.strip())]
            if named:
                return named[0]
        if wanted.strip().isdigit() and 1 <= int(wanted) <= len(sheets):
            return sheets[int(wanted) - 1]
        self._book.close()
        titles = [f"{i} {s.title!r}" for i, s in enumerate(sheets, 1)]
        raise UsageError(
            str(self.path), [problem("", "error.roster_no_sheet", value=wanted, sheets=titles)]
        )

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Rows after the header, cut or padded to the header's width."""
        width = self.layout.width
        iin = self.layout.index.get("iin")
        try:
            for values in itertools.chain(self._head, self._rows):
                self._done += 1
                cells = [cell_text(v) for v in values]
                if iin is not None and iin < len(values) and isinstance(values[iin], int | float):
                    cells[iin] = cells[iin].zfill(IIN_LENGTH)  # a number lost the leading zeros
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
