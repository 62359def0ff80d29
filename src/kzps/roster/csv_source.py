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
#: How many bytes are looked through at once when rows are passed over by their bytes.
PASS_BLOCK = 1 << 20
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


def _plain(lines: bytes, end: int) -> bool:
    """Whether the lines in `lines[:end]` (each ended by a line feed, but for the last
    line of a file) hold no quote, NUL or carriage return but those before a line feed."""
    return (
        lines.find(b'"', 0, end) < 0
        and lines.find(b"\x00", 0, end) < 0
        and lines.count(b"\r", 0, end) == lines.count(b"\r\n", 0, end)
    )


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
        head = self._binary.read(SAMPLE_BYTES)
        sample = head.decode(self.encoding, "replace")
        self._binary.seek(0)
        #: Whether the first lines can be passed over by their bytes (see `passed`).
        self.passable = self.encoding != "utf-16" and _plain(head, head.rfind(b"\n") + 1)
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

    def records(self, offset: int = 0) -> Iterator[list[str] | Unreadable]:
        """Rows after the header; a row with unreadable bytes or quoting is `Unreadable`.
        From `offset` (where `passed` found a row after the header to begin): the rows
        from there."""
        self._binary.seek(offset)
        # Mid-file there is no byte-order mark to drop: a U+FEFF there is the row's own.
        encoding = "utf-8" if offset and self.encoding == "utf-8-sig" else self.encoding
        stream = io.TextIOWrapper(self._binary, encoding=encoding, errors="kzps.roster", newline="")
        reader = csv.reader(stream, delimiter=self.delimiter)
        seen = _Replacements.count
        try:
            if not offset:
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

    def passed(self, rows: int) -> tuple[int, int]:
        """How many of the file's first `rows` rows (the header's included) can be passed
        over by their bytes alone, and the byte offset of the row after them.

        A line of bytes is one row as the csv module reads it unless it holds a quote (a
        quoted cell may go on over lines), a carriage return before its end (a line
        break of its own) or a NUL: the first such line stops the pass, and the csv
        module reads on from there. UTF-16 is never passed over: its line breaks are
        two bytes, one of which may be any character's.
        """
        if self.encoding == "utf-16":
            return 0, 0
        passed = offset = 0
        try:
            self._binary.seek(0)
            while passed < rows:  # a whole block of lines at a time, where all are plain
                block = self._binary.read(PASS_BLOCK)
                end = block.rfind(b"\n") + 1
                lines = block.count(b"\n", 0, end)
                if not end or passed + lines > rows or not _plain(block, end):
                    break
                passed += lines
                offset += end
                self._binary.seek(offset)
            self._binary.seek(offset)
            while passed < rows:  # then line by line, up to the row or a line not plain
                line = self._binary.readline()
                if not line or not _plain(line, len(line)):
                    break
                passed += 1
                offset += len(line)
        except OSError:
            return 0, 0  # the csv module meets the same error and says so
        return passed, offset

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
