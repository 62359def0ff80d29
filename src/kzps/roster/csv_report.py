"""The CSV report (CONTRACT §Roster): the input's cells and the result columns, with
the input's delimiter, in UTF-8, written in batches.

A row whose cells need no quoting and start no formula is joined directly (what
csv.writer would write, at a fraction of the cost); any other row goes through
csv.writer with its cells neutralised. The result columns are worked out once per
verdict, from a pattern worked out once per shape of verdict.
"""

from __future__ import annotations

import csv
import io
import shutil
from types import SimpleNamespace
from typing import IO, TYPE_CHECKING, TextIO

from kzps.memo import remember
from kzps.roster.columns import RESULT_COLUMNS
from kzps.roster.formulas import neutralised

if TYPE_CHECKING:
    from kzps.roster.header import Layout
    from kzps.roster.sentences import Sentences
    from kzps.roster.verdict import Verdict

BUFFER = 1 << 20
BATCH = 512  # rows joined into one write
#: How many report tails are remembered as patterns (a few per grade and status).
TAIL_MEMO = 1 << 12
#: A stand-in for the eligible_on date in a tail's pattern (Unicode's private use area).
ISO_SLOT = "\ue002"
#: Where eligible_on is among a verdict's texts (RESULT_COLUMNS, CONTRACT §Roster).
ELIGIBLE_ON = RESULT_COLUMNS.index("eligible_on")


class CsvReport:
    """CSV with the input's delimiter, written in batches.

    A row whose cells need no quoting and start no formula is joined directly (what
    csv.writer would write, at a fraction of the cost); any other row goes through
    csv.writer with its cells neutralised.
    """

    def __init__(
        self,
        stream: TextIO,
        layout: Layout,
        delimiter: str,
        sentences: Sentences,
        *,
        header: bool = True,
    ) -> None:
        self._stream = stream
        self._sentences = sentences
        self._lines: list[str] = []
        sink = SimpleNamespace(write=self._lines.append)
        self._writer = csv.writer(sink, delimiter=delimiter, lineterminator="\r\n")
        self._tail_lines: list[str] = []
        self._tails: dict[tuple[object, ...], str] = {}
        tails = SimpleNamespace(write=self._tail_lines.append)
        self._tail_writer = csv.writer(tails, delimiter=delimiter, lineterminator="\r\n")
        self._delimiter = delimiter
        self._keep = layout.keep
        self._inner = len(layout.output_header) - len(RESULT_COLUMNS) - 1
        self._dash = delimiter + "-"
        if header:  # a part of a list checked by another process has none
            self._writer.writerow([neutralised(name) for name in layout.output_header])

    def write(self, cells: list[str], verdict: Verdict) -> None:
        """One row: the input's cells, then the verdict's columns."""
        kept = cells if self._keep is None else [cells[i] for i in self._keep]
        head = self._delimiter.join(kept)
        tail = verdict.rendered(self._delimiter) or self._tail(verdict)
        if head.count(self._delimiter) == self._inner and self._plain(head):
            self._lines.append(head + tail)
        else:
            self._writer.writerow(
                [neutralised(c) for c in kept]
                + [neutralised(t) for t in verdict.texts]
                + [neutralised(self._sentences.of(verdict))]
            )
        if len(self._lines) >= BATCH:
            self.flush()

    def _plain(self, head: str) -> bool:
        """No quote, line break or formula start: written as joined, it reads back the same.

        Formula characters other than `-` are rare in staff lists, so any of them
        anywhere sends the row to csv.writer; `-` (in ids, names) only at a cell's start.
        """
        return not (
            '"' in head
            or "\n" in head
            or "\r" in head
            or "\t" in head
            or "=" in head
            or "+" in head
            or "@" in head
            or head[:1] == "-"
            or ("-" in head and self._dash in head)
        )

    def _tail(self, verdict: Verdict) -> str:
        """The verdict's columns as CSV text after a delimiter, worked out once per verdict
        from a pattern worked out once per shape of verdict: only the day differs."""
        day = verdict.eligible_on
        key = verdict.shape
        pattern = self._tails.get(key) if key is not None else None
        if pattern is None:
            texts = list(verdict.texts)
            if day is not None:
                texts[ELIGIBLE_ON] = ISO_SLOT
            self._tail_writer.writerow(
                [neutralised(text) for text in texts]
                + [neutralised(self._sentences.pattern(verdict))]
            )
            pattern = self._delimiter + self._tail_lines.pop()
            if key is not None:
                remember(self._tails, key, pattern, TAIL_MEMO)
        tail = pattern
        if day is not None:
            tail = self._sentences.fill(tail.replace(ISO_SLOT, verdict.texts[ELIGIBLE_ON]), verdict)
        return verdict.render(self._delimiter, tail)

    def append(self, part: IO[bytes]) -> None:
        """Add the rows another process wrote of a later part of the list (UTF-8 CSV,
        no header), byte for byte (as text, to a text stream without a buffer)."""
        self.flush()
        self._stream.flush()
        part.seek(0)
        buffer = getattr(self._stream, "buffer", None)
        if buffer is not None:
            shutil.copyfileobj(part, buffer, BUFFER)
            return
        text = io.TextIOWrapper(part, encoding="utf-8", newline="")
        shutil.copyfileobj(text, self._stream, BUFFER)
        text.detach()

    def flush(self) -> None:
        """Hand the batch of lines to the stream."""
        self._stream.write("".join(self._lines))
        self._lines.clear()

    def close(self) -> None:
        """Write what is left."""
        self.flush()
