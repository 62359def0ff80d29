"""Roster reports (CONTRACT §Roster): CSV, XLSX, JSON, JSON Lines or an HTML page, one row
per input row.

A report file is written to a temporary file in its own directory and renamed over
the destination only when complete, so an interrupted or failed run leaves no half
report. Text cells that a spreadsheet would run as a formula are neutralised in CSV
and XLSX (OWASP "CSV injection"): a leading `'` makes them plain text.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from kzps.errors import UsageError, problem
from kzps.roster.csv_report import BUFFER, CsvReport
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
