"""A promotion forecast for a staff list: for each of the next N calendar months, how
many people become eligible for which grade, and who; and, apart, who is eligible now
but not yet promoted.

A person counts in the month their next grade's `eligible_on` falls, if time is all
they miss (`not_yet`): the date is the engine's, projected for someone who stays in
their grade. The first month runs from the as-of date to its end. What is kept is
bounded whatever the length of the list: counts per (month, grade) and the first
`NAMED` people of each, soonest first (eligible now: in the list's order).
"""

from __future__ import annotations

import datetime as dt
import heapq
from typing import TYPE_CHECKING, Any, NamedTuple

from kzps.standard.level import Level

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from kzps.roster.people import Person
    from kzps.roster.verdict import Verdict
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog

MONTHS = 12  # the forecast's length when only --forecast-out or an HTML report asks for one
MOST_MONTHS = 120
NAMED = 20  # people named per month and grade; the rest are counted


class Cell:
    """The people of one month (or of "now") who become eligible for one grade."""

    __slots__ = ("_heap", "people", "sources")

    def __init__(self) -> None:
        self.people = 0
        self.sources: dict[str | None, int] = {}  # people by current grade (None: unplaced)
        self._heap: list[tuple[int, int, Person]] = []  # the NAMED first, as a max-heap

    def add(self, order: int, row: int, person: Callable[[], Person], grade: str | None) -> None:
        """Count one person; name them if they are among the first by `order`, then row."""
        self.people += 1
        self.sources[grade] = self.sources.get(grade, 0) + 1
        item = (-order, -row)
        heap = self._heap
        if len(heap) < NAMED:
            heapq.heappush(heap, (*item, person()))
        elif item > heap[0][:2]:
            heapq.heapreplace(heap, (*item, person()))

    def merge(self, other: Cell) -> None:
        """Add the people of another part of the list, whose rows come after these."""
        self.people += other.people
        for grade, count in other.sources.items():
            self.sources[grade] = self.sources.get(grade, 0) + count
        heap = self._heap
        for item in other._heap:
            if len(heap) < NAMED:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)

    @property
    def named(self) -> list[Person]:
        """The people named, first first."""
        return [person for _, _, person in sorted(self._heap, reverse=True)]


class Month(NamedTuple):
    """One month of the forecast: its place (0: the as-of month) and its days (the first
    starts on the as-of date)."""

    offset: int
    first: dt.date
    last: dt.date


class Forecast:
    """Counts per (month, next grade), the first people of each named, in bounded memory."""

    def __init__(self, as_of: dt.date, months: int) -> None:
        self.as_of = as_of
        self.months = months
        self.now: dict[str, Cell] = {}
        self.cells: dict[tuple[int, str], Cell] = {}
        self.later: dict[str, int] = {}
        self._base = as_of.year * 12 + as_of.month - 1

    def add(
        self,
        row: int,
        cells: list[str],
        verdict: Verdict,
        person: Callable[[int, list[str], Verdict], Person],
    ) -> None:
        """Count a row whose next grade is eligible now or only waits for a date."""
        level = verdict.next_level or ""

        def make() -> Person:
            return person(row, cells, verdict)

        if verdict.status == "eligible":
            self.now.setdefault(level, Cell()).add(0, row, make, verdict.grade)
            return
        day = verdict.eligible_on
        if verdict.status != "not_yet" or day is None:
            return
        month = day.year * 12 + day.month - 1 - self._base
        if month >= self.months:
            self.later[level] = self.later.get(level, 0) + 1
            return
        cell = self.cells.get((month, level))
        if cell is None:
            cell = self.cells[(month, level)] = Cell()
        cell.add(day.toordinal(), row, make, verdict.grade)

    def merge(self, other: Forecast) -> None:
        """Add the forecast of another part of the list, whose rows come after these: the
        same counts and names as one forecast of both parts."""
        for level, cell in other.now.items():
            self.now.setdefault(level, Cell()).merge(cell)
        for key, cell in other.cells.items():
            self.cells.setdefault(key, Cell()).merge(cell)
        for level, count in other.later.items():
            self.later[level] = self.later.get(level, 0) + count

    # -- what the views read -----------------------------------------------------------

    def calendar(self) -> list[Month]:
        """The forecast's months, in order."""
        found = []
        for index in range(self.months):
            year, month = divmod(self._base + index, 12)
            first = dt.date(year, month + 1, 1)
            following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
            found.append(Month(index, max(first, self.as_of), following - dt.timedelta(days=1)))
        return found

    @property
    def until(self) -> dt.date:
        """The last day the forecast covers."""
        return self.calendar()[-1].last

    def levels(self, standard: Standard) -> list[str]:
        """Every next grade the forecast names, in the standard's order."""
        found = set(self.now) | {level for _, level in self.cells} | set(self.later)
        return sorted(found, key=lambda level: level_order(level, standard))

    def in_month(self, index: int) -> dict[str, Cell]:
        """The cells of one month, by next grade."""
        return {level: cell for (month, level), cell in self.cells.items() if month == index}

    def counts(self, index: int) -> dict[str, int]:
        """People who become eligible in one month, by next grade."""
        return {level: cell.people for level, cell in self.in_month(index).items()}

    def total(self, index: int) -> int:
        """People who become eligible in one month."""
        return sum(cell.people for cell in self.in_month(index).values())

    @property
    def eligible_now(self) -> int:
        """People eligible now (not yet promoted)."""
        return sum(cell.people for cell in self.now.values())

    @property
    def within(self) -> int:
        """People who become eligible within the forecast's months."""
        return sum(cell.people for cell in self.cells.values())

    @property
    def after(self) -> int:
        """People who become eligible only after the forecast's last month."""
        return sum(self.later.values())

    def named_in(self, index: int) -> list[Person]:
        """Everyone named in one month, soonest first (then in the list's order)."""
        people = [p for cell in self.in_month(index).values() for p in cell.named]
        return sorted(people, key=lambda p: (p.eligible_on or dt.date.min, p.row))


def level_order(level: str, standard: Standard) -> tuple[int, str]:
    """A grade's place in the standard (8.3 comes before 8.2); unknown ones last."""
    return (standard.order.get(Level(level).grade, len(standard.order)), level)


def month_name(words: Catalog, day: dt.date, *, short: bool = False) -> str:
    """ "December 2026", "Декабрь 2026", "2026 ж. желтоқсан"; short: "Dec 2026"."""
    kind = "month_short" if short else "month"
    name = words.say(f"forecast.{kind}.{day.month}")
    return words.say("forecast.month_year", month=name, year=day.year)


def forecast_data(forecast: Forecast, standard: Standard) -> dict[str, Any]:
    """The forecast as plain data for scripts (`--forecast-out`): fixed English keys,
    ISO dates; the IIN never."""
    rules = standard.rules
    months = [
        {
            "month": f"{m.first.year:04d}-{m.first.month:02d}",
            "from": m.first.isoformat(),
            "to": m.last.isoformat(),
            "people": forecast.total(m.offset),
            "grades": _cells(forecast.in_month(m.offset), standard),
        }
        for m in forecast.calendar()
    ]
    later = [
        {"level": level, "people": forecast.later[level]}
        for level in sorted(forecast.later, key=lambda level: level_order(level, standard))
    ]
    return {
        "as_of": forecast.as_of.isoformat(),
        "months": forecast.months,
        "until": forecast.until.isoformat(),
        "standard": {"code": rules.standard.code, "edition": rules.standard.edition.isoformat()},
        "overlays": [f"{o.name} {o.version}" for o in rules.overlays],
        "eligible_now": {
            "people": forecast.eligible_now,
            "grades": _cells(forecast.now, standard),
        },
        "by_month": months,
        "later": {"people": forecast.after, "grades": later},
    }


def _cells(cells: dict[str, Cell], standard: Standard) -> list[dict[str, Any]]:
    """A month's (or now's) grades as data, in the standard's order."""
    return [
        {
            "level": level,
            "people": cells[level].people,
            "current_levels": [
                {"level": grade, "people": count}
                for grade, count in sorted(
                    cells[level].sources.items(), key=lambda item: _from_order(item[0], standard)
                )
            ],
            "named": [_person(p) for p in cells[level].named],
            "not_named": cells[level].people - len(cells[level].named),
        }
        for level in sorted(cells, key=lambda level: level_order(level, standard))
    ]


def _from_order(grade: str | None, standard: Standard) -> tuple[int, str]:
    return (-1, "") if grade is None else level_order(grade, standard)


def _person(person: Person) -> dict[str, Any]:
    return {
        "row": person.row,
        "id": person.id,
        "name": person.name,
        "current_level": person.current,
        "eligible_on": person.eligible_on.isoformat() if person.eligible_on else None,
    }


def grades_line(cells: Iterable[tuple[str, int]]) -> str:
    """ "4.3: 1, 6.2: 2" — a month's grades on one line."""
    return ", ".join(f"{level}: {count}" for level, count in cells)
