"""A CSV staff list: its encoding detected, its delimiter sniffed from the header, and
every row kept in its place, even one that cannot be read."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from kzps.errors import DataError, UsageError, problem
from kzps.files import SAMPLE_BYTES, encoding_of, open_binary
from kzps.roster.header import HEADER_SEARCH, Layout, Unreadable, find_header

if TYPE_CHECKING:
    from pathlib import Path

DELIMITERS = (";", ",", "\t")
_SHOWN = {";": "';'", ",": "','", "\t": "TAB"}


class _Replacements:
    """Counts bytes the decoder could not read, so the row holding them can say so."""

    count: ClassVar[int] = 0


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: replace with U+FFFD, and count (errors="replace" is silent)."""
    _Replacements.count += 1
    end: int = getattr(error, "end", 0)
    return "\ufffd", end


codecs.register_error("kzps.roster", _replace_and_count)


def detect_encoding(path: Path) -> str:
    """The file's encoding (see kzps.files.encoding_of)."""
    with open_binary(path) as stream:
        return encoding_of(stream)


class CsvSource:
    """A CSV staff list: encoding detected, delimiter sniffed from the header."""

    def __init__(self, path: Path, column_map: dict[str, tuple[str, ...]]) -> None:
        self.path = path
        self.encoding = detect_encoding(path)
        self._binary = path.open("rb")
        self._size = path.stat().st_size
        sample = self._binary.read(SAMPLE_BYTES).decode(self.encoding, "replace")
        self._binary.seek(0)
        if "\x00" in sample:
            self._binary.close()
            raise UsageError(str(path), [problem("", "error.roster_not_text")])
        try:
            header = find_header(path, self._attempts(sample), column_map)
        except DataError:
            self._binary.close()
            raise
        self.delimiter = header.delimiter
        self.layout = Layout(tuple(header.cells), header.columns, header.row)
        self.description = {"encoding": self.encoding, "delimiter": _SHOWN[self.delimiter]}

    @staticmethod
    def _attempts(sample: str) -> Iterator[tuple[str, int, list[str]]]:
        """The first rows of the sample, split by each delimiter in turn."""
        for delimiter in DELIMITERS:
            rows = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            for number, cells in enumerate(itertools.islice(rows, HEADER_SEARCH), 1):
                yield delimiter, number, cells

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Rows after the header; a row with unreadable bytes or quoting is `Unreadable`."""
        stream = io.TextIOWrapper(
            self._binary, encoding=self.encoding, errors="kzps.roster", newline=""
        )
        reader = csv.reader(stream, delimiter=self.delimiter)
        seen = _Replacements.count
        try:
            for cells in itertools.islice(reader, self.layout.row):  # the header and above
                seen += sum(c.count("\ufffd") for c in cells)
            yield from self._rows(reader, seen)
        except OSError as error:
            reason = error.strerror or str(error)
            raise UsageError(
                str(self.path), [problem("", "error.unreadable", reason=reason)]
            ) from None
        finally:
            stream.detach()

    def _rows(self, reader: Iterator[list[str]], seen: int) -> Iterator[list[str] | Unreadable]:
        """The reader's rows; a row the csv module rejects keeps its place, unreadable.

        `seen` counts the bytes replaced so far; when the decoder has replaced more, the
        rows are searched for U+FFFD until every replacement has its row.
        """
        while True:
            try:
                for cells in reader:
                    if _Replacements.count == seen:
                        yield cells
                    else:
                        seen, marked = self._replaced(cells, seen)
                        yield marked
                return
            except csv.Error as error:
                yield Unreadable([], problem("", "error.roster_row_csv", reason=str(error)))

    def _replaced(self, cells: list[str], seen: int) -> tuple[int, list[str] | Unreadable]:
        """Mark the row that holds replaced bytes (decoding runs ahead of the rows)."""
        found = sum(c.count("\ufffd") for c in cells)
        if not found:
            return seen, cells
        position = next(i for i, c in enumerate(cells) if "\ufffd" in c)
        where = self.layout.header[position].strip() if position < self.layout.width else ""
        bad = problem(where, "error.roster_bytes", encoding=self.encoding)
        return min(seen + found, _Replacements.count), Unreadable(cells, bad)

    def progress(self) -> tuple[int, int | None]:
        """Bytes read of the file's size."""
        return (self._size if self._binary.closed else self._binary.tell()), self._size

    def close(self) -> None:
        """Release the file."""
        self._binary.close()


_SHOWN = {";": "';'", ",": "','", "\t": "TAB"}
