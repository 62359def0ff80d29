"""A plan said in one language: the plan decides, this module only words it.

The same words as `kzps check` for grades, requirements and diplomas (the engine's
messages, said by `explain`); the plan's own sentences are in `messages/plan.*.yaml`.
`PlanResult.model_dump(mode="json")` is exactly what `kzps plan --format json` prints.
"""

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from kzps.decide.outcome import Message
from kzps.decide.plan import deciding
from kzps.words.catalog import catalog
from kzps.words.explain import Words
from kzps.words.result import Current, StandardRef, as_data

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate
    from kzps.decide.plan import Beside, Plan, Step
    from kzps.standard.load import Standard


class PlanOption(NamedTuple):
    """A grade on a later card, beside a step, that the person reaches no later."""

    level: str
    card: int
    label: str
    source: str
    status: str
    eligible_on: dt.date | None
    promoted_on: dt.date


class PlanPath(NamedTuple):
    """One way to a grade with several (card 10), decided."""

    key: str
    label: str
    status: str
    eligible_on: dt.date | None


class PlanStep(NamedTuple):
    """One step; `promoted_on` is the day the plan assumes, the next step's start."""

    level: str
    card: int
    label: str
    source: str
    status: str
    eligible_on: dt.date | None
    promoted_on: dt.date | None
    after: str | None
    fork: bool
    path: str | None
    paths: list[PlanPath]
    missing: list[str]
    reason: str | None
    opens: list[str]
    options: list[PlanOption]


class PlanStop(NamedTuple):
    """Where the plan ends before the top, and why, with what would open the way."""

    after: str | None
    reason: str


class PlanResult(NamedTuple):
    """The plan of one person, worded; `stop` is None when it leads to the top."""

    id: str | None
    name: str | None
    as_of: dt.date
    until: dt.date | None
    lang: str
    standard: StandardRef
    summary: str
    current: Current | None
    steps: list[PlanStep]
    stop: PlanStop | None
    warnings: list[str]
    overlays: list[str]

    def model_dump(self, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """The plan as nested dicts; with mode="json", dates as ISO text."""
        data: dict[str, Any] = as_data(self, dates_as_text=mode == "json")
        return data


def explain_plan(
    standard: "Standard", candidate: "Candidate", plan: "Plan", lang: str
) -> PlanResult:
    """The PlanResult of `plan` with every sentence in `lang`."""
    words = _PlanWords(standard, lang)
    current = None
    if candidate.current is not None:
        held = candidate.current
        current = Current(
            level=held.level,
            card=standard.grade(held.level).card,
            label=words.grade_label(held.level),
            since=held.since,
        )
    stop = None
    if plan.stop is not None:
        closed = plan.stop.closed
        why = [*closed.reasons, *closed.opens] if closed is not None else []
        stop = PlanStop(after=plan.stop.after, reason=words.sentence(plan.stop.reason, why))
    return PlanResult(
        id=candidate.id,
        name=candidate.name,
        as_of=plan.as_of,
        until=plan.until,
        lang=lang,
        standard=StandardRef(code=standard.code, edition=standard.edition),
        summary=words.summary(plan),
        current=current,
        steps=[words.step(s) for s in plan.steps],
        stop=stop,
        warnings=[words.message(w) for w in plan.warnings],
        overlays=[f"{o.name} {o.version}" for o in standard.rules.overlays],
    )


class _PlanWords(Words):
    """`explain`'s words, and the plan's own sentences."""

    def __init__(self, standard: "Standard", lang: str) -> None:
        super().__init__(standard, catalog(lang))

    def summary(self, plan: "Plan") -> str:
        say = self.words.say
        taken = [s for s in plan.steps if s.promoted_on is not None]
        if plan.stop is not None:
            why = self.said(plan.stop.reason)
            if plan.stop.after is None:
                return say("plan.summary.stop_unplaced", why=why)
            return say("plan.summary.stop", after=plan.stop.after, why=why)
        if not taken:
            return say("plan.summary.at_top", current=plan.current)
        last = taken[-1]
        return say(
            "plan.summary.top",
            level=last.level,
            date=self.date(last.promoted_on or plan.as_of),
            steps=self.words.count("step", len(taken)),
        )

    def step(self, step: "Step") -> PlanStep:
        decision = step.decision
        several = len(decision.paths) > 1
        path = deciding(decision)
        return PlanStep(
            level=decision.level,
            card=decision.grade.card,
            label=self.grade_label(decision.level),
            source=step.source,
            status=str(decision.status),
            eligible_on=decision.eligible_on,
            promoted_on=step.promoted_on,
            after=step.after,
            fork=step.fork,
            path=path.key if several else None,
            paths=[
                PlanPath(p.key, p.path.label.in_(self.lang), str(p.status), p.eligible_on)
                for p in decision.paths
            ]
            if several
            else [],
            missing=list(decision.missing),
            reason="; ".join(self.said(m) for m in step.reasons) or None,
            opens=[self.said(m) for m in step.opens],
            options=[self.beside(b) for b in step.beside],
        )

    def beside(self, beside: "Beside") -> PlanOption:
        decision = beside.decision
        return PlanOption(
            level=decision.level,
            card=decision.grade.card,
            label=self.grade_label(decision.level),
            source=beside.source,
            status=str(decision.status),
            eligible_on=decision.eligible_on,
            promoted_on=beside.promoted_on,
        )

    def sentence(self, head: Message, parts: Sequence[Message]) -> str:
        """`head: part; part; …`."""
        said = self.said(head)
        rest = "; ".join(self.said(m) for m in parts)
        return f"{said}: {rest}" if rest else said

    def said(self, message: Message) -> str:
        """One of the plan's messages; its values may be the engine's own messages (a
        finding's words), said exactly as `kzps check` says them."""
        values = {name: self._plan_value(name, value) for name, value in message.values.items()}
        return self.words.say(message.key, **values)

    def _plan_value(self, name: str, value: Any) -> str:
        if isinstance(value, Message):
            return self.message(value)
        if isinstance(value, tuple) and value and isinstance(value[0], Message):
            return f", {self.words.say('label.or')} ".join(self.message(m) for m in value)
        if name in {"codes", "choices"}:
            return self._either([str(v) for v in value])
        if name == "fields":
            return self._either([self.value("field", v) for v in value])
        return self.value(name, value)

    def _either(self, items: list[str]) -> str:
        """`a, b or c` in the language's words."""
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.words.say('label.or')} {items[-1]}"
