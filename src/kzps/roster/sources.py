"""Opening a staff list: CSV or Excel by its content, a file or standard input."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kzps.errors import KzpsError, UsageError, problem
from kzps.files import open_binary
from kzps.roster.csv_source import CsvSource
from kzps.roster.workbook_source import WorkbookSource

if TYPE_CHECKING:
    from kzps.roster.header import Source

#: How a staff list read from standard input (`kzps roster -`) is named in messages.
STDIN = "stdin"
#: How much of standard input is copied at a time.
COPY_CHUNK = 1 << 20


@contextmanager
def stdin_copy(stream: BinaryIO) -> Iterator[Path]:
    """Standard input copied to a temporary file, chunk by chunk: finding the encoding
    and the header, and reading a workbook, need a file to seek in. An error that
    names the copy names standard input instead; the copy is removed afterwards."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kzps-") as folder:
        path = Path(folder) / STDIN
        with path.open("wb") as copy:
            shutil.copyfileobj(stream, copy, COPY_CHUNK)
        try:
            yield path
        except KzpsError as error:
            if error.origin == str(path):
                error.origin = STDIN
            raise


@contextmanager
def open_roster(
    path: Path, column_map: dict[str, tuple[str, ...]], sheet: str | None = None
) -> Iterator[Source]:
    """A staff list, CSV or a workbook by its content; an unusable file is an error (exit 2
    or 3).

    `sheet` names or numbers the worksheet of a workbook; a CSV file has none to choose.
    """
    source: CsvSource | WorkbookSource
    if _is_workbook(path):
        source = WorkbookSource(path, column_map, sheet)
    elif sheet is not None:
        raise UsageError("--sheet", [problem("", "error.roster_sheet_csv", file=str(path))])
    else:
        source = CsvSource(path, column_map)
    try:
        yield source
    finally:
        source.close()


#: The first bytes of workbooks: a ZIP archive (.xlsx, .xlsm, .xlsb, .ods) or an OLE2
#: compound file (.xls, as 1C and older Excel save it).
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


def _is_workbook(path: Path) -> bool:
    """Whether the file is a workbook, by its content whatever its name says; a file
    named as a workbook that is not one is an error rather than a CSV read as text."""
    with open_binary(path) as stream:
        head = stream.read(8)
    if head.startswith(WORKBOOK_MAGIC):
        return True
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise UsageError(str(path), [problem("", "error.roster_not_xlsx")])
    return False
