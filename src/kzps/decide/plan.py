"""The plan (issue 14): a person's ladder from the as-of day to the top of the standard.

Pure: (standard, candidate, as_of, until) → Plan. No I/O, no wording. Every step is the
engine's own decision on the person as they would be on the day the step before it is
taken: promoted on the first day they are eligible (the as-of day for a step already
met or one with no time requirement), in the same organisation. The plan moves the
person and asks the engine again; it computes no date of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple, cast

from kzps.decide.candidate import Held, Period
from kzps.decide.engine import Judge, decide, level_of
from kzps.decide.outcome import Message, Status
from kzps.decide.service import ONE_DAY, earlier
from kzps.standard.codes import code_matches

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kzps.decide.candidate import Candidate, Kind, Totals
    from kzps.decide.outcome import Decision, Finding, PathDecision
    from kzps.standard.level import Level
    from kzps.standard.load import Standard
    from kzps.standard.records import EducationRequirement, Grade


class Beside(NamedTuple):
    """A grade on a later card the person reaches no later than the ladder's step
    (8.3-N beside 6.x; 5.3 by card 10's second path beside 4.x), decided by the engine."""

    decision: Decision
    promoted_on: dt.date
    #: The paragraph (or overlay rule) that decides its status and date.
    source: str


class Step(NamedTuple):
    """One step: the engine's decision on the person as the steps before leave them."""

    decision: Decision
    #: The grade the step is taken from; None for a person not yet placed.
    after: Level | None
    #: The day the plan assumes for it, the start of the next step; None: not datable.
    promoted_on: dt.date | None
    #: The paragraph (or overlay rule) that decides the step's status and date.
    source: str
    #: What time cannot fix, why the step cannot be dated, why it is taken beside.
    reasons: tuple[Message, ...] = ()
    #: For a step the plan cannot take: what would open it.
    opens: tuple[Message, ...] = ()
    #: Faster grades on later cards, beside this step.
    beside: tuple[Beside, ...] = ()
    #: Taken beside the ladder, because the ladder's own step is closed or undatable.
    fork: bool = False

    @property
    def level(self) -> Level:
        """The grade of the step."""
        return self.decision.level


class Stop(NamedTuple):
    """Where the plan ends before the top of the standard, and why."""

    #: The last grade the plan reaches (the current one if it takes no step).
    after: Level | None
    reason: Message
    #: The step the plan could not take, with its reasons and what would open it
    #: (None when the plan stops at `until`).
    closed: Step | None = None


class Plan(NamedTuple):
    """A person's steps from `as_of`; `stop` is None when they lead to the top."""

    as_of: dt.date
    current: Level | None
    until: dt.date | None
    steps: tuple[Step, ...]
    stop: Stop | None
    warnings: tuple[Message, ...]


def plan(
    standard: Standard, candidate: Candidate, as_of: dt.date, until: dt.date | None = None
) -> Plan:
    """The candidate's plan as of `as_of`, up to `until` (default: the top of the standard).

    The first step is `decide(...).next` itself, so a plan always opens with what
    `kzps check` says.
    """
    outcome = decide(standard, candidate, as_of)
    warnings = outcome.warnings  # about the person as they are, not as projected
    person, day = candidate, as_of
    steps: list[Step] = []
    stop: Stop | None = None
    for _ in standard.levels:  # every step climbs the ladder, so this bounds the plan
        if outcome.next is None:
            break
        ladder = _step(standard, person, day, outcome.next)
        taken = _taken(standard, person, day, ladder)
        if taken is None or taken[0] is not ladder:
            steps.append(ladder)  # closed or undatable: shown, with why and what opens it
        if taken is None:
            closed = "undated" if _undated(ladder.decision) else "closed"
            reason = Message(f"plan.stop.{closed}", {"level": ladder.level})
            stop = Stop(_held(person), reason, ladder)
            break
        step, promoted_on = taken
        if until is not None and promoted_on > until:
            values = {"level": step.level, "date": promoted_on, "until": until}
            stop = Stop(_held(person), Message("plan.stop.until", values))
            break
        steps.append(step)
        person = promoted(person, step.level, promoted_on, as_of)
        day = promoted_on
        outcome = decide(standard, person, day)
    return Plan(as_of, _held(candidate), until, tuple(steps), stop, warnings)


def promoted(candidate: Candidate, level: Level, day: dt.date, as_of: dt.date) -> Candidate:
    """The candidate as they would be from `day`, promoted to `level` that day: the grade
    held until then becomes history ending the day before, and experience totals (given
    as of `as_of`, as a staff list gives them) become the periods they stand for, so
    that the engine reads them the same on a later day."""
    history = [*candidate.history, *_totals_as_history(candidate.experience, as_of)]
    if candidate.current is not None:
        held = candidate.current
        # Promoted twice on one day, the grade was held for no day: the period is
        # empty and counts no service, but holding the grade still proves its rules.
        history.append(Period(start=held.since, end=day - ONE_DAY, level=held.level))
    return candidate._replace(current=Held(level, day), history=tuple(history), experience=None)


def _totals_as_history(totals: Totals | None, as_of: dt.date) -> list[Period]:
    """Totals as of `as_of` as periods up to the day before it, as the engine counts them."""
    periods: list[Period] = []
    for kind in totals._fields if totals is not None else ():
        amount = getattr(totals, kind)
        if not amount or amount == (0, 0):
            continue
        start = earlier(as_of, amount.years, amount.months)
        counts = (cast("Kind", kind),)
        periods.append(Period(start=start, end=as_of - ONE_DAY, counts_as=counts))
    return periods


def _held(person: Candidate) -> Level | None:
    return person.current.level if person.current is not None else None


# -- one step ---------------------------------------------------------------------------


def _step(
    standard: Standard,
    person: Candidate,
    day: dt.date,
    decision: Decision,
    closed: Level | None = None,
) -> Step:
    """The step to `decision` from where `person` stands on `day`; `closed` names the
    ladder's step when this one is taken beside it."""
    judge = Judge(standard, person, day)
    promoted_on = _promotion_day(decision, day)
    reasons = _reasons(decision)
    if closed is not None:
        reasons = (Message("plan.reason.fork", {"closed": closed}), *reasons)
    return Step(
        decision=decision,
        after=_held(person),
        promoted_on=promoted_on,
        source=_source(decision),
        reasons=reasons,
        opens=_opens(standard, judge, decision) if promoted_on is None else (),
        beside=_beside(standard, judge, decision, promoted_on),
        fork=closed is not None,
    )


def _taken(
    standard: Standard, person: Candidate, day: dt.date, ladder: Step
) -> tuple[Step, dt.date] | None:
    """The step the plan takes and its day: the ladder's own, or, where that one is
    closed or has no date, the first grade beside it (a fork)."""
    if ladder.promoted_on is not None:
        return ladder, ladder.promoted_on
    for beside in ladder.beside:
        step = _step(standard, person, day, beside.decision, closed=ladder.level)
        if step.promoted_on is not None:
            return step, step.promoted_on
    return None


def _promotion_day(decision: Decision, day: dt.date) -> dt.date | None:
    """When the plan takes a step: its first eligible day, not before `day`; None when
    time cannot bring it (not eligible) or the standard gives no date to count to."""
    if decision.status is Status.NOT_ELIGIBLE or _undated(decision):
        return None
    return max(decision.eligible_on or day, day)


def deciding(decision: Decision) -> PathDecision:
    """The path whose findings decide the grade (the best one, RULES §5)."""
    return next(p for p in decision.paths if p.findings == decision.findings)


def _undated(decision: Decision) -> bool:
    """The deciding path's experience is one the standard does not state (6.3, para 11)."""
    path = deciding(decision)
    silent = path.path.silent
    return silent is not None and any(
        f.requirement == silent.requirement and f.status is Status.NEEDS_REVIEW
        for f in path.findings
    )


def _source(decision: Decision) -> str:
    """The source of the finding that decides the status, or of the date, else the card."""
    findings = decision.findings
    if decision.status in (Status.NOT_ELIGIBLE, Status.NEEDS_REVIEW):
        return next(f.source for f in findings if f.status is decision.status)
    dated = [
        f.source
        for f in findings
        if f.requirement == "experience"
        and f.eligible_on is not None
        and f.eligible_on == decision.eligible_on
    ]
    return dated[0] if dated else decision.grade.source


def _closing_paths(decision: Decision) -> tuple[PathDecision, ...]:
    """Every path of a grade no path opens (card 10 has two); else the deciding one."""
    if decision.status is Status.NOT_ELIGIBLE:
        return decision.paths
    return (deciding(decision),)


def _reasons(decision: Decision) -> tuple[Message, ...]:
    """What time cannot fix, and what keeps the step from a date or a clear status.
    A requirement no path meets is one reason, with what each path requires."""
    reasons: list[Message] = []
    closing: dict[str, list[Finding]] = {}
    for path in _closing_paths(decision):
        silent = path.path.silent
        for f in path.findings:
            if f.status is Status.NOT_ELIGIBLE:
                closing.setdefault(f.requirement, []).append(f)
            elif f.status is not Status.NEEDS_REVIEW:
                continue
            elif silent is not None and f.requirement == silent.requirement:
                reasons.append(Message("plan.reason.unstated", {"text": silent.text}))
            else:
                reasons.append(Message("plan.reason.review", {"actual": f.actual}))
    closed = [
        Message(
            f"plan.reason.{requirement}",
            {"required": _unique(f.required for f in findings), "actual": findings[0].actual},
        )
        for requirement, findings in closing.items()
    ]
    return _unique([*closed, *reasons])


def _unique(messages: Iterable[Message]) -> tuple[Message, ...]:
    """Each message once, in order (messages hold mappings, so no set will do)."""
    unique: list[Message] = []
    for message in messages:
        if message not in unique:
            unique.append(message)
    return tuple(unique)


# -- what would open a closed step ------------------------------------------------------


def _opens(standard: Standard, judge: Judge, decision: Decision) -> tuple[Message, ...]:
    """What would open a step the plan cannot take: a diploma, the organisation's
    significance, an overlay that dates it; where the grade closes its card, the next
    card's diploma is another way on."""
    opens: list[Message] = []
    target: dict[str, object] = {"level": decision.level}
    education = False
    for path in _closing_paths(decision):
        for f in path.findings:
            if f.status is Status.NOT_ELIGIBLE and f.requirement == "education":
                opens.append(_diploma(path.path.education, "plan.opens.education", target))
                education = True
            elif f.status is Status.NOT_ELIGIBLE and f.requirement == "organization":
                choices = tuple(s.key for s in standard.rules.significance)
                opens.append(
                    Message(
                        "plan.opens.organization",
                        {"grade": decision.grade.code, "choices": choices},
                    )
                )
            elif f.status is Status.NOT_ELIGIBLE:
                opens.append(Message("plan.opens.experience", {"required": f.required} | target))
    if _undated(decision):
        opens.append(Message("plan.opens.overlay", target))
    if education:
        opens += _next_card(standard, judge, decision.grade)
    return _unique(opens)


def _next_card(standard: Standard, judge: Judge, grade: Grade) -> list[Message]:
    """Where `grade` is the last of its card: the next card's diploma, if it is missing."""
    if grade.next is None or standard.grades[grade.next].card == grade.card:
        return []
    following = standard.grades[grade.next]
    decision = judge.decide(level_of(following, judge.significance))
    return [
        _diploma(path.path.education, "plan.opens.card", {"card": following.card})
        for path in decision.paths
        if any(f.requirement == "education" and not f.met for f in path.findings)
    ]


def _diploma(requirement: EducationRequirement, key: str, target: dict[str, object]) -> Message:
    """`a bachelor's degree in 6B03, 6B04 or 6B11 opens …`: the broadest listed codes."""
    values: dict[str, object] = {"edu_level": requirement.min_level} | target
    if requirement.codes:
        return Message(f"{key}_codes", values | {"codes": broadest(requirement.codes)})
    return Message(f"{key}_fields", values | {"fields": requirement.fields})


def broadest(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The listed codes no other listed code covers: 6B03, 6B031 → 6B03 (RULES §3)."""
    return tuple(
        code
        for code in codes
        if not any(other != code and code_matches(code, other) for other in codes)
    )


# -- grades beside the ladder -----------------------------------------------------------


def _beside(
    standard: Standard, judge: Judge, ladder: Decision, promoted_on: dt.date | None
) -> tuple[Beside, ...]:
    """The first grade of each later card that the engine dates no later than the
    ladder's step (any dated one, when the ladder's step has no date)."""
    found: list[Beside] = []
    cards = {ladder.grade.card}
    order = standard.order
    for grade in standard.rules.grades:
        if order[grade.code] <= order[ladder.grade.code] or grade.card in cards:
            continue
        cards.add(grade.card)
        if grade.significance and judge.significance is None:
            continue  # 8.x-N without the organisation's N: closed, not beside
        decision = judge.decide(level_of(grade, judge.significance))
        day = _promotion_day(decision, judge.as_of)
        if day is not None and (promoted_on is None or day <= promoted_on):
            found.append(Beside(decision, day, _source(decision)))
    return tuple(found)
