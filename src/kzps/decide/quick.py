"""The next grade of a person with no history (a staff list's row), in closed form.

The same rules as the engine, read from the same Standard: one continuous run of
service reaches N years on its calendar anniversary, so no search is needed, and
what depends only on the diplomas (how they match each requirement, the entry grade)
is worked out once per distinct set of diplomas. A person with history goes to the
engine itself. tests/decide/test_quick.py shows with Hypothesis that both give the
same next level, status, date and missing requirements.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from kzps.decide.education import MATCH_STATUS, Matcher
from kzps.decide.engine import decide_next, entry_grade, level_of, significance
from kzps.decide.evidence import implications, kind_key, kinds_of
from kzps.decide.outcome import SEVERITY, Status, rank
from kzps.decide.service import Duration, after, earlier
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate, Diploma
    from kzps.standard.load import Standard
    from kzps.standard.records import EducationRequirement, ExperienceRequirement, GradePath

#: How many distinct sets of diplomas are remembered (each costs a few matches).
EDUCATION_MEMO = 1 << 14


class Next(NamedTuple):
    """The next grade as a staff list's report needs it."""

    level: Level
    status: Status
    eligible_on: dt.date | None
    missing: tuple[str, ...]


class Route(NamedTuple):
    """One path to the next grade, decided: its status, first day and what is missing."""

    status: Status
    eligible_on: dt.date | None
    missing: tuple[str, ...]


class Service(NamedTuple):
    """One person's service by kind: the first day of each run, and what a held grade
    implies (kind, years, from)."""

    ongoing: dict[str, dt.date]
    fixed: dict[str, dt.date]
    implied: list[tuple[str, int, dt.date]]


class QuickDecider:
    """Decides next grades on one day against one standard, remembering what repeats."""

    def __init__(self, standard: Standard, as_of: dt.date) -> None:
        self.standard = standard
        self.as_of = as_of
        self.matcher = Matcher(standard.rules, standard.level_rank)
        self._education: dict[tuple[tuple[Diploma, ...], int], Status] = {}
        self._entry: dict[tuple[Diploma, ...], Level] = {}

    def next(self, candidate: Candidate) -> Next | None:
        """The next grade, its status, first day and missing requirements."""
        if candidate.history:
            return self._engine(candidate)
        n = significance(candidate, self.standard.rules)
        current = candidate.current
        if current is None:
            level = self._entry_level(candidate.education, n)
        else:
            grade = self.standard.grade(current.level)
            if grade.next is None:
                return None
            level = level_of(self.standard.grades[grade.next], n)
        service = self._service(candidate)
        grade = self.standard.grade(level)
        decided = [self._path(candidate, level, path, service) for path in grade.paths]
        best = min(decided, key=lambda route: rank(route.status, route.eligible_on))
        return Next(level, best.status, best.eligible_on, best.missing)

    def _engine(self, candidate: Candidate) -> Next | None:
        decision = decide_next(self.standard, candidate, self.as_of)
        if decision is None:
            return None
        return Next(decision.level, decision.status, decision.eligible_on, decision.missing)

    def _entry_level(self, education: tuple[Diploma, ...], n: int | None) -> Level:
        grade = self._entry.get(education)
        if grade is None:
            grade = self._entry[education] = Level(
                entry_grade(self.standard, self.matcher, education).code
            )
        return level_of(self.standard.grades[grade], n)

    def _service(self, candidate: Candidate) -> Service:
        """Every run of service the row shows: all end on the day before the as-of date
        or go on, so each kind's service is one run from its earliest first day."""
        ongoing: dict[str, dt.date] = {}
        fixed: dict[str, dt.date] = {}
        implied: list[tuple[str, int, dt.date]] = []
        current = candidate.current
        growing: list[str] = []
        if current is not None:
            growing = kinds_of(self.standard, current.level, ())
            ongoing = dict.fromkeys(growing, current.since)
            implied = [
                (k, n, d)
                for k, n, d, _ in implications(self.standard, current.level, current.since)
            ]
        totals = candidate.experience
        for kind in totals._fields if totals else ():
            amount = getattr(totals, kind)
            if not amount or amount == (0, 0):
                continue
            start = earlier(self.as_of, amount.years, amount.months)
            runs = ongoing if kind in growing else fixed
            runs[kind] = min(runs.get(kind, start), start)
        return Service(ongoing, fixed, implied)

    def _path(self, candidate: Candidate, level: Level, path: GradePath, service: Service) -> Route:
        """One path: its status, first day and the requirements it misses."""
        statuses = [self._diplomas(candidate.education, path.education)]
        missing = [] if statuses[0] is Status.ELIGIBLE else ["education"]
        grade = self.standard.grade(level)
        if grade.significance and level.significance is None:
            statuses.append(Status.NOT_ELIGIBLE)
            missing.append("organization")
        dates: list[dt.date | None] = []
        for requirement in path.experience:
            status, day = self._experience(requirement, service)
            statuses.append(status)
            dates.append(day)
            if status is not Status.ELIGIBLE:
                missing.append("experience")
        if path.silent is not None:
            held = candidate.current is not None and candidate.current.level == level
            statuses.append(Status.ELIGIBLE if held else Status.NEEDS_REVIEW)
            if not held:
                missing.append(path.silent.requirement)
        status = max(statuses, key=SEVERITY.__getitem__)
        eligible_on = None
        if status is not Status.NOT_ELIGIBLE and dates and None not in dates:
            eligible_on = max(d for d in dates if d is not None)
        return Route(status, eligible_on, tuple(missing))

    def _diplomas(
        self, education: tuple[Diploma, ...], requirement: EducationRequirement
    ) -> Status:
        key = (education, id(requirement))
        found = self._education.get(key)
        if found is None:
            if len(self._education) >= EDUCATION_MEMO:
                self._education.clear()
            how = self.matcher.best(education, requirement)[1]
            found = self._education[key] = MATCH_STATUS.get(how, Status.NOT_ELIGIBLE)
        return found

    def _experience(
        self, requirement: ExperienceRequirement, service: Service
    ) -> tuple[Status, dt.date | None]:
        """A requirement met on the anniversary of the run's first day (RULES §4), or by
        what the held grade implies."""
        key = kind_key(requirement.kind, requirement.grades)
        sources = [kind_key("grade", (g,)) for g in requirement.grades] or [key]
        ongoing = [service.ongoing[k] for k in sources if k in service.ongoing]
        fixed = [service.fixed[k] for k in sources if k in service.fixed]
        counted = None
        if ongoing or fixed:
            counted = after(min(ongoing + fixed), Duration(requirement.years))
            if not ongoing and counted > self.as_of:  # service that has stopped growing
                counted = None
        implied = [d for k, n, d in service.implied if k == key and n >= requirement.years]
        first = min([d for d in (counted, *implied) if d is not None], default=None)
        if first is not None and first <= self.as_of:
            return Status.ELIGIBLE, first
        if first is not None and ongoing:
            return Status.NOT_YET, first
        return Status.NOT_ELIGIBLE, None
