"""A roster run: open the staff list, check every row in order, write the report and
count for the summary. Nothing here prints; the CLI shows the summary it returns."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kzps.errors import UsageError, problem
from kzps.roster.columns import read_column_map
from kzps.roster.context import About, Context
from kzps.roster.forecast import MONTHS, MOST_MONTHS, Forecast, forecast_data
from kzps.roster.interrupts import let_signals_in
from kzps.roster.repeats import Repeats, Seen
from kzps.roster.reports import (
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

    from kzps.roster.header import Source
    from kzps.roster.verdict import Verdict
    from kzps.standard.load import Standard

Progress = Callable[[int, int | None], None]
PROGRESS_EVERY = 4096
PAGE_LISTED = 50  # people the HTML report names as eligible now and soon
STDOUT = Path("-")


def check_rows(
    source: Source,
    checker: Checker,
    write: Callable[[list[str], Verdict], None],
    tally: Tally,
    progress: Progress | None = None,
) -> None:
    """Check every row in order and hand each to `write`; blank rows are only counted."""
    row = source.layout.row
    check = checker.check
    add = tally.add
    for cells in source.records():
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
) -> Run:
    """Check the staff list `file` (`-`: standard input) and write its report to
    `output` (CSV on standard output without it), in `lang` where people read it.

    With `forecast` months (or `forecast_out`, or an HTML report: 12) the tally holds
    the promotion forecast too; `forecast_out` gets it as JSON (`-`: the caller prints
    it from the tally)."""
    kind = report_format(output)
    months = _months(forecast, forecast_out, kind)
    if forecast_out is not None:
        _check_forecast_out(forecast_out, file, output, force)
    mapping = read_column_map(columns) if columns else {}
    piped = str(file) == "-"
    with stdin_copy(sys.stdin.buffer) if piped else nullcontext(file) as path:
        job = _Job(path, mapping, sheet, standard, as_of, lang, output, kind, show_iin, force)
        job.name = STDIN if piped else path.name
        job.roster = file
        job.months = months
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

    def run(
        self,
        repeats: Repeats | None,
        collect: bool | None,
        progress: Callable[[], AbstractContextManager[Progress | None]] | None,
    ) -> Run:
        """Check every row and write the report."""
        from kzps.version import __version__

        with open_roster(self.path, self.mapping, self.sheet) as source:
            self.seen = Seen(source) if collect else None
            checker = Checker(
                self.standard, source.layout, self.as_of, self.show_iin, repeats, self.seen
            )
            forecast = Forecast(self.as_of, self.months) if self.months else None
            listed = PAGE_LISTED if self.kind == "html" else LISTED
            tally = Tally(self.as_of, source.layout, listed=listed, forecast=forecast)
            about = About(self.standard, self.as_of, self.name, __version__)
            context = Context(Sentences(self.standard, self.lang, self.as_of), tally, about)
            with (
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
            ):
                check_rows(source, checker, report.write, tally, shown)
            return Run(tally, self.name, source.description)


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
