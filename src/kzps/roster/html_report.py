"""The HTML report for managers (`kzps roster staff.csv -o report.html`): one
self-contained page in the reader's language — what the list was checked against, the
counts as inline SVG charts, the month-by-month forecast, who is eligible now and soon,
and the rows in a table that a few lines of inline JavaScript filter and sort.

Rows are streamed to a temporary file as they are checked and read back while the page
is written, so memory stays bounded; the table holds the first `TABLE_ROWS` rows (the
page says how many more there are). Everything is written through Jinja2 with
autoescaping on: a cell cannot become markup.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kzps.decide.values import parse_date
from kzps.errors import InvalidValueError
from kzps.roster.forecast import MONTHS, NAMED, Forecast, level_order, month_name
from kzps.roster.html_charts import column_chart, stacked_chart, status_chart
from kzps.roster.tally import SOON_DAYS
from kzps.roster.workbook_report import COLOURS, RESULTS, STATUSES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from kzps.roster.context import Context
    from kzps.roster.header import Layout
    from kzps.roster.people import Person
    from kzps.roster.verdict import Verdict

TABLE_ROWS = 5_000  # beyond this a browser takes seconds to lay the table out again
TEMPLATES = Path(__file__).with_name("templates")
#: How the table sorts statuses: by what HR does next, not alphabetically.
SEVERITY = {status: str(rank) for rank, status in enumerate((*STATUSES, "error"), 1)}


class Row(NamedTuple):
    """One table row: its status (for the filter and the colours) and its cells, each
    (text, sort key or "", kind: "" | "status" | "wrap" | "explain", the widest)."""

    status: str
    cells: list[list[str]]


class HtmlReport:
    """Rows to a temporary file as they come; the page around them at the end."""

    def __init__(self, path: Path, layout: Layout, context: Context) -> None:
        self.path = path
        self.context = context
        self.words = context.sentences.words.words
        self.layout = layout
        keep = layout.keep if layout.keep is not None else tuple(range(layout.width))
        who = {layout.index.get("id"), layout.index.get("name")}
        # people read who, then what was decided, then the rest of what the list says
        self.front = tuple(i for i in keep if i in who)
        self.rest = tuple(i for i in keep if i not in who)
        self.dates = {layout.index[c] for c in ("level_since",) if c in layout.index}
        self.rows = 0
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._key = f"html:{self.words.lang}"
        self.number = grouped(self.words.lang)

    def write(self, cells: list[str], verdict: Verdict) -> None:
        """One row: kept for the table if it is among the first TABLE_ROWS, else counted."""
        self.rows += 1
        if self.rows > TABLE_ROWS:
            return
        front = [[cells[i], "", ""] for i in self.front]
        rest = [[cells[i], self._sort_key(i, cells[i]), ""] for i in self.rest]
        results = verdict.rendered(self._key)
        if results is None:
            results = verdict.render(self._key, json.dumps(self._results(verdict)))
        shown = json.dumps(front, ensure_ascii=False), json.dumps(rest, ensure_ascii=False)
        self._spool.write(f"[{shown[0]},{results},{shown[1]}]\n")

    def _sort_key(self, index: int, text: str) -> str:
        """A date cell sorts by its ISO date, whatever way it is written."""
        if index in self.dates and text:
            try:
                return parse_date(text).isoformat()
            except InvalidValueError:
                return ""
        return ""

    def _results(self, verdict: Verdict) -> list[Any]:
        """The result cells of a verdict in the reader's language, worked out once."""
        say, words = self.words.say, self.words
        status = verdict.status or ("top" if verdict.key else "error")
        special = {"error": "", "top": say("roster.top")}
        word = special[status] if status in special else say(f"status.{status}")
        day = verdict.eligible_on
        return [
            status,
            [
                [verdict.next_level or "", "", ""],
                [word, SEVERITY[status], "status"],
                [words.date(day) if day else "", day.isoformat() if day else "", ""],
                [", ".join(say(f"requirement.{name}") for name in verdict.missing), "", ""],
                ["" if verdict.problems else self.context.sentences.of(verdict), "", "explain"],
                ["; ".join(words.problem(p) for p in verdict.problems), "", "wrap"],
                ["; ".join(words.problem(p) for p in verdict.warnings), "", "wrap"],
            ],
        ]

    def _table(self) -> Iterator[Row]:
        """The spooled rows, read back one at a time."""
        self._spool.seek(0)
        for line in self._spool:
            front, (status, results), rest = json.loads(line)
            yield Row(status, front + results + rest)

    def finish(self) -> None:
        """Write the page: the summary's parts, then the table from the spool."""
        from jinja2 import Environment, FileSystemLoader, StrictUndefined

        environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        page = environment.get_template("report.html.j2")
        with self.path.open("w", encoding="utf-8", newline="\n") as stream:
            for chunk in page.generate(self._page()):
                stream.write(chunk)

    def close(self) -> None:
        """Drop the spool."""
        self._spool.close()

    # -- what the page says besides the rows -------------------------------------------

    def _page(self) -> dict[str, Any]:
        words, tally, about = self.words, self.context.tally, self.context.about
        say = words.say
        rules = about.standard.rules
        names = self.layout.header
        header = [names[i].strip() or f"column_{i + 1}" for i in self.front]
        header += [say(f"report.column.{name}") for name, _ in RESULTS]
        header += [names[i].strip() or f"column_{i + 1}" for i in self.rest]
        statuses = [(s, say("roster.top") if s == "top" else say(f"status.{s}")) for s in STATUSES]
        return {
            "lang": words.lang,
            "say": say,
            "count": words.count,
            "number": self.number,
            "title": say("html.title", file=about.roster),
            "facts": [
                (say("report.about.as_of"), words.date(about.as_of)),
                (
                    say("report.about.standard"),
                    f"{rules.standard.code} — {rules.standard.name.in_(words.lang)}",
                ),
                (say("report.about.edition"), words.date(rules.standard.edition)),
                (
                    say("report.about.overlays"),
                    ", ".join(f"{o.name} {o.version}" for o in rules.overlays) or say("label.none"),
                ),
                (say("report.about.roster"), about.roster),
            ],
            "made": say(
                "html.made",
                version=about.version,
                made=dt.datetime.now().replace(microsecond=0).isoformat(" "),
            ),
            "cards": self._cards(),
            "charts": self._charts(statuses),
            "forecast": self._forecast(),
            "now": self._people(tally.eligible_first, tally.eligible, soon=False),
            "soon": self._people(tally.soon_first, tally.soon, soon=True),
            "now_title": say("roster.eligible_now", people=words.count("person", tally.eligible)),
            "soon_title": say(
                "roster.eligible_soon",
                days=words.count("day", SOON_DAYS),
                people=words.count("person", tally.soon),
            ),
            "errors": [
                (row, "; ".join(words.problem(p) for p in problems))
                for row, problems in tally.first_errors
            ],
            "errors_more": tally.errors - len(tally.first_errors),
            "header": header,
            "statuses": [*statuses, ("error", say("html.with_errors"))],
            "colours": COLOURS,
            "rows": self._table(),
            "shown_template": say("html.shown", shown="{shown}", total="{total}"),
            "truncated": (
                say(
                    "html.truncated",
                    shown=self.number(TABLE_ROWS),
                    total=self.number(self.rows),
                )
                if self.rows > TABLE_ROWS
                else ""
            ),
        }

    def _cards(self) -> list[tuple[str, str, str]]:
        """The headline numbers: (label, number, status for the colour)."""
        say, tally, number = self.words.say, self.context.tally, self.number
        days = self.words.count("day", SOON_DAYS)
        return [
            (say("html.card.rows"), number(tally.read), ""),
            (say("html.card.checked"), number(tally.checked), ""),
            (say("html.card.errors"), number(tally.errors), "not_eligible" if tally.errors else ""),
            (say("html.card.eligible"), number(tally.eligible), "eligible"),
            (say("html.card.soon", days=days), number(tally.soon), "not_yet"),
        ]

    def _charts(self, statuses: list[tuple[str, str]]) -> list[Any]:
        """People by current grade, and by the status of their next grade."""
        say, tally = self.words.say, self.context.tally
        standard = self.context.about.standard
        grades = tally.by_grade
        order = sorted(grades, key=lambda g: (-1, "") if g is None else level_order(g, standard))
        by_grade = [(g if g is not None else say("roster.unplaced"), grades[g]) for g in order]
        counts = tally.by_status
        by_status = [(key, word, counts[key]) for key, word in statuses if counts.get(key)]
        return [
            column_chart(say("roster.by_grade"), by_grade, self.number),
            status_chart(say("roster.by_status"), by_status, COLOURS, self.number),
        ]

    def _forecast(self) -> dict[str, Any]:
        """The forecast: its chart, a table of months by next grade, and who."""
        words, say = self.words, self.words.say
        tally, standard = self.context.tally, self.context.about.standard
        forecast = tally.forecast or Forecast(tally.as_of, MONTHS)
        levels = forecast.levels(standard)
        calendar = forecast.calendar()
        counts = [forecast.counts(m.offset) for m in calendar]
        bars = [
            (say(f"forecast.month_short.{m.first.month}"), str(m.first.year), c)
            for m, c in zip(calendar, counts, strict=True)
        ]
        charted = [level for level in levels if any(level in c for c in counts)]
        title = say(
            "forecast.title",
            months=words.count("month", forecast.months),
            first=words.date(forecast.as_of),
            last=words.date(forecast.until),
        )
        now = {level: cell.people for level, cell in forecast.now.items()}
        rows = [(say("forecast.now"), forecast.eligible_now, now, "now")]
        rows += [
            (month_name(words, m.first), sum(c.values()), c, "")
            for m, c in zip(calendar, counts, strict=True)
        ]
        rows.append(
            (
                say("forecast.later", date=words.date(forecast.until)),
                forecast.after,
                forecast.later,
                "later",
            )
        )
        who = [
            (
                month_name(words, m.first),
                self._named(forecast.named_in(m.offset)[:NAMED]),
                forecast.total(m.offset),
            )
            for m in calendar
            if forecast.total(m.offset)
        ]
        return {
            "title": title,
            "chart": stacked_chart(say("forecast.chart"), bars, charted, self.number)
            if charted
            else None,
            "levels": levels,
            "rows": rows,
            "who": who,
        }

    def _named(self, people: list[Person]) -> list[tuple[str, str, str]]:
        """(who, next grade, date) for each person named in a month."""
        words = self.words
        return [
            (_who(person), person.level, words.date(person.eligible_on))
            for person in people
            if person.eligible_on is not None
        ]

    def _people(self, people: list[Person], total: int, *, soon: bool) -> dict[str, Any]:
        """A list of people with their next grade and date, and how many are not named."""
        words = self.words
        shown = []
        for person in people:
            day = person.eligible_on
            if day is None:
                when = ""
            elif soon:
                days = words.count("day", (day - self.context.tally.as_of).days)
                when = words.say("html.from_in", date=words.date(day), days=days)
            else:
                when = words.say("html.since", date=words.date(day))
            shown.append((_who(person), person.level, when))
        more = total - len(people)
        return {
            "people": shown,
            "more": words.say("roster.more_people", people=words.count("person", more))
            if more > 0
            else "",
        }


def grouped(lang: str) -> Callable[[int], str]:
    """Counts with their thousands apart, as the language writes them: 12,345 or 12 345."""
    separator = "," if lang == "en" else "\u00a0"
    return lambda n: f"{n:,}".replace(",", separator)


def _who(person: Person) -> str:
    """A person as the page names them: number and name (never the IIN)."""
    return " ".join(part for part in (person.id, person.name) if part)
