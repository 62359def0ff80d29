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
    from kzps.standard.records import EducationRequirement, Grade

#: How many distinct sets of diplomas are remembered (each costs a few matches).
EDUCATION_MEMO = 1 << 14


class Next(NamedTuple):
    """The next grade as a staff list's report needs it; `deciding` names the
    requirements whose status is the grade's (what its sentence says is missing)."""

    level: Level
    status: Status
    eligible_on: dt.date | None
    missing: tuple[str, ...]
    deciding: tuple[str, ...] = ()


class Route(NamedTuple):
    """One path to the next grade, decided: its status, first day and what is missing."""

    status: Status
    eligible_on: dt.date | None
    missing: tuple[str, ...]
    deciding: tuple[str, ...]


class Requirement(NamedTuple):
    """An experience requirement with the kinds of service that count for it."""

    years: int
    key: str
    sources: tuple[str, ...]


class Plan(NamedTuple):
    """What one path to a level asks, worked out once per level."""

    education: EducationRequirement
    organization: bool  # the level still needs the organisation's significance
    experience: tuple[Requirement, ...]
    silent: str | None  # the requirement the standard leaves unstated, if any


class Held(NamedTuple):
    """What holding a level means for the next step, worked out once per level."""

    next: Grade | None
    growing: tuple[str, ...]  # the kinds of service time at the level counts as
    implied: tuple[tuple[str, int], ...]  # (kind, years) the level proves


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
        self._held: dict[str, Held] = {}
        self._plans: dict[str, tuple[Plan, ...]] = {}

    def next(self, candidate: Candidate) -> Next | None:
        """The next grade, its status, first day and missing requirements."""
        if candidate.history:
            return self._engine(candidate)
        n = significance(candidate, self.standard.rules)
        current = candidate.current
        held = self._held_level(current.level) if current is not None else None
        if held is None:
            level = self._entry_level(candidate.education, n)
        elif held.next is None:
            return None
        else:
            level = level_of(held.next, n)
        service = self._service(candidate, held)
        routes = [self._path(candidate, level, plan, service) for plan in self._plan(level)]
        best = min(routes, key=lambda route: rank(route.status, route.eligible_on))
        return Next(level, best.status, best.eligible_on, best.missing, best.deciding)

    def _held_level(self, level: Level) -> Held:
        found = self._held.get(level)
        if found is None:
            grade = self.standard.grade(level)
            following = self.standard.grades[grade.next] if grade.next else None
            facts = implications(self.standard, level, self.as_of)
            found = self._held[level] = Held(
                following,
                tuple(kinds_of(self.standard, level, ())),
                tuple((key, years) for key, years, _, _ in facts),
            )
        return found

    def _plan(self, level: Level) -> tuple[Plan, ...]:
        found = self._plans.get(level)
        if found is None:
            grade = self.standard.grade(level)
            organization = grade.significance and level.significance is None
            found = self._plans[level] = tuple(
                Plan(
                    path.education,
                    bool(organization),
                    tuple(
                        Requirement(
                            req.years,
                            kind_key(req.kind, req.grades),
                            tuple(kind_key("grade", (g,)) for g in req.grades)
                            or (kind_key(req.kind, req.grades),),
                        )
                        for req in path.experience
                    ),
                    path.silent.requirement if path.silent else None,
                )
                for path in grade.paths
            )
        return found

    def _engine(self, candidate: Candidate) -> Next | None:
        decision = decide_next(self.standard, candidate, self.as_of)
        if decision is None:
            return None
        deciding = tuple(f.requirement for f in decision.findings if f.status is decision.status)
        return Next(
            decision.level, decision.status, decision.eligible_on, decision.missing, deciding
        )

    def _entry_level(self, education: tuple[Diploma, ...], n: int | None) -> Level:
        grade = self._entry.get(education)
        if grade is None:
            grade = self._entry[education] = Level(
                entry_grade(self.standard, self.matcher, education).code
            )
        return level_of(self.standard.grades[grade], n)

    def _service(self, candidate: Candidate, held: Held | None) -> Service:
        """Every run of service the row shows: all end on the day before the as-of date
        or go on, so each kind's service is one run from its earliest first day."""
        ongoing: dict[str, dt.date] = {}
        fixed: dict[str, dt.date] = {}
        implied: list[tuple[str, int, dt.date]] = []
        current = candidate.current
        growing: tuple[str, ...] = ()
        if current is not None and held is not None:
            growing = held.growing
            ongoing = dict.fromkeys(growing, current.since)
            implied = [(key, years, current.since) for key, years in held.implied]
        totals = candidate.experience
        for kind in totals._fields if totals else ():
            amount = getattr(totals, kind)
            if not amount or amount == (0, 0):
                continue
            start = earlier(self.as_of, amount.years, amount.months)
            runs = ongoing if kind in growing else fixed
            runs[kind] = min(runs.get(kind, start), start)
        return Service(ongoing, fixed, implied)

    def _path(self, candidate: Candidate, level: Level, plan: Plan, service: Service) -> Route:
        """One path: its status, first day and the requirements it misses."""
        found = [("education", self._diplomas(candidate.education, plan.education))]
        if plan.organization:
            found.append(("organization", Status.NOT_ELIGIBLE))
        dates: list[dt.date | None] = []
        for requirement in plan.experience:
            status, day = self._experience(requirement, service)
            found.append(("experience", status))
            dates.append(day)
        if plan.silent is not None:
            held = candidate.current is not None and candidate.current.level == level
            found.append((plan.silent, Status.ELIGIBLE if held else Status.NEEDS_REVIEW))
        status = max((s for _, s in found), key=SEVERITY.__getitem__)
        eligible_on = None
        if status is not Status.NOT_ELIGIBLE and dates and None not in dates:
            eligible_on = max(d for d in dates if d is not None)
        missing = tuple(name for name, s in found if s is not Status.ELIGIBLE)
        deciding = tuple(name for name, s in found if s is status)
        return Route(status, eligible_on, missing, deciding)

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
        self, requirement: Requirement, service: Service
    ) -> tuple[Status, dt.date | None]:
        """A requirement met on the anniversary of the run's first day (RULES §4), or by
        what the held grade implies."""
        ongoing = [service.ongoing[k] for k in requirement.sources if k in service.ongoing]
        fixed = [service.fixed[k] for k in requirement.sources if k in service.fixed]
        counted = None
        if ongoing or fixed:
            counted = after(min(ongoing + fixed), Duration(requirement.years))
            if not ongoing and counted > self.as_of:  # service that has stopped growing
                counted = None
        implied = [
            d for k, n, d in service.implied if k == requirement.key and n >= requirement.years
        ]
        first = min([d for d in (counted, *implied) if d is not None], default=None)
        if first is not None and first <= self.as_of:
            return Status.ELIGIBLE, first
        if first is not None and ongoing:
            return Status.NOT_YET, first
        return Status.NOT_ELIGIBLE, None
