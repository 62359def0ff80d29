"""The Summary and About sheets of the people's report: the counts the terminal shows,
as tables with native Excel charts, and what the list was checked against."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kzps.roster.tally import SOON_DAYS
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.roster.tally import Tally
    from kzps.roster.workbook_report import About
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog


def summary_sheet(
    book: Any, words: Catalog, tally: Tally, standard: Standard, formats: dict[str, Any]
) -> None:
    """Counts by grade and by status, each beside its chart; who is eligible, now and soon."""
    say = words.say
    name = say("report.sheet.summary")
    sheet = book.add_worksheet(name)
    _printed(sheet)
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 1, 10)
    sheet.write_string(0, 0, say("report.summary.title"), formats["title"])
    totals = say(
        "roster.totals",
        rows=words.count("row", tally.read),
        checked=tally.checked,
        errors=tally.errors,
    )
    sheet.write_string(1, 0, totals)
    soon = say("roster.eligible_soon", days=words.count("day", SOON_DAYS), people="")
    lines = [
        (say("roster.eligible_now", people="").rstrip(": "), tally.eligible),
        (soon.rstrip(": "), tally.soon),
    ]
    for offset, (label, count) in enumerate(lines, 2):
        sheet.write_string(offset, 0, label)
        sheet.write_number(offset, 1, count)
    row = 6
    grades = sorted(tally.by_grade, key=lambda g: _order(g, standard))
    grade_rows = [
        (g if g is not None else say("roster.unplaced"), tally.by_grade[g]) for g in grades
    ]
    first = _table(
        sheet,
        row,
        say("roster.by_grade"),
        (say("roster.grade"), say("roster.people")),
        grade_rows,
        formats,
    )
    _chart(
        book, sheet, name, "column", say("roster.by_grade"), first, len(grade_rows), f"D{row + 1}"
    )
    row = max(row + len(grade_rows) + 4, row + 18)
    statuses = [
        s
        for s in ("eligible", "not_yet", "needs_review", "not_eligible", "top")
        if tally.by_status.get(s)
    ]
    status_rows = [
        (say("roster.top") if s == "top" else say(f"status.{s}"), tally.by_status[s])
        for s in statuses
    ]
    first = _table(
        sheet,
        row,
        say("roster.by_status"),
        (say("label.status"), say("roster.people")),
        status_rows,
        formats,
    )
    _chart(
        book, sheet, name, "bar", say("roster.by_status"), first, len(status_rows), f"D{row + 1}"
    )


def _table(
    sheet: Any,
    row: int,
    title: str,
    what: tuple[str, str],
    rows: list[tuple[str, int]],
    formats: dict[str, Any],
) -> int:
    """A titled two-column table; the row its data starts on."""
    sheet.write_string(row, 0, title, formats["bold"])
    sheet.write_string(row + 1, 0, what[0], formats["header"])
    sheet.write_string(row + 1, 1, what[1], formats["header"])
    for offset, (label, count) in enumerate(rows, row + 2):
        sheet.write_string(offset, 0, label)
        sheet.write_number(offset, 1, count)
    return row + 2


def _chart(
    book: Any, sheet: Any, name: str, kind: str, title: str, first: int, count: int, at: str
) -> None:
    """A native chart of a table's counts (it updates if someone edits the numbers)."""
    if not count:
        return
    chart = book.add_chart({"type": kind})
    last = first + count - 1
    chart.add_series(
        {
            "name": title,
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 1, last, 1],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": title})
    if kind == "bar":  # bars are drawn bottom up: keep the table's order top down
        chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 520, "height": 300})
    sheet.insert_chart(at, chart)


def about_sheet(
    book: Any,
    words: Catalog,
    about: About,
    formats: dict[str, Any],
    statuses: tuple[str, ...],
) -> None:
    """As of which day, against which edition of the standard, with which overlays, from
    which file, when, and what each status means."""
    say = words.say
    sheet = book.add_worksheet(say("report.sheet.about"))
    _printed(sheet)
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 1, 80)
    rules = about.standard.rules
    overlays = ", ".join(f"{o.name} {o.version}" for o in rules.overlays) or say("label.none")
    lines = [
        (say("report.about.as_of"), words.date(about.as_of)),
        (
            say("report.about.standard"),
            f"{rules.standard.code} — {rules.standard.name.in_(words.lang)}",
        ),
        (say("report.about.edition"), words.date(rules.standard.edition)),
        (say("report.about.overlays"), overlays),
        (say("report.about.roster"), about.roster),
        (say("report.about.made"), dt.datetime.now().replace(microsecond=0).isoformat(" ")),
        (say("report.about.version"), f"kzps {about.version}"),
    ]
    sheet.write_string(0, 0, say("report.about.title"), formats["title"])
    for row, (label, value) in enumerate(lines, 2):
        sheet.write_string(row, 0, label, formats["bold"])
        sheet.write_string(row, 1, value, formats["wrap"])
    row = len(lines) + 3
    sheet.write_string(row, 0, say("report.about.legend"), formats["bold"])
    for offset, status in enumerate(statuses, row + 1):
        word = say("roster.top") if status == "top" else say(f"status.{status}")
        sheet.write_string(offset, 0, word, formats[status])
        sheet.write_string(offset, 1, say(f"report.legend.{status}"), formats["wrap"])


def _order(grade: str | None, standard: Standard) -> tuple[int, str]:
    """Unplaced first, then the standard's own order."""
    if grade is None:
        return (-1, "")
    return (standard.order.get(Level(grade).grade, len(standard.order)), grade)


def _printed(sheet: Any) -> None:
    """A4, landscape, one page wide: the sheet prints as it shows."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
