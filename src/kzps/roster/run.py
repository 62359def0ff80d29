"""A roster run: open the staff list, check every row in order, write the report and
count for the summary. Nothing here prints; the CLI shows the summary it returns."""

from __future__ import annotations

import datetime as dt
import gc
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from kzps.errors import UsageError, problem
from kzps.roster.columns import read_column_map
from kzps.roster.context import About, Context
from kzps.roster.csv_source import CsvSource
from kzps.roster.forecast import MONTHS, MOST_MONTHS, Forecast, forecast_data
from kzps.roster.interrupts import let_signals_in
from kzps.roster.parallel import Part, Progress, available_jobs, cuts, helping
from kzps.roster.repeats import Repeats, Seen
from kzps.roster.reports import (
    CsvReport,
    check_destination,
    open_report,
    report_format,
    write_text,
)
from kzps.roster.rows import Checker
from kzps.roster.sentences import Sentences
from kzps.roster.sources import STDIN, open_roster, stdin_copy
from kzps.roster.tally import LISTED, Tally

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from kzps.roster.header import Source, Unreadable
    from kzps.roster.verdict import Verdict
    from kzps.standard.load import Standard

PROGRESS_EVERY = 4096
PAGE_LISTED = 50  # people the HTML report names as eligible now and soon
STDOUT = Path("-")


class Rows:
    """A source's rows, read once and in parts: each part goes on from the row the part
    before it ended at."""

    def __init__(self, records: Iterator[list[str] | Unreadable], row: int) -> None:
        self.records = records
        self.row = row  # the number of the last row read

    @classmethod
    def of(cls, source: Source) -> Rows:
        """A source's rows from its start: the last row read is the header."""
        return cls(source.records(), source.layout.row)

    @classmethod
    def after(cls, source: CsvSource, last: int) -> Rows:
        """The rows after row `last` of a CSV file, passed over by their bytes as far as
        they can be (see CsvSource.passed) and read on by the csv module from there."""
        passed, offset = source.passed(last)
        rows = cls(source.records(offset), passed) if passed > source.layout.row else cls.of(source)
        rows.skip(last)
        return rows

    def skip(self, last: int) -> None:
        """Read on to row `last` without checking: another process checked those rows."""
        if self.row >= last:
            return
        for _ in self.records:
            self.row += 1
            if self.row >= last:
                return

    def close(self) -> None:
        """Let the source's reading end (before its file is closed), wherever it stands."""
        close = getattr(self.records, "close", None)
        if close is not None:
            close()


def check_rows(
    source: Source,
    checker: Checker,
    write: Callable[[list[str], Verdict], None],
    tally: Tally,
    progress: Progress | None = None,
    *,
    rows: Rows | None = None,
    last: int | None = None,
) -> None:
    """Check the rows in order, from where `rows` stands to row `last` (None: to the
    end), and hand each to `write`; blank rows are only counted."""
    if rows is None:
        rows = Rows.of(source)
    row = rows.row
    if last is not None and row >= last:
        return
    stop = -1 if last is None else last
    check = checker.check
    add = tally.add
    for cells in rows.records:
        row += 1
        if isinstance(cells, list):
            if any(cells):
                verdict = check(cells)
                write(cells, verdict)
                add(row, cells, verdict)
            else:
                tally.blank += 1
        else:
            shaped, verdict = checker.unreadable(cells)
            write(shaped, verdict)
            add(row, shaped, verdict)
        if not row % PROGRESS_EVERY:
            if progress is not None:
                progress(*source.progress())
            let_signals_in()
        if row == stop:
            break
    rows.row = row


class Run(NamedTuple):
    """What a run did: the counts, and how the file was read."""

    tally: Tally
    name: str
    description: dict[str, str]


def run_roster(
    file: Path,
    standard: Standard,
    as_of: dt.date,
    *,
    lang: str = "en",
    output: Path | None = None,
    columns: Path | None = None,
    sheet: str | None = None,
    show_iin: bool = False,
    force: bool = False,
    progress: Callable[[], AbstractContextManager[Progress | None]] | None = None,
    forecast: int | None = None,
    forecast_out: Path | None = None,
    jobs: int | None = None,
) -> Run:
    """Check the staff list `file` (`-`: standard input) and write its report to
    `output` (CSV on standard output without it), in `lang` where people read it.

    With `forecast` months (or `forecast_out`, or an HTML report: 12) the tally holds
    the promotion forecast too; `forecast_out` gets it as JSON (`-`: the caller prints
    it from the tally). A long list with a CSV report is checked by up to `jobs`
    processes (None: one per core, see kzps.roster.parallel), with the same result."""
    kind = report_format(output)
    months = _months(forecast, forecast_out, kind)
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs", [problem("", "error.jobs", value=jobs)])
    if forecast_out is not None:
        _check_forecast_out(forecast_out, file, output, force)
    mapping = read_column_map(columns) if columns else {}
    piped = str(file) == "-"
    with stdin_copy(sys.stdin.buffer) if piped else nullcontext(file) as path:
        job = _Job(path, mapping, sheet, standard, as_of, lang, output, kind, show_iin, force)
        job.name = STDIN if piped else path.name
        job.roster = file
        job.months = months
        job.jobs = available_jobs() if jobs is None else jobs
        done = _checked(job, output, progress)
    if forecast_out is not None and forecast_out != STDOUT and done.tally.forecast is not None:
        write_text(forecast_out, forecast_json(done.tally.forecast, standard))
    return done


def _checked(
    job: _Job,
    output: Path | None,
    progress: Callable[[], AbstractContextManager[Progress | None]] | None,
) -> Run:
    """Check every row and write the report (twice, rarely, when numbers repeat)."""
    if output is None:  # a stream cannot be written again: find repeats first
        with open_roster(job.path, job.mapping, job.sheet) as first:
            return job.run(Repeats.scan(first), None, progress)
    done, seen = job.run(None, True, progress), job.seen
    repeats = seen.repeats() if seen is not None else None
    if repeats:  # rarely: write the report again, with the repeated rows warned
        return job.run(repeats, None, progress)
    return done


def forecast_json(forecast: Forecast, standard: Standard) -> str:
    """The forecast as the JSON text scripts read (`--forecast-out`)."""
    import json

    return (
        json.dumps(forecast_data(forecast, standard), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
    )


def _months(forecast: int | None, forecast_out: Path | None, kind: str) -> int | None:
    """How many months to forecast: as asked, else 12 where a forecast is written."""
    if forecast is not None and not 1 <= forecast <= MOST_MONTHS:
        raise UsageError(
            "--forecast", [problem("", "error.forecast_months", most=MOST_MONTHS, value=forecast)]
        )
    if forecast is None and (forecast_out is not None or kind == "html"):
        return MONTHS
    return forecast


def _check_forecast_out(path: Path, roster: Path, output: Path | None, force: bool) -> None:
    """The forecast goes to a .json file that is neither the list nor the report, or to
    standard output when the report does not."""
    where = str(path)
    if path == STDOUT:
        if output is None:
            raise UsageError("--forecast-out", [problem("", "error.forecast_out_stdout")])
        return
    if path.suffix.lower() != ".json":
        raise UsageError(where, [problem("", "error.forecast_out_format")])
    if output is not None and (path == output or path.resolve() == output.resolve()):
        raise UsageError(where, [problem("", "error.forecast_out_is_report")])
    check_destination(path, roster if str(roster) != "-" else None, force=force)


class _Job:
    """One staff list, to be checked once (or, when numbers repeat, twice)."""

    def __init__(
        self,
        path: Path,
        mapping: dict[str, tuple[str, ...]],
        sheet: str | None,
        standard: Standard,
        as_of: dt.date,
        lang: str,
        output: Path | None,
        kind: str,
        show_iin: bool,
        force: bool,
    ) -> None:
        self.path, self.mapping, self.sheet = path, mapping, sheet
        self.standard, self.as_of, self.lang = standard, as_of, lang
        self.output, self.kind, self.show_iin, self.force = output, kind, show_iin, force
        self.name = path.name
        self.roster = path
        self.seen: Seen | None = None
        self.months: int | None = None
        self.jobs = 1

    def run(
        self,
        repeats: Repeats | None,
        collect: bool | None,
        progress: Callable[[], AbstractContextManager[Progress | None]] | None,
    ) -> Run:
        """Check every row and write the report; a long CSV list on several cores."""
        with open_roster(self.path, self.mapping, self.sheet) as source:
            self.seen = Seen(source) if collect else None
            checker, tally, context = self._counted(source, repeats, self.seen)
            last_rows = self._cuts(source)
            rows = Rows.of(source)
            with (
                helping(last_rows, partial(self._part, repeats, collect)) as helpers,
                open_report(
                    self.output,
                    self.kind,
                    source.layout,
                    source.delimiter,
                    sys.stdout,
                    context,
                    roster=self.roster,
                    force=self.force,
                ) as report,
                (progress or _no_progress)() as shown,
                collector_paused(),
                closing(rows),
            ):
                told = helpers.watch(shown, source.progress)
                first = last_rows[0] if last_rows else None
                check_rows(source, checker, report.write, tally, told, rows=rows, last=first)
                rest = partial(check_rows, source, checker, report.write, tally, told, rows=rows)
                if isinstance(report, CsvReport):
                    if last_rows:
                        checker.forget()  # the helpers' hashes come in now
                    helpers.finish(report, tally, self.seen, rows.skip, rest)
                else:  # only CSV is cut into parts; whatever is left is checked here
                    rest()
            return Run(tally, self.name, source.description)

    def _counted(
        self, source: Source, repeats: Repeats | None, seen: Seen | None
    ) -> tuple[Checker, Tally, Context]:
        """What checks the rows of `source` and what counts them."""
        from kzps.version import __version__

        checker = Checker(self.standard, source.layout, self.as_of, self.show_iin, repeats, seen)
        forecast = Forecast(self.as_of, self.months) if self.months else None
        listed = PAGE_LISTED if self.kind == "html" else LISTED
        tally = Tally(self.as_of, source.layout, listed=listed, forecast=forecast)
        about = About(self.standard, self.as_of, self.name, __version__)
        context = Context(Sentences(self.standard, self.lang, self.as_of), tally, about)
        return checker, tally, context

    def _cuts(self, source: Source) -> list[int]:
        """Where a long CSV list is cut into parts for several processes (see
        kzps.roster.parallel); none for a short list, a workbook or another report."""
        if self.kind != "csv" or not isinstance(source, CsvSource):
            return []
        return cuts(self.path, source.layout.row, self.jobs, passable=source.passable)

    def _part(
        self,
        repeats: Repeats | None,
        collect: bool | None,
        first: int,
        last: int | None,
        progress: Progress,
        output: IO[bytes],
    ) -> Part:
        """In a helper process: check rows `first` to `last` (None: to the end) and write
        their report rows to `output`, as UTF-8 CSV without a header."""
        with closing(CsvSource(self.path, self.mapping)) as source:  # only CSV lists are cut
            seen = Seen(source) if collect else None
            checker, tally, context = self._counted(source, repeats, seen)
            rows = Rows.after(source, first - 1)
            with closing(rows), collector_paused():
                progress(*source.progress())  # where the part begins
                stream = io.TextIOWrapper(output, encoding="utf-8", newline="")
                layout, delimiter = source.layout, source.delimiter
                report = CsvReport(stream, layout, delimiter, context.sentences, header=False)
                check_rows(source, checker, report.write, tally, progress, rows=rows, last=last)
                report.close()
                stream.flush()
                stream.detach()
            return Part(tally.share(), seen)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector, paused while the rows are checked and resumed after.

    The row path makes no reference cycles, so the collector would find nothing: it
    would only walk the growing memos again and again, about 5 % of a long run."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _no_progress() -> AbstractContextManager[Progress | None]:
    return nullcontext(None)
