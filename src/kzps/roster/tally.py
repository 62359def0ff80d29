"""Counts for the roster summary, in constant memory: only the first few people are kept."""

from __future__ import annotations

import datetime as dt
import heapq
from typing import TYPE_CHECKING, NamedTuple

from kzps.roster.people import Person

if TYPE_CHECKING:
    from kzps.errors import Problem
    from kzps.roster.forecast import Forecast
    from kzps.roster.header import Layout
    from kzps.roster.verdict import Verdict

SOON_DAYS = 90
LISTED = 10  # people named in the summary's lists; the rest are counted


class Share(NamedTuple):
    """What a Tally counted of one part of a list, as plain values that pickle carries
    from the process that checked the part (kzps.roster.parallel) to the whole's Tally."""

    blank: int
    counts: dict[tuple[str | None, str] | None, int]
    first_errors: list[tuple[int, tuple[Problem, ...]]]
    eligible_first: list[Person]
    soon: int
    warned: int
    repeated: int
    soonest: list[tuple[int, int, Person]]
    forecast: Forecast | None


class Tally:
    """Counts for the summary, in constant memory: only the first few people are kept."""

    def __init__(
        self,
        as_of: dt.date,
        layout: Layout,
        *,
        listed: int = LISTED,
        forecast: Forecast | None = None,
    ) -> None:
        self.as_of = as_of
        self.listed = listed  # people kept for each list (the terminal shows the first LISTED)
        self.forecast = forecast
        self.horizon = as_of + dt.timedelta(days=SOON_DAYS)
        self.blank = 0
        self.counts: dict[tuple[str | None, str] | None, int] = {}
        self.first_errors: list[tuple[int, tuple[Problem, ...]]] = []
        self.eligible_first: list[Person] = []
        self.soon = 0
        self.warned = 0  # rows with a warning (implausible values, a repeated number)
        self.repeated = 0  # rows whose employee number or IIN is on another row too
        self._soon: list[tuple[int, int, Person]] = []
        self._id = layout.index["id"]
        self._name = layout.index.get("name")

    def add(self, row: int, cells: list[str], verdict: Verdict) -> None:
        """Count one row (by its verdict's grade and status), and note whom to name."""
        key = verdict.key
        self.counts[key] = self.counts.get(key, 0) + 1
        if verdict.warnings:
            self.warned += 1
            if any(w.key.startswith("warning.repeated_") for w in verdict.warnings):
                self.repeated += 1
        if key is None and len(self.first_errors) < LISTED // 2:
            self.first_errors.append((row, verdict.problems))
        elif verdict.notable:
            self._note(row, cells, verdict)

    def _note(self, row: int, cells: list[str], verdict: Verdict) -> None:
        """Keep the first people eligible now, and the soonest eligible within the horizon;
        count them in the forecast, if there is one."""
        if self.forecast is not None:
            self.forecast.add(row, cells, verdict, self._person)
        if verdict.status == "eligible":
            if len(self.eligible_first) < self.listed:
                self.eligible_first.append(self._person(row, cells, verdict))
        elif verdict.eligible_on is not None and verdict.eligible_on <= self.horizon:
            self.soon += 1
            item = (-verdict.eligible_on.toordinal(), -row, self._person(row, cells, verdict))
            if len(self._soon) < self.listed:
                heapq.heappush(self._soon, item)
            else:
                heapq.heappushpop(self._soon, item)

    def share(self) -> Share:
        """What this tally counted, to be merged into the tally of the whole list."""
        return Share(
            self.blank,
            self.counts,
            self.first_errors,
            self.eligible_first,
            self.soon,
            self.warned,
            self.repeated,
            self._soon,
            self.forecast,
        )

    def merge(self, part: Share) -> None:
        """Add what was counted of the rows that come after these: the same counts and
        the same people named as if this tally had counted those rows itself."""
        self.blank += part.blank
        for key, count in part.counts.items():
            self.counts[key] = self.counts.get(key, 0) + count
        self.first_errors += part.first_errors[: max(0, LISTED // 2 - len(self.first_errors))]
        room = max(0, self.listed - len(self.eligible_first))
        self.eligible_first += part.eligible_first[:room]
        self.soon += part.soon
        self.warned += part.warned
        self.repeated += part.repeated
        for item in part.soonest:
            if len(self._soon) < self.listed:
                heapq.heappush(self._soon, item)
            else:
                heapq.heappushpop(self._soon, item)
        if self.forecast is not None and part.forecast is not None:
            self.forecast.merge(part.forecast)

    def _person(self, row: int, cells: list[str], verdict: Verdict) -> Person:
        """Who a row is, as the summary names them (the IIN never)."""
        name = cells[self._name].strip() if self._name is not None else ""
        level = verdict.next_level or ""
        return Person(row, cells[self._id].strip(), name, level, verdict.eligible_on, verdict.grade)

    @property
    def read(self) -> int:
        """Rows read, blank rows aside."""
        return sum(self.counts.values())

    @property
    def errors(self) -> int:
        """Rows with an error."""
        return self.counts.get(None, 0)

    @property
    def checked(self) -> int:
        """Rows checked without an error."""
        return self.read - self.errors

    @property
    def eligible(self) -> int:
        """People eligible for their next grade now."""
        return self.by_status.get("eligible", 0)

    @property
    def by_grade(self) -> dict[str | None, int]:
        """Rows checked, by current grade (None: not yet placed)."""
        found: dict[str | None, int] = {}
        for key, count in self.counts.items():
            if key is not None:
                found[key[0]] = found.get(key[0], 0) + count
        return found

    @property
    def by_status(self) -> dict[str, int]:
        """Rows checked, by the status of the next grade ("top": there is none)."""
        found: dict[str, int] = {}
        for key, count in self.counts.items():
            if key is not None:
                found[key[1]] = found.get(key[1], 0) + count
        return found

    @property
    def soon_first(self) -> list[Person]:
        """The people who become eligible soonest within the horizon, soonest first."""
        return [person for _, _, person in sorted(self._soon, reverse=True)]
