"""The next grade of a person with no history (a staff list's row), in closed form.

The same rules as the engine, read from the same Standard: one continuous run of
service reaches N years on its calendar anniversary, so no search is needed, and
what depends only on the diplomas (how they match each requirement, the entry grade)
is worked out once per distinct set of diplomas. What depends on the diplomas, the
held grade and the organisation's significance is compiled once into a Shape (the
next level, and for each path its fixed findings and which of the row's runs of
service count for each requirement), so a row costs a few date comparisons. A person
with history goes to the engine itself. tests/decide/test_quick.py shows with
Hypothesis that both give the same next level, status, date and missing requirements.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from kzps.decide.candidate import Totals
from kzps.decide.education import MATCH_STATUS, Matcher
from kzps.decide.engine import decide_next, entry_grade, level_of, significance_given
from kzps.decide.evidence import implications, kind_key, kinds_of
from kzps.decide.outcome import SEVERITY, Status
from kzps.decide.service import earlier, years_after
from kzps.memo import remember
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate, Diploma
    from kzps.decide.candidate import Held as Current
    from kzps.decide.values import Years
    from kzps.standard.load import Standard
    from kzps.standard.records import EducationRequirement, Grade

#: How many distinct situations (diplomas, held grade, significance) are remembered;
#: each costs a few matches to compile.
SHAPE_MEMO = 1 << 14
#: The kinds of service a staff list gives as totals, in the order `row` takes them.
TOTAL_KINDS: tuple[str, ...] = Totals._fields
_ELIGIBLE, _NOT_YET, _NOT_ELIGIBLE = Status.ELIGIBLE, Status.NOT_YET, Status.NOT_ELIGIBLE


class Next(NamedTuple):
    """The next grade as a staff list's report needs it; `deciding` names the
    requirements whose status is the grade's (what its sentence says is missing)."""

    level: Level
    status: Status
    eligible_on: dt.date | None
    missing: tuple[str, ...]
    deciding: tuple[str, ...] = ()


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


class Need(NamedTuple):
    """One experience requirement, compiled for one held grade: which of a row's runs of
    service count for it. Each run ends the day before the as-of date or goes on."""

    years: int
    since: bool  # time at the held grade counts: a run from its date that goes on
    implied: bool  # holding the grade proves it, from the grade's date (RULES §4)
    ongoing: tuple[int, ...]  # totals (positions in TOTAL_KINDS) that go on growing
    fixed: tuple[int, ...]  # totals that stopped the day before the as-of date


class Route(NamedTuple):
    """One path to the next level, compiled: the findings that do not depend on dates
    (education, organisation; the unstated requirement after experience), its
    experience requirements, and the outcome of each combination of their statuses."""

    before: tuple[tuple[str, Status], ...]
    needs: tuple[Need, ...]
    after: tuple[tuple[str, Status], ...]
    outcomes: dict[tuple[Status, ...], tuple[Status, tuple[str, ...], tuple[str, ...]]]


class Shape(NamedTuple):
    """The next level of one situation and its routes; `level` None: the top."""

    level: Level | None
    routes: tuple[Route, ...]


class QuickDecider:
    """Decides next grades on one day against one standard, remembering what repeats."""

    def __init__(self, standard: Standard, as_of: dt.date) -> None:
        self.standard = standard
        self.as_of = as_of
        self.matcher = Matcher(standard.rules, standard.level_rank)
        self._shapes: dict[tuple[tuple[Diploma, ...], Level | None, int | None], Shape] = {}
        self._entry: dict[tuple[Diploma, ...], Level] = {}
        self._held: dict[str, Held] = {}
        self._plans: dict[str, tuple[Plan, ...]] = {}

    def next(self, candidate: Candidate) -> Next | None:
        """The next grade, its status, first day and missing requirements."""
        if candidate.history:
            return self._engine(candidate)
        totals = candidate.experience or Totals()
        return self.row(candidate.education, candidate.current, totals, candidate.organization)

    def row(
        self,
        education: tuple[Diploma, ...],
        current: Current | None,
        totals: tuple[Years | None, ...],
        organization: str | int | None,
    ) -> Next | None:
        """The next grade of a person with no history: diplomas, the grade held (or
        None), totals in the order of TOTAL_KINDS, and the organisation (or None)."""
        held = current.level if current is not None else None
        shape = self.shape(education, held, organization)
        since = current.since if current is not None else None
        return self.decide(shape, since, self.starts(totals))

    def starts(self, totals: tuple[Years | None, ...]) -> tuple[dt.date | None, ...]:
        """Where each total began: it is service up to the as-of date (None: none)."""
        return tuple(self.start(t) for t in totals)

    def start(self, total: Years | None) -> dt.date | None:
        """Where a total of service given as of the as-of date began (None: no service)."""
        if total is None or not (total.years or total.months):
            return None
        return earlier(self.as_of, total.years, total.months)

    def shape(
        self, education: tuple[Diploma, ...], held: Level | None, organization: str | int | None
    ) -> Shape:
        """The compiled situation of diplomas, a held grade and an organisation."""
        n = significance_given(organization, held, self.standard.rules)
        key = (education, held, n)
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shape(education, held, n)
            remember(self._shapes, key, shape, SHAPE_MEMO)
        return shape

    def decide(
        self, shape: Shape, since: dt.date | None, starts: tuple[dt.date | None, ...]
    ) -> Next | None:
        """The next grade of a situation, given the date the grade was assigned (None: no
        grade) and where each total began (`starts`, in the order of TOTAL_KINDS)."""
        level = shape.level
        if level is None:
            return None
        as_of = self.as_of
        best: tuple[int, dt.date, Status, tuple[str, ...], tuple[str, ...], dt.date | None]
        best = (len(SEVERITY), dt.date.max, _NOT_ELIGIBLE, (), (), None)
        for route in shape.routes:
            statuses: list[Status] = []
            latest: dt.date | None = None
            undated = False
            for need in route.needs:
                status, first = _met(need, since, starts, as_of)
                statuses.append(status)
                if first is None:
                    undated = True
                elif latest is None or first > latest:
                    latest = first
            key = tuple(statuses)
            status, missing, deciding = route.outcomes.get(key) or _outcome(route, key)
            eligible_on = None if status is _NOT_ELIGIBLE or undated else latest
            severity = SEVERITY[status]
            day = eligible_on or dt.date.min
            if severity < best[0] or (severity == best[0] and day < best[1]):
                best = (severity, day, status, missing, deciding, eligible_on)
        _, _, status, missing, deciding, eligible_on = best
        return Next(level, status, eligible_on, missing, deciding)

    def _shape(self, education: tuple[Diploma, ...], held: Level | None, n: int | None) -> Shape:
        """Compile one situation: the next level and, per path, what is fixed by it."""
        growing: tuple[str, ...] = ()
        implied: tuple[tuple[str, int], ...] = ()
        if held is None:
            level = self._entry_level(education, n)
        else:
            facts = self._held_level(held)
            if facts.next is None:
                return Shape(None, ())
            level = level_of(facts.next, n)
            growing, implied = facts.growing, facts.implied
        routes = []
        for plan in self._plan(level):
            before = [("education", self._diplomas(education, plan.education))]
            if plan.organization:
                before.append(("organization", _NOT_ELIGIBLE))
            needs = tuple(
                Need(
                    req.years,
                    held is not None and any(k in growing for k in req.sources),
                    any(k == req.key and years >= req.years for k, years in implied),
                    tuple(
                        i for i, k in enumerate(TOTAL_KINDS) if k in req.sources and k in growing
                    ),
                    tuple(
                        i
                        for i, k in enumerate(TOTAL_KINDS)
                        if k in req.sources and k not in growing
                    ),
                )
                for req in plan.experience
            )
            after: tuple[tuple[str, Status], ...] = ()
            if plan.silent is not None:
                after = ((plan.silent, _ELIGIBLE if held == level else Status.NEEDS_REVIEW),)
            routes.append(Route(tuple(before), needs, after, {}))
        return Shape(level, tuple(routes))

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

    def _diplomas(
        self, education: tuple[Diploma, ...], requirement: EducationRequirement
    ) -> Status:
        how = self.matcher.best(education, requirement)[1]
        return MATCH_STATUS.get(how, _NOT_ELIGIBLE)


def _met(
    need: Need, since: dt.date | None, starts: tuple[dt.date | None, ...], as_of: dt.date
) -> tuple[Status, dt.date | None]:
    """One requirement's status and first day: service counts from the earliest first
    day of any run that counts for it and reaches its years on that day's anniversary
    (RULES §4); a run that has stopped growing gets no further than it is."""
    years, with_since, implied, ongoing, fixed = need
    start = since if with_since else None
    grows = start is not None
    for i in ongoing:
        day = starts[i]
        if day is not None:
            grows = True
            if start is None or day < start:
                start = day
    for i in fixed:
        day = starts[i]
        if day is not None and (start is None or day < start):
            start = day
    first = years_after(start, years) if start is not None else None
    if first is not None and not grows and first > as_of:
        first = None
    if implied and since is not None and (first is None or since < first):
        first = since
    if first is not None and first <= as_of:
        return _ELIGIBLE, first
    if first is not None and grows:
        return _NOT_YET, first
    return _NOT_ELIGIBLE, None


def _outcome(
    route: Route, statuses: tuple[Status, ...]
) -> tuple[Status, tuple[str, ...], tuple[str, ...]]:
    """A path's status (its most severe finding), what it misses and which findings
    decide it, for one combination of its experience statuses; remembered on the route."""
    found = [*route.before, *(("experience", s) for s in statuses), *route.after]
    status = max((s for _, s in found), key=SEVERITY.__getitem__)
    missing = tuple(name for name, s in found if s is not _ELIGIBLE)
    deciding = tuple(name for name, s in found if s is status)
    route.outcomes[statuses] = (status, missing, deciding)
    return status, missing, deciding
