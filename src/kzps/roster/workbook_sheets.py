"""The Summary and About sheets of the people's report: the counts the terminal shows,
as tables with native Excel charts, and what the list was checked against."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kzps.roster.forecast import month_name
from kzps.roster.html_charts import PALETTE
from kzps.roster.tally import SOON_DAYS
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.roster.context import About
    from kzps.roster.forecast import Forecast
    from kzps.roster.tally import Tally
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
    if tally.forecast is not None:
        row = max(row + len(status_rows) + 4, row + 18)
        forecast_table(book, sheet, name, row, words, tally.forecast, standard, formats)


def forecast_table(
    book: Any,
    sheet: Any,
    name: str,
    row: int,
    words: Catalog,
    forecast: Forecast,
    standard: Standard,
    formats: dict[str, Any],
) -> None:
    """The promotion forecast: a table of months by next grade (eligible now above, later
    below), a stacked column chart of the months, then who, month by month."""
    say = words.say
    levels = forecast.levels(standard)
    title = say(
        "forecast.title",
        months=words.count("month", forecast.months),
        first=words.date(forecast.as_of),
        last=words.date(forecast.until),
    )
    sheet.set_h_pagebreaks([row])  # printed, the forecast starts a page
    sheet.write_string(row, 0, title, formats["bold"])
    right = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#D9D9D9", "align": "right"}
    )
    sheet.write_string(row + 1, 0, say("forecast.month"), formats["header"])
    sheet.write_row(row + 1, 1, [say("forecast.total"), *levels], right)
    sheet.set_column(1, 1, 16)  # wide enough for "Next grade" in the list of who
    sheet.set_column(2, max(2, 1 + len(levels)), 10)
    count = book.add_format({"num_format": "0;-0;;@"})  # a zero shows as an empty cell
    now = {level: cell.people for level, cell in forecast.now.items()}
    calendar = forecast.calendar()
    lines = [(say("forecast.now"), now)]
    lines += [(month_name(words, m.first), forecast.counts(m.offset)) for m in calendar]
    lines.append((say("forecast.later", date=words.date(forecast.until)), forecast.later))
    for offset, (label, counts) in enumerate(lines, row + 2):
        sheet.write_string(offset, 0, label, formats["bold"] if offset == row + 2 else None)
        sheet.write_number(offset, 1, sum(counts.values()), formats["bold"])
        for column, level in enumerate(levels, 2):
            sheet.write_number(offset, column, counts.get(level, 0), count)
    first, last = row + 3, row + 2 + len(calendar)  # the months, without now and later
    if levels and forecast.within:
        chart = book.add_chart({"type": "column", "subtype": "stacked"})
        charted = [
            lv for lv in levels if any((m, lv) in forecast.cells for m in range(len(calendar)))
        ]
        for column, level in enumerate(levels, 2):
            if level not in charted:  # a grade only eligible now or later: no bar to draw
                continue
            chart.add_series(
                {
                    "name": [name, row + 1, column],
                    "categories": [name, first, 0, last, 0],
                    "values": [name, first, column, last, column],
                    "fill": {"color": PALETTE[charted.index(level) % len(PALETTE)]},
                    "gap": 60,
                }
            )
        chart.set_title({"name": say("forecast.chart"), "name_font": {"size": 12}})
        axis = {"major_gridlines": {"visible": True}, "min": 0}
        if max(forecast.total(m.offset) for m in calendar) <= 10:
            axis["major_unit"] = 1  # whole people, not 0.5 steps
        chart.set_y_axis(axis)
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 760, "height": 320})
        sheet.insert_chart(last + 4, 0, chart)
        row = last + 4 + 17
    else:
        row = last + 4
    _who(book, sheet, row, words, forecast, levels, formats)


def _who(
    book: Any,
    sheet: Any,
    row: int,
    words: Catalog,
    forecast: Forecast,
    levels: list[str],
    formats: dict[str, Any],
) -> None:
    """Everyone the forecast names: eligible now first, then month by month, each by
    next grade in the standard's order (the first of each named, the rest counted)."""
    say = words.say
    sheet.write_string(row, 0, say("forecast.who"), formats["bold"])
    head = [
        say("forecast.month"),
        say("report.column.next_level"),
        say("report.column.eligible_on"),
        say("forecast.column.id"),
        say("forecast.column.name"),
    ]
    sheet.write_row(row + 1, 0, head, formats["header"])
    sheet.set_row(row + 1, 32)
    date = book.add_format(
        {"num_format": "dd.mm.yyyy" if words.lang != "en" else "yyyy-mm-dd", "align": "center"}
    )
    groups = [(say("forecast.now"), forecast.now)]
    groups += [
        (month_name(words, m.first), forecast.in_month(m.offset)) for m in forecast.calendar()
    ]
    row += 2
    for label, cells in groups:
        for level in (lv for lv in levels if lv in cells):
            cell = cells[level]
            for person in cell.named:
                sheet.write_string(row, 0, label)
                sheet.write_string(row, 1, level)
                if person.eligible_on is not None:
                    day = person.eligible_on
                    sheet.write_datetime(row, 2, dt.datetime(day.year, day.month, day.day), date)
                sheet.write_string(row, 3, person.id)
                sheet.write_string(row, 4, person.name)
                row += 1
            if cell.people > len(cell.named):
                more = words.count("person", cell.people - len(cell.named))
                sheet.write_string(row, 0, label)
                sheet.write_string(row, 1, level)
                sheet.write_string(row, 3, say("roster.more_people", people=more))
                row += 1


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
