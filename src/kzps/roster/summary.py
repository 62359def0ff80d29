"""The roster summary as rich renderables: counts, who is eligible now or soon, a bar chart.

Everything shown here was decided by the engine and counted by `roster.tally.Tally`;
this module only says it, in the chosen language.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING

from kzps.roster.tally import LISTED, SOON_DAYS
from kzps.standard.level import Level
from kzps.views.check import STATUS_COLOUR

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from rich.console import RenderableType

    from kzps.roster.forecast import Forecast
    from kzps.roster.parallel import Progress
    from kzps.roster.people import Person
    from kzps.roster.tally import Tally
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog

BAR_WIDTH = 30
STATUSES = ("eligible", "not_yet", "needs_review", "not_eligible", "top")


def heading(file: str, description: dict[str, str], as_of: dt.date, words: Catalog) -> str:
    """The summary's first line: the file, how it was read, and the as-of date."""
    if "sheet" in description:
        source = words.say("roster.source_xlsx", **description)
    else:
        source = words.say("roster.source_csv", **description)
    return words.say("roster.heading", file=file, source=source, date=words.date(as_of))


@contextmanager
def progress_bar(words: Catalog, shown: bool = True) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal (not piped, not in CI); else None.

    The bar starts with the first report of progress, which comes only after a few
    thousand rows: a short roster never shows one.
    """
    if not shown:  # --quiet: rich is not even loaded
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal or os.environ.get("CI"):
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task(words.say("roster.progress"), total=None)

    def update(done: int, total: int | None) -> None:
        """Move the bar, starting it on the first call."""
        if not bar.live.is_started:
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        bar.stop()


def summary_view(
    tally: Tally,
    words: Catalog,
    standard: Standard,
    title: str,
    report: str | None = None,
    *,
    forecast: bool = False,
) -> list[RenderableType]:
    """The whole summary, top to bottom, for a terminal (or a log when piped); with the
    promotion forecast when `forecast` asks for it."""
    from rich.text import Text

    parts: list[RenderableType] = [Text(title, style="bold"), Text(_totals(tally, words))]
    parts += _errors(tally, words)
    if tally.warned:
        parts.append(Text(words.say("roster.warned", rows=tally.warned), style="yellow"))
    if tally.repeated:
        parts.append(Text(words.say("roster.repeated", rows=tally.repeated), style="yellow"))
    if tally.checked:
        parts += grade_chart(tally, words, standard)
        parts += status_table(tally, words)
    parts += _people(
        words.say("roster.eligible_now", people=words.count("person", tally.eligible)),
        tally.eligible_first[:LISTED],
        tally.eligible,
        words,
        soon=False,
    )
    soon = words.say(
        "roster.eligible_soon",
        days=words.count("day", SOON_DAYS),
        people=words.count("person", tally.soon),
    )
    parts += _people(soon, tally.soon_first[:LISTED], tally.soon, words, soon=True)
    if forecast and tally.forecast is not None:
        parts += forecast_view(tally.forecast, words, standard)
    if report is not None:
        parts.append(Text(words.say("roster.report", path=report), style="bold"))
    return parts


def forecast_view(forecast: Forecast, words: Catalog, standard: Standard) -> list[RenderableType]:
    """The promotion forecast: people eligible now, then month by month, by next grade,
    with a bar; then who, month by month (the first few of each month named)."""
    from rich.table import Table
    from rich.text import Text

    from kzps.roster.forecast import grades_line, level_order, month_name

    def line(cells: dict[str, int]) -> str:
        order = sorted(cells, key=lambda level: level_order(level, standard))
        return grades_line((level, cells[level]) for level in order)

    say = words.say
    title = say(
        "forecast.title",
        months=words.count("month", forecast.months),
        first=words.date(forecast.as_of),
        last=words.date(forecast.until),
    )
    table = Table(box=None, padding=(0, 1, 0, 2))
    table.add_column(say("forecast.month"), min_width=14)
    table.add_column(say("roster.people"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(say("forecast.grades"), min_width=16)
    now = {level: cell.people for level, cell in forecast.now.items()}
    table.add_row(say("forecast.now"), str(forecast.eligible_now), "", line(now))
    calendar = forecast.calendar()
    largest = max((forecast.total(m.offset) for m in calendar), default=0)
    for month in calendar:
        counts = forecast.counts(month.offset)
        total = sum(counts.values())
        bar = _bar(total, largest, BAR_WIDTH // 3) if total else ""
        table.add_row(month_name(words, month.first), str(total), bar, line(counts))
    later = say("forecast.later", date=words.date(forecast.until))
    table.add_row(later, str(forecast.after), "", line(forecast.later))
    parts: list[RenderableType] = [Text(title, style="bold"), table]
    if forecast.within:
        parts.append(Text(say("forecast.who"), style="bold"))
    for month in calendar:
        named = forecast.named_in(month.offset)
        if named:
            parts.append(Text("  " + month_name(words, month.first)))
            parts += _named(named[:LISTED], forecast.total(month.offset), words)
    return parts


def _named(people: list[Person], total: int, words: Catalog) -> list[RenderableType]:
    """People of one month, each with their next grade and its date; how many more."""
    from rich.text import Text

    parts: list[RenderableType] = []
    for person in people:
        who = " ".join(p for p in (person.id, person.name) if p)
        said = words.say(
            "roster.person_soon", who=who, level=person.level, date=_date(person, words)
        )
        parts.append(Text("    " + said))
    if total > len(people):
        more = words.count("person", total - len(people))
        parts.append(Text("    " + words.say("roster.more_people", people=more)))
    return parts


def _totals(tally: Tally, words: Catalog) -> str:
    """Rows read, checked and with errors (and blank rows skipped, if any)."""
    line = words.say(
        "roster.totals",
        rows=words.count("row", tally.read),
        checked=tally.checked,
        errors=tally.errors,
    )
    if tally.blank:
        line += " " + words.say("roster.blank", rows=words.count("row", tally.blank))
    return line


def _errors(tally: Tally, words: Catalog) -> list[RenderableType]:
    """The first rows with errors, with their row numbers and reasons."""
    from rich.text import Text

    if not tally.errors:
        return []
    parts: list[RenderableType] = [Text(words.say("roster.errors_first"), style="bold red")]
    for row, problems in tally.first_errors:
        reason = "; ".join(words.problem(p) for p in problems)
        parts.append(Text("  " + words.say("roster.error_line", row=row, problem=reason)))
    hidden = tally.errors - len(tally.first_errors)
    if hidden:
        parts.append(Text("  " + words.say("roster.more", rows=words.count("row", hidden))))
    return parts


def grade_chart(tally: Tally, words: Catalog, standard: Standard) -> list[RenderableType]:
    """People by current grade, in the standard's order, each with a bar."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1, 0, 2))
    table.add_column(words.say("roster.grade"))
    table.add_column(words.say("roster.people"), justify="right")
    table.add_column("")
    counts = tally.by_grade
    largest = max(counts.values(), default=0)
    for grade in sorted(counts, key=lambda g: _grade_order(g, standard)):
        shown = grade if grade is not None else words.say("roster.unplaced")
        table.add_row(shown, str(counts[grade]), _bar(counts[grade], largest))
    return [Text(words.say("roster.by_grade"), style="bold"), table]


def status_table(tally: Tally, words: Catalog) -> list[RenderableType]:
    """People by the status of their next grade."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1, 0, 2))
    table.add_column(words.say("label.status"))
    table.add_column(words.say("roster.people"), justify="right")
    counts = tally.by_status
    for status in STATUSES:
        if counts.get(status):
            name = words.say("roster.top") if status == "top" else words.say(f"status.{status}")
            table.add_row(Text(name, style=STATUS_COLOUR[status]), str(counts[status]))
    return [Text(words.say("roster.by_status"), style="bold"), table]


def _people(
    title: str, people: list[Person], total: int, words: Catalog, *, soon: bool
) -> list[RenderableType]:
    """A heading with the number of people, the first few named, and how many more."""
    from rich.text import Text

    parts: list[RenderableType] = [Text(title, style="bold")]
    for person in people:
        who = " ".join(p for p in (person.id, person.name) if p)
        if soon and person.eligible_on is not None:
            line = words.say(
                "roster.person_soon", who=who, level=person.level, date=_date(person, words)
            )
        else:
            line = words.say("roster.person_now", who=who, level=person.level)
        parts.append(Text("  " + line))
    if total > len(people):
        more = words.count("person", total - len(people))
        parts.append(Text("  " + words.say("roster.more_people", people=more)))
    return parts


def _date(person: Person, words: Catalog) -> str:
    """The person's date as the language writes dates."""
    day: dt.date | None = person.eligible_on
    return words.date(day) if day is not None else ""


def _bar(count: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar proportional to `count`; any non-zero count shows at least one block."""
    if not largest:
        return ""
    return "█" * max(1, round(count * width / largest))


def _grade_order(grade: str | None, standard: Standard) -> tuple[int, str]:
    """Unplaced first, then the standard's own order (8.3 comes before 8.2)."""
    if grade is None:
        return (-1, "")
    return (standard.order.get(Level(grade).grade, len(standard.order)), grade)


__all__ = [
    "forecast_view",
    "grade_chart",
    "heading",
    "progress_bar",
    "status_table",
    "summary_view",
]
