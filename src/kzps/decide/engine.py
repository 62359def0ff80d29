"""The decision: where a candidate stands and what comes next (RULES §2–§5).

Pure: (standard, candidate, as_of) → Outcome. No I/O, no printing, no wording:
findings carry message keys and values, and `explain.py` words them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kzps.decide.candidate import significance_of
from kzps.decide.education import Matcher, education_finding
from kzps.decide.evidence import gather, kind_key
from kzps.decide.outcome import (
    SEVERITY,
    Decision,
    Finding,
    Message,
    Outcome,
    PathDecision,
    PositionDecision,
    Status,
    rank,
)
from kzps.decide.plausible import implausible
from kzps.decide.service import Duration, after, between, first_day_reaching, service_on
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate, Diploma
    from kzps.standard.load import Standard
    from kzps.standard.records import (
        ExperienceRequirement,
        Grade,
        GradePath,
        Position,
        Rules,
        Silence,
    )


def decide_next(standard: Standard, candidate: Candidate, as_of: dt.date) -> Decision | None:
    """Only the next grade's decision: what a roster row needs, without the options."""
    judge = Judge(standard, candidate, as_of)
    target = judge.next_level()
    return judge.decide(target) if target is not None else None


def decide(standard: Standard, candidate: Candidate, as_of: dt.date) -> Outcome:
    """Decide the candidate's next grade, options and qualifications on `as_of`."""
    judge = Judge(standard, candidate, as_of)
    return judge.outcome()


class Judge:
    """Holds one candidate's evidence while every grade is decided against it."""

    def __init__(self, standard: Standard, candidate: Candidate, as_of: dt.date) -> None:
        self.standard = standard
        self.rules: Rules = standard.rules
        self.candidate = candidate
        self.as_of = as_of
        self.current = candidate.current.level if candidate.current else None
        self.significance = self._significance()
        self.evidence = gather(standard, candidate, as_of)
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
        for decision in [next_decision, *options, *(p.decision for p in positions)]:
            if decision is not None:
                self._finding_warnings(decision)
        for found in implausible(self.candidate, self.standard, self.as_of):
            self._warn(found.key, **found.values)
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

    def decide(self, level: Level) -> Decision:
        grade = self.standard.grade(level)
        decided = [self._decide_path(level, grade, path) for path in grade.paths]
        best = min(decided, key=path_rank)
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

    def decide_position(self, position: Position) -> PositionDecision:
        """A derived position: its base grade's main path, plus the overlay's experience."""
        base = self.standard.grades[position.base]
        main = base.paths[0]
        path = main._replace(experience=(*main.experience, *position.experience))
        level = self._level_of(base)
        decided = self._decide_path(level, base, path, own=main.experience)
        return PositionDecision(
            position,
            Decision(
                level=level,
                grade=base,
                status=decided.status,
                eligible_on=decided.eligible_on,
                findings=decided.findings,
                paths=(decided,),
                missing=tuple(f.requirement for f in decided.findings if not f.met),
            ),
        )

    def _on_current_card(self, code: str) -> bool:
        if self.current is None:
            return False
        return self.standard.grades[code].card == self.standard.grade(self.current).card

    # -- the ladder (RULES §5) -----------------------------------------------------

    def next_level(self) -> Level | None:
        return next_level(self.standard, self.matcher, self.candidate, self.significance)

    def _level_of(self, grade: Grade) -> Level:
        return level_of(grade, self.significance)

    def _all_levels(self) -> list[Level]:
        levels: list[Level] = []
        for grade in self.rules.grades:
            if grade.significance and self.significance is None:
                continue
            levels.append(self._level_of(grade))
        return levels

    def _above_current(self, level: Level) -> bool:
        if self.current is None:
            return True
        order = self.standard.order
        return order[level.grade] > order[self.current.grade]

    def _significance(self) -> int | None:
        return significance(self.candidate, self.rules)

    # -- one path --------------------------------------------------------------------

    def _decide_path(
        self,
        level: Level,
        grade: Grade,
        path: GradePath,
        own: tuple[ExperienceRequirement, ...] | None = None,
    ) -> PathDecision:
        """One path decided; holding the grade proves its `own` requirements (default:
        all of the path's), not those a derived position adds."""
        findings = [education_finding(self.matcher, self.candidate, path.education)]
        if grade.significance and "-" not in level:
            findings.append(self._organization_finding(grade))
        held = self._held_grade(grade)
        proven = path.experience if own is None else own
        findings += [
            self._experience_finding(req, held if req in proven else None)
            for req in path.experience
        ]
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

    def _held_grade(self, grade: Grade) -> tuple[dt.date, Level] | None:
        """When the candidate first held this grade (any N of 8.x-N), and as which level:
        holding a grade proves its own experience requirement from that day (RULES §4)."""
        held = [(p.start, p.level) for p in self.candidate.history if p.level]
        if self.candidate.current is not None:
            held.append((self.candidate.current.since, self.candidate.current.level))
        found = [(day, level) for day, level in held if level.grade == grade.code]
        return min(found, default=None)

    def _experience_finding(
        self, requirement: ExperienceRequirement, held: tuple[dt.date, Level] | None = None
    ) -> Finding:
        key = kind_key(requirement.kind, requirement.grades)
        sources = [kind_key("grade", (g,)) for g in requirement.grades] or [key]
        fixed = [s for k in sources for s in self.evidence.fixed.get(k, [])]
        ongoing = [d for k in sources for d in self.evidence.ongoing.get(k, [])]
        required = Duration(years=requirement.years)
        horizon = after(self.as_of, Duration(requirement.years, 0, 31))
        counted_day = first_day_reaching(fixed, ongoing, required, horizon)
        implied = min((f for f in (self._implied(key, requirement.years), held) if f), default=None)
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

    def _implied(self, key: str, years: int) -> tuple[dt.date, Level] | None:
        """The earliest date a held grade implies `years` of this service (RULES §4)."""
        facts = [
            (since, by) for k, n, since, by in self.evidence.implied if k == key and n >= years
        ]
        return min(facts, default=None)

    # -- warnings --------------------------------------------------------------------

    def _warn(self, key: str, **values: Any) -> None:
        message = Message(key, values)
        if message not in self.warnings:
            self.warnings.append(message)

    def _held_grade_warnings(self, decisions: dict[Level, Decision]) -> None:
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


# -- the ladder (RULES §5), shared with the closed-form decider of kzps.decide.quick ----------


def next_level(
    standard: Standard, matcher: Matcher, candidate: Candidate, significance: int | None
) -> Level | None:
    """The next step on the candidate's own ladder, or None at the top of the standard."""
    current = candidate.current
    if current is None:
        return level_of(entry_grade(standard, matcher, candidate.education), significance)
    grade = standard.grade(current.level)
    if grade.next is None:
        return None
    return level_of(standard.grades[grade.next], significance)


def entry_grades(standard: Standard) -> list[Grade]:
    """The grades a ladder starts on (4 and 6): no experience, nothing held below them."""
    return [g for g in standard.rules.grades if not g.paths[0].experience and not g.implies]


def entry_grade(standard: Standard, matcher: Matcher, education: tuple[Diploma, ...]) -> Grade:
    """No grade yet: the highest entry grade whose education matches, else by level."""
    entries = entry_grades(standard)
    matching = [g for g in entries if matcher.best(education, g.paths[0].education)[0] is not None]
    if matching:
        return matching[-1]
    best_rank = max(standard.level_rank[d.level] for d in education)
    fitting = [
        g for g in entries if standard.level_rank[g.paths[0].education.min_level] <= best_rank
    ]
    return (fitting or entries)[-1]


def level_of(grade: Grade, significance: int | None) -> Level:
    """A grade's level for this candidate: 8.3 becomes 8.3-N when N is known."""
    if grade.significance and significance is not None:
        return Level.of(grade.code, significance)
    return Level(grade.code)


def significance(candidate: Candidate, rules: Rules) -> int | None:
    """The N of 8.x-N: the organisation's, else the current grade's (RULES §5)."""
    held = candidate.current.level if candidate.current else None
    return significance_given(candidate.organization, held, rules)


def significance_given(
    organization: str | int | None, held: Level | None, rules: Rules
) -> int | None:
    """The N of 8.x-N from an organisation (or None) and the grade held (or None)."""
    if organization is not None:
        return significance_of(organization, rules)
    return held.significance if held is not None else None


def path_rank(decision: PathDecision) -> tuple[int, dt.date]:
    """Between alternative paths the best decides: least severe, then earliest."""
    return rank(decision.status, decision.eligible_on)
