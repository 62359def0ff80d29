"""The decision: where a candidate stands and what comes next (RULES §2–§5).

Pure: (standard, candidate, as_of) → Outcome. No I/O, no printing, no wording:
findings carry message keys and values, and `explain.py` words them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from dateutil.relativedelta import relativedelta

from kzps.candidate import canonical_level, significance_of
from kzps.dates import ONE_DAY, Duration, Span, between, first_day_reaching, service_on
from kzps.education import Matcher
from kzps.standard import family

if TYPE_CHECKING:
    from kzps.candidate import Candidate
    from kzps.models import (
        EducationRequirement,
        ExperienceRequirement,
        Grade,
        Path,
        Position,
        Rules,
        Silence,
    )
    from kzps.standard import Standard


class Status(StrEnum):
    """How far a candidate is from a grade (CONTRACT: the four statuses)."""

    ELIGIBLE = "eligible"
    NOT_YET = "not_yet"
    NEEDS_REVIEW = "needs_review"
    NOT_ELIGIBLE = "not_eligible"


#: Within a path the most severe finding decides; between paths the least (RULES §5).
SEVERITY = {Status.ELIGIBLE: 0, Status.NOT_YET: 1, Status.NEEDS_REVIEW: 2, Status.NOT_ELIGIBLE: 3}


class Message(NamedTuple):
    """Words to be said, as a catalog key and its values; `explain.py` renders it."""

    key: str
    values: Mapping[str, Any] = MappingProxyType({})


class Finding(NamedTuple):
    """One requirement: what is required, what the candidate has, met or not, and why."""

    requirement: str
    required: Message
    actual: Message
    met: bool
    status: Status
    source: str
    eligible_on: dt.date | None = None
    relaxed: bool = False


class PathDecision(NamedTuple):
    """One path to a grade, decided."""

    key: str
    path: Path
    status: Status
    eligible_on: dt.date | None
    findings: tuple[Finding, ...]


class Decision(NamedTuple):
    """A grade, decided: the best of its paths."""

    level: str
    grade: Grade
    status: Status
    eligible_on: dt.date | None
    findings: tuple[Finding, ...]
    paths: tuple[PathDecision, ...]
    missing: tuple[str, ...]


class Outcome(NamedTuple):
    """Everything kzps says about one candidate on one day."""

    as_of: dt.date
    current: str | None
    next: Decision | None
    options: tuple[Decision, ...]
    qualifies_for: tuple[str, ...]
    warnings: tuple[Message, ...]
    positions: tuple[Decision, ...] = ()


class Evidence(NamedTuple):
    """A candidate's service by kind: fixed spans, ongoing starts, and implied facts."""

    fixed: dict[str, list[Span]]
    ongoing: dict[str, list[dt.date]]
    implied: list[tuple[str, int, dt.date, str]]


def decide_next(standard: Standard, candidate: Candidate, as_of: dt.date) -> Decision | None:
    """Only the next grade's decision: what a roster row needs, without the options."""
    judge = _Judge(standard, candidate, as_of)
    target = judge.next_level()
    return judge.decide(target) if target is not None else None


def decide(standard: Standard, candidate: Candidate, as_of: dt.date) -> Outcome:
    """Decide the candidate's next grade, options and qualifications on `as_of`."""
    judge = _Judge(standard, candidate, as_of)
    return judge.outcome()


class _Judge:
    """Holds one candidate's evidence while every grade is decided against it."""

    def __init__(self, standard: Standard, candidate: Candidate, as_of: dt.date) -> None:
        self.standard = standard
        self.rules: Rules = standard.rules
        self.candidate = candidate
        self.as_of = as_of
        self.current = candidate.current.level if candidate.current else None
        self.significance = self._significance()
        self.evidence = self._evidence()
        self.matcher = Matcher(self.rules, standard.level_rank)
        self.warnings: list[Message] = []

    # -- the outcome ---------------------------------------------------------------

    def outcome(self) -> Outcome:
        decisions = {level: self.decide(level) for level in self._all_levels()}
        target = self.next_level()
        next_decision = None
        if target is not None:
            next_decision = decisions.get(target) or self.decide(target)
        options = tuple(
            d
            for level, d in decisions.items()
            if d.status is Status.ELIGIBLE and level != target and self._above_current(level)
        )
        qualifies = tuple(level for level, d in decisions.items() if d.status is Status.ELIGIBLE)
        positions = tuple(
            self.decide_position(p) for p in self.rules.positions if self._on_current_card(p.base)
        )
        self._held_grade_warnings(decisions)
        for decision in [next_decision, *options, *positions]:
            if decision is not None:
                self._finding_warnings(decision)
        if self.as_of > self.rules.standard.review_date:
            self._warn("warning.review_date", date=self.rules.standard.review_date)
        return Outcome(
            as_of=self.as_of,
            current=self.current,
            next=next_decision,
            options=options,
            qualifies_for=qualifies,
            warnings=tuple(self.warnings),
            positions=positions,
        )

    def decide(self, level: str) -> Decision:
        grade = self.standard.grade(level)
        decided = [self._decide_path(level, grade, path) for path in grade.paths]
        best = min(decided, key=_path_rank)
        missing = tuple(f.requirement for f in best.findings if not f.met)
        return Decision(
            level=level,
            grade=grade,
            status=best.status,
            eligible_on=best.eligible_on,
            findings=best.findings,
            paths=tuple(decided),
            missing=missing,
        )

    def decide_position(self, position: Position) -> Decision:
        """A derived position: its base grade's main path, plus the overlay's experience."""
        base = self.standard.grades[position.base]
        main = base.paths[0]
        path = main._replace(experience=(*main.experience, *position.experience))
        decided = self._decide_path(self._level_of(base), base, path)
        return Decision(
            level=position.key,
            grade=base,
            status=decided.status,
            eligible_on=decided.eligible_on,
            findings=decided.findings,
            paths=(decided,),
            missing=tuple(f.requirement for f in decided.findings if not f.met),
        )

    def _on_current_card(self, code: str) -> bool:
        if self.current is None:
            return False
        return self.standard.grades[code].card == self.standard.grade(self.current).card

    # -- the ladder (RULES §5) -----------------------------------------------------

    def next_level(self) -> str | None:
        if self.current is None:
            return self._entry_level()
        grade = self.standard.grade(self.current)
        if grade.next is None:
            return None
        return self._level_of(self.standard.grades[grade.next])

    def _entry_level(self) -> str:
        """No grade yet: the highest entry grade whose education matches, else by level."""
        entries = [g for g in self.rules.grades if not g.paths[0].experience and not g.implies]
        matching = [
            g
            for g in entries
            if self.matcher.best(self.candidate.education, g.paths[0].education)[0] is not None
        ]
        if matching:
            return self._level_of(matching[-1])
        best_rank = max(self.standard.level_rank[d.level] for d in self.candidate.education)
        fitting = [
            g
            for g in entries
            if self.standard.level_rank[g.paths[0].education.min_level] <= best_rank
        ]
        return self._level_of((fitting or entries)[-1])

    def _level_of(self, grade: Grade) -> str:
        if grade.significance and self.significance is not None:
            return f"{grade.code}-{self.significance}"
        return grade.code

    def _all_levels(self) -> list[str]:
        levels: list[str] = []
        for grade in self.rules.grades:
            if grade.significance and self.significance is None:
                continue
            levels.append(self._level_of(grade))
        return levels

    def _above_current(self, level: str) -> bool:
        if self.current is None:
            return True
        order = self.standard.order
        return order[family(level)] > order[family(self.current)]

    def _significance(self) -> int | None:
        if self.candidate.organization is not None:
            return significance_of(self.candidate.organization, self.rules)
        if self.current and "-" in self.current:
            return int(self.current.rsplit("-", 1)[1])
        return None

    # -- one path --------------------------------------------------------------------

    def _decide_path(self, level: str, grade: Grade, path: Path) -> PathDecision:
        findings = [self._education_finding(path.education)]
        if grade.significance and "-" not in level:
            findings.append(self._organization_finding(grade))
        findings += [self._experience_finding(req) for req in path.experience]
        if path.silent is not None:
            findings.append(self._silence_finding(level, path.silent))
        status = max((f.status for f in findings), key=SEVERITY.__getitem__)
        timed = [f.eligible_on for f in findings if f.requirement == "experience"]
        eligible_on = None
        if status in (Status.ELIGIBLE, Status.NOT_YET, Status.NEEDS_REVIEW) and timed:
            dates = [d for d in timed if d is not None]
            eligible_on = max(dates) if len(dates) == len(timed) else None
        return PathDecision(path.key, path, status, eligible_on, tuple(findings))

    def _organization_finding(self, grade: Grade) -> Finding:
        return Finding(
            requirement="organization",
            required=Message("required.organization", {"grade": grade.code}),
            actual=Message("actual.organization_missing"),
            met=False,
            status=Status.NOT_ELIGIBLE,
            source=grade.source,
        )

    def _silence_finding(self, level: str, silent: Silence) -> Finding:
        held = self._held_since(level)
        return Finding(
            requirement=silent.requirement,
            required=Message("required.unstated", {"text": silent.text}),
            actual=(
                Message("actual.held_since", {"level": level, "date": held})
                if held
                else Message("actual.unstated")
            ),
            met=held is not None,
            status=Status.ELIGIBLE if held else Status.NEEDS_REVIEW,
            source=silent.source,
        )

    def _held_since(self, level: str) -> dt.date | None:
        """When the candidate first held exactly this level (it implies its own rules)."""
        starts = [p.start for p in self.candidate.history if p.level == level]
        if self.candidate.current and self.candidate.current.level == level:
            starts.append(self.candidate.current.since)
        return min(starts, default=None)

    # -- education (RULES §3) --------------------------------------------------------

    def _education_finding(self, requirement: EducationRequirement) -> Finding:
        diploma, how = self.matcher.best(self.candidate.education, requirement)
        status = _MATCH_STATUS.get(how, Status.NOT_ELIGIBLE)
        values: dict[str, Any] = {"edu_level": requirement.min_level, "text": requirement.text}
        if requirement.codes:
            required = Message("required.education_codes", values | {"codes": requirement.codes})
        else:
            required = Message("required.education_fields", values | {"fields": requirement.fields})
        source = requirement.source
        if diploma is None:
            actual = Message("actual.education_none", {"diplomas": self._diploma_list()})
        else:
            via = self.matcher.via(diploma, requirement)
            if how == "code" and via == self.matcher.as_bachelor(diploma.code or ""):
                how = "listed"
            if how == "equivalent" and diploma.code:
                row = self.matcher.equivalence(diploma.code, self.matcher.listed(requirement))
                source = f"{source}; {row.source}" if row else source
            actual = Message(
                f"actual.education_{how}",
                {
                    "edu_level": canonical_level(diploma.level, self.rules),
                    "code": diploma.code,
                    "field": diploma.field,
                    "via": via,
                },
            )
        return Finding(
            requirement="education",
            required=required,
            actual=actual,
            met=status is Status.ELIGIBLE,
            status=status,
            source=source,
            relaxed=requirement.relaxed,
        )

    def _diploma_list(self) -> list[tuple[str, str | None, str | None]]:
        return [
            (canonical_level(d.level, self.rules), d.code, d.field)
            for d in self.candidate.education
        ]

    # -- experience (RULES §4) -------------------------------------------------------

    def _experience_finding(self, requirement: ExperienceRequirement) -> Finding:
        key = _kind_key(requirement.kind, requirement.grades)
        sources = [_kind_key("grade", (g,)) for g in requirement.grades] or [key]
        fixed = [s for k in sources for s in self.evidence.fixed.get(k, [])]
        ongoing = [d for k in sources for d in self.evidence.ongoing.get(k, [])]
        required = Duration(years=requirement.years)
        horizon = self.as_of + relativedelta(years=requirement.years, days=31)
        counted_day = first_day_reaching(fixed, ongoing, required, horizon)
        implied = self._implied(key, requirement.years)
        candidates = [d for d in (counted_day, implied[0] if implied else None) if d is not None]
        first_day = min(candidates, default=None)
        have = service_on(fixed, ongoing, self.as_of)
        if first_day is not None and first_day <= self.as_of:
            status = Status.ELIGIBLE
        elif first_day is not None and ongoing:
            status = Status.NOT_YET
        else:
            status, first_day = Status.NOT_ELIGIBLE, None
        values = {"have": have, "grades": requirement.grades, "kind": requirement.kind}
        actual = Message("actual.experience", values)
        if implied and (counted_day is None or implied[0] <= counted_day):
            actual = Message(
                "actual.experience_implied", values | {"by": implied[1], "date": implied[0]}
            )
        if status is Status.NOT_YET and first_day is not None:
            actual = Message(
                "actual.experience_short",
                values | {"short": between(self.as_of, first_day), "date": first_day},
            )
        return Finding(
            requirement="experience",
            required=Message(
                f"required.experience_{'grade' if requirement.grades else 'kind'}",
                {
                    "years": requirement.years,
                    "grades": requirement.grades,
                    "kind": requirement.kind,
                },
            ),
            actual=actual,
            met=status is Status.ELIGIBLE,
            status=status,
            source=requirement.source,
            eligible_on=first_day,
            relaxed=requirement.relaxed,
        )

    def _implied(self, key: str, years: int) -> tuple[dt.date, str] | None:
        """The earliest date a held grade implies `years` of this service (RULES §4)."""
        facts = [
            (since, by) for k, n, since, by in self.evidence.implied if k == key and n >= years
        ]
        return min(facts, default=None)

    def _evidence(self) -> Evidence:
        fixed: dict[str, list[Span]] = {}
        ongoing: dict[str, list[dt.date]] = {}
        implied: list[tuple[str, int, dt.date, str]] = []
        last = self.as_of - ONE_DAY
        current = self.candidate.current
        growing = self._kinds_of(current.level, ()) if current else []
        if current is not None:
            for kind in growing:
                ongoing.setdefault(kind, []).append(current.since)
            implied += self._implications(current.level, current.since)
        for period in self.candidate.history:
            if period.level and period.start <= self.as_of:  # held from its first day
                implied += self._implications(period.level, period.start)
            span = Span(period.start, min(period.end, last))
            if span.first <= span.last:
                for kind in self._kinds_of(period.level, period.counts_as):
                    fixed.setdefault(kind, []).append(span)
        totals = self.candidate.experience
        for kind in totals._fields if totals else ():
            amount = getattr(totals, kind)
            if not amount or amount == (0, 0):
                continue
            start = self.as_of - relativedelta(years=amount.years, months=amount.months)
            if kind in growing:
                ongoing.setdefault(kind, []).append(start)
            else:
                fixed.setdefault(kind, []).append(Span(start, last))
        return Evidence(fixed, ongoing, implied)

    def _kinds_of(self, level: str | None, counts_as: tuple[str, ...]) -> list[str]:
        """Which kinds of experience time at `level` (and the stated kinds) counts as."""
        kinds = list(counts_as)
        if level is not None:
            code = family(level)
            kinds.append(_kind_key("grade", (code,)))
            kinds += [
                k.key
                for k in self.rules.experience_kinds
                if k.counted_from == "all" or code in k.counted_from
            ]
        return kinds

    def _implications(self, level: str, since: dt.date) -> list[tuple[str, int, dt.date, str]]:
        """Holding a grade implies the experience of the grades it lists (RULES §4)."""
        grade = self.standard.grade(level)
        facts = []
        for code in grade.implies:
            for path in self.standard.grades[code].paths:
                for req in path.experience:
                    key = _kind_key(req.kind, req.grades)
                    facts.append((key, req.years, since, level))
        return facts

    # -- warnings --------------------------------------------------------------------

    def _warn(self, key: str, **values: Any) -> None:
        message = Message(key, values)
        if message not in self.warnings:
            self.warnings.append(message)

    def _held_grade_warnings(self, decisions: dict[str, Decision]) -> None:
        if self.current is None:
            return
        decision = decisions.get(self.current) or self.decide(self.current)
        education = [f for f in decision.findings if f.requirement == "education"]
        if education and education[0].status is Status.NOT_ELIGIBLE:
            self._warn("warning.held_without_education", level=self.current)

    def _finding_warnings(self, decision: Decision) -> None:
        for finding in decision.findings:
            if finding.relaxed:
                self._warn("warning.relaxed", source=finding.source)
            if finding.actual.key == "actual.education_stated":
                self._warn("warning.field_stated", field=finding.actual.values["field"])
            if finding.actual.key == "actual.education_probable":
                values = finding.actual.values
                self._warn("warning.predecessor", code=values["code"], via=values["via"])


#: What each way of matching a diploma (education.py) means for the status.
_MATCH_STATUS = {
    "code": Status.ELIGIBLE,
    "field": Status.ELIGIBLE,
    "equivalent": Status.ELIGIBLE,
    "stated": Status.ELIGIBLE,
    "probable": Status.NEEDS_REVIEW,
}


def _kind_key(kind: str, grades: tuple[str, ...]) -> str:
    """`grade` experience is per set of grades; other kinds are themselves."""
    return f"grade:{','.join(grades)}" if kind == "grade" else kind


def _path_rank(decision: PathDecision) -> tuple[int, dt.date]:
    return (SEVERITY[decision.status], decision.eligible_on or dt.date.min)
