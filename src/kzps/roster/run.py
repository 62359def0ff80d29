"""A roster run: open the staff list, check every row in order, write the report and
count for the summary. Nothing here prints; the CLI shows the summary it returns."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kzps.roster.columns import read_column_map
from kzps.roster.repeats import Repeats
from kzps.roster.reports import open_report, report_format
from kzps.roster.rows import Checker
from kzps.roster.sources import STDIN, open_roster, stdin_copy
from kzps.roster.tally import Tally

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from kzps.roster.header import Source
    from kzps.roster.verdict import Verdict
    from kzps.standard.load import Standard

Progress = Callable[[int, int | None], None]
PROGRESS_EVERY = 4096


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
        if progress is not None and not row % PROGRESS_EVERY:
            progress(*source.progress())


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
    output: Path | None = None,
    columns: Path | None = None,
    sheet: str | None = None,
    show_iin: bool = False,
    force: bool = False,
    progress: Callable[[], AbstractContextManager[Progress | None]] | None = None,
) -> Run:
    """Check the staff list `file` (`-`: standard input) and write its report to
    `output` (CSV on standard output without it)."""
    kind = report_format(output)
    mapping = read_column_map(columns) if columns else {}
    piped = str(file) == "-"
    with stdin_copy(sys.stdin.buffer) if piped else nullcontext(file) as path:
        with open_roster(path, mapping, sheet) as first:  # repeated numbers and IINs
            repeats = Repeats.scan(first)
        with open_roster(path, mapping, sheet) as source:
            checker = Checker(standard, source.layout, as_of, show_iin, repeats)
            tally = Tally(as_of, source.layout)
            with (
                open_report(
                    output,
                    kind,
                    source.layout,
                    source.delimiter,
                    sys.stdout,
                    roster=file,
                    force=force,
                ) as report,
                (progress or _no_progress)() as shown,
            ):
                check_rows(source, checker, report.write, tally, shown)
            return Run(tally, STDIN if piped else path.name, source.description)


def _no_progress() -> AbstractContextManager[Progress | None]:
    return nullcontext(None)
