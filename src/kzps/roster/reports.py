"""Roster reports (CONTRACT §Roster): CSV, XLSX, JSON, JSON Lines or an HTML page, one row
per input row.

A report file is written to a temporary file in its own directory and renamed over
the destination only when complete, so an interrupted or failed run leaves no half
report. Text cells that a spreadsheet would run as a formula are neutralised in CSV
and XLSX (OWASP "CSV injection"): a leading `'` makes them plain text.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import SimpleNamespace
from typing import IO, TYPE_CHECKING, Protocol, TextIO

from kzps.errors import UsageError, problem
from kzps.memo import remember
from kzps.roster.columns import RESULT_COLUMNS
from kzps.roster.formulas import neutralised
from kzps.roster.json_report import JsonReport, json_keys

if TYPE_CHECKING:
    from kzps.roster.context import Context
    from kzps.roster.header import Layout
    from kzps.roster.sentences import Sentences
    from kzps.roster.verdict import Verdict

FORMATS = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
}
BUFFER = 1 << 20
BATCH = 512  # rows joined into one write
#: How many report tails are remembered as patterns (a few per grade and status).
TAIL_MEMO = 1 << 12
#: A stand-in for the eligible_on date in a tail's pattern (Unicode's private use area).
ISO_SLOT = "\ue002"
#: Where eligible_on is among a verdict's texts (RESULT_COLUMNS, CONTRACT §Roster).
ELIGIBLE_ON = RESULT_COLUMNS.index("eligible_on")


def report_format(path: Path | None) -> str:
    """The report's format from the extension of `-o` (CSV on stdout without it)."""
    if path is None:
        return "csv"
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        if not path.suffix:
            raise UsageError(str(path), [problem("", "error.report_no_extension_any")])
        raise UsageError(str(path), [problem("", "error.report_format_any", value=path.suffix)])
    return kind


class Report(Protocol):
    """Where checked rows go, one at a time, in input order."""

    def write(self, cells: list[str], verdict: Verdict) -> None:
        """Write one row: its input cells, then the result columns."""
        ...


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
        no header), byte for byte."""
        self.flush()
        self._stream.flush()
        part.seek(0)
        shutil.copyfileobj(part, self._stream.buffer, BUFFER)

    def flush(self) -> None:
        """Hand the batch of lines to the stream."""
        self._stream.write("".join(self._lines))
        self._lines.clear()

    def close(self) -> None:
        """Write what is left."""
        self.flush()


@contextmanager
def open_report(
    path: Path | None,
    kind: str,
    layout: Layout,
    delimiter: str,
    stdout: TextIO,
    context: Context,
    *,
    roster: Path | None = None,
    force: bool = False,
) -> Iterator[Report]:
    """A report to write rows to: a file written atomically, or CSV on stdout.

    A file that is there and read-only is not replaced unless `force` says so."""
    if path is None:
        with _stdout_report(stdout, layout, delimiter, context.sentences) as report:
            yield report
        return
    check_destination(path, roster, force=force)
    try:
        with atomic_file(path) as temporary:
            if kind == "xlsx":
                from kzps.roster.workbook_report import PeopleReport

                workbook = PeopleReport(
                    temporary, layout, context.sentences, context.tally, context.about
                )
                yield workbook
                workbook.finish()
                workbook.save()
                return
            if kind == "html":
                yield from _html_report(temporary, layout, context)
                return
            with temporary.open("w", encoding="utf-8", newline="", buffering=BUFFER) as stream:
                if kind == "csv":
                    stream.write("\ufeff")  # the BOM tells Excel the file is UTF-8
                yield from _text_report(kind, stream, layout, delimiter, context.sentences)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(str(path), [problem("", "error.report_write", reason=reason)]) from None


def _text_report(
    kind: str, stream: TextIO, layout: Layout, delimiter: str, sentences: Sentences
) -> Iterator[Report]:
    """A CSV, JSON or JSON Lines report on `stream`, ended when the rows are done."""
    report: CsvReport | JsonReport = (
        CsvReport(stream, layout, delimiter, sentences)
        if kind == "csv"
        else JsonReport(stream, layout, lines=kind == "jsonl", sentences=sentences)
    )
    yield report
    report.close()


def _html_report(path: Path, layout: Layout, context: Context) -> Iterator[Report]:
    """The page for managers, written when the rows are done; its spool always dropped."""
    from kzps.roster.html_report import HtmlReport

    page = HtmlReport(path, layout, context)
    try:
        yield page
        page.finish()
    finally:
        page.close()


@contextmanager
def _stdout_report(
    stdout: TextIO, layout: Layout, delimiter: str, sentences: Sentences
) -> Iterator[Report]:
    """CSV on stdout, in UTF-8 whatever the console's encoding (no BOM: scripts read it)."""
    buffer = getattr(stdout, "buffer", None)
    stream: TextIO = (
        io.TextIOWrapper(buffer, encoding="utf-8", newline="") if buffer is not None else stdout
    )
    try:
        report = CsvReport(stream, layout, delimiter, sentences)
        yield report
        report.close()
        stream.flush()
    finally:
        if stream is not stdout:
            with suppress(ValueError, OSError):
                stream.detach()  # type: ignore[attr-defined]


def check_destination(path: Path, roster: Path | None, *, force: bool) -> None:
    """A report file must not replace the staff list, nor a read-only file without `force`."""
    if roster is not None and _same_file(path, roster):
        raise UsageError(str(path), [problem("", "error.report_is_roster")])
    if not force and _read_only(path):
        raise UsageError(str(path), [problem("", "error.report_read_only")])


def write_text(path: Path, text: str) -> None:
    """A small file written atomically (the forecast's JSON), an OSError said as usage."""
    try:
        with atomic_file(path) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(str(path), [problem("", "error.report_write", reason=reason)]) from None


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it only if the block completes."""
    mode = _mode(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, mode)
        _sync(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The mode the report gets: that of the file it replaces, else the umask's default."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync(path: Path) -> None:
    """Make the file's bytes durable before the rename makes it visible."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _read_only(path: Path) -> bool:
    """Whether a file is there and marked read-only (by its mode: root may write anyway)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not stat.S_IMODE(mode) & 0o222 or not os.access(path, os.W_OK))


def _same_file(path: Path, other: Path) -> bool:
    """Whether two paths name one file (the report must not replace its own roster)."""
    try:
        return path.resolve() == other.resolve() or (path.exists() and path.samefile(other))
    except OSError:
        return False


__all__ = [
    "FORMATS",
    "CsvReport",
    "JsonReport",
    "Report",
    "atomic_file",
    "check_destination",
    "json_keys",
    "open_report",
    "report_format",
    "write_text",
]
