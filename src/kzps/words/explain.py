"""Word an Outcome in one language: the engine decides, this module only says it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kzps.decide.outcome import Status
from kzps.decide.service import Duration, between
from kzps.memo import remember
from kzps.standard.level import Level
from kzps.standard.records import Localized
from kzps.words.catalog import catalog
from kzps.words.result import (
    Current,
    FindingResult,
    Next,
    Option,
    PathResult,
    PositionResult,
    Result,
    StandardRef,
)

#: How many labels, dates and lengths a Words remembers.
WORDS_MEMO = 1 << 14

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate
    from kzps.decide.outcome import Decision, Finding, Message, Outcome, PositionDecision
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog


def explain(standard: Standard, candidate: Candidate, outcome: Outcome, lang: str) -> Result:
    """The Result of `outcome` with every sentence in `lang`."""
    words = Words(standard, catalog(lang))
    current = None
    if candidate.current is not None:
        grade = standard.grade(candidate.current.level)
        current = Current(
            level=candidate.current.level,
            card=grade.card,
            label=words.grade_label(candidate.current.level),
            since=candidate.current.since,
        )
    return Result(
        id=candidate.id,
        name=candidate.name,
        as_of=outcome.as_of,
        lang=lang,
        standard=StandardRef(code=standard.code, edition=standard.edition),
        summary=words.headline(outcome),
        current=current,
        next=words.next(outcome.next) if outcome.next else None,
        options=[words.option(d) for d in outcome.options],
        qualifies_for=list(outcome.qualifies_for),
        warnings=[words.message(w) for w in outcome.warnings],
        positions=[words.position(d) for d in outcome.positions],
        overlays=[f"{o.name} {o.version}" for o in standard.rules.overlays],
    )


#: Stand-ins for the day and the time still to serve in a headline said once for many
#: days (characters of Unicode's private use area, never in a message or a value).
DATE_SLOT = "\ue000"
SHORT_SLOT = "\ue001"


def say_headline(
    words: Words,
    level: str | None,
    status: Status | None,
    eligible_on: dt.date | None,
    deciding: tuple[str, ...],
    current: str | None,
    as_of: dt.date,
) -> str:
    """The sentence a check opens with: "Not yet: eligible for 4.3 from 01.02.2027 — …".

    `deciding` names the requirements whose status is the grade's; a staff list's
    report says the same sentence for each row (kzps.roster.sentences)."""
    pattern = headline_pattern(words, level, status, eligible_on is not None, deciding, current)
    return fill_headline(words, pattern, eligible_on, as_of)


def headline_pattern(
    words: Words,
    level: str | None,
    status: Status | None,
    dated: bool,
    deciding: tuple[str, ...],
    current: str | None,
) -> str:
    """The headline with DATE_SLOT and SHORT_SLOT where the day (`dated`) and the time
    still to serve go: one pattern serves every day (fill_headline)."""
    say = words.words.say
    if level is None or status is None:
        return say("headline.top", current=current)
    label = words.grade_label(level)
    if status is Status.ELIGIBLE:
        if not dated:
            return say("headline.eligible", level=level, label=label)
        return say("headline.eligible_since", level=level, label=label, date=DATE_SLOT)
    if status is Status.NOT_YET and dated:
        key = "headline.not_yet" if current else "headline.not_yet_unplaced"
        return say(key, level=level, date=DATE_SLOT, short=SHORT_SLOT, current=current)
    names = [words.words.say(f"requirement.{name}") for name in dict.fromkeys(deciding)]
    missing = f" {words.words.say('label.and')} ".join(names)
    key = "headline.needs_review" if status is Status.NEEDS_REVIEW else "headline.not_eligible"
    return say(key, level=level, label=label, missing=missing)


def fill_headline(words: Words, pattern: str, eligible_on: dt.date | None, as_of: dt.date) -> str:
    """A headline pattern said for one day: the day, and the time from `as_of` to it."""
    if eligible_on is None or DATE_SLOT not in pattern:
        return pattern
    text = pattern.replace(DATE_SLOT, words.date(eligible_on))
    if SHORT_SLOT in text:
        text = text.replace(SHORT_SLOT, words.remaining(as_of, eligible_on))
    return text


def words_for(standard: Standard, lang: str) -> Words:
    """What says grades, dates and outcomes of `standard` in `lang`."""
    return Words(standard, catalog(lang))


class Words:
    """Grades, dates and outcomes of one standard in one language. Labels, dates and
    lengths are remembered: a staff list's sentences say the same ones again and again."""

    def __init__(self, standard: Standard, words: Catalog) -> None:
        self.standard = standard
        self.rules = standard.rules
        self.words = words
        self.lang = words.lang
        self._labels: dict[str, str] = {}
        self._dates: dict[dt.date, str] = {}
        self._remaining: dict[tuple[dt.date, dt.date], str] = {}

    def grade_label(self, level: str) -> str:
        found = self._labels.get(level)
        if found is None:
            found = self.standard.grade(level).label.in_(self.lang)
            number = Level(level).significance
            if number is not None:
                sig = next(s for s in self.rules.significance if s.number == number)
                found = f"{found}, {sig.label.in_(self.lang)}"
            remember(self._labels, level, found, WORDS_MEMO)
        return found

    def remaining(self, start: dt.date, end: dt.date) -> str:
        """The calendar time from `start` to `end`, in words ("3 months 13 days")."""
        key = (start, end)
        found = self._remaining.get(key)
        if found is None:
            found = self.words.duration(between(start, end))
            remember(self._remaining, key, found, WORDS_MEMO)
        return found

    def headline(self, outcome: Outcome) -> str:
        decision = outcome.next
        if decision is None:
            return say_headline(self, None, None, None, (), outcome.current, outcome.as_of)
        deciding = tuple(f.requirement for f in decision.findings if f.status is decision.status)
        return say_headline(
            self,
            decision.level,
            decision.status,
            decision.eligible_on,
            deciding,
            outcome.current,
            outcome.as_of,
        )

    def next(self, decision: Decision) -> Next:
        return Next(
            level=decision.level,
            card=decision.grade.card,
            label=self.grade_label(decision.level),
            status=str(decision.status),
            eligible_on=decision.eligible_on,
            missing=list(decision.missing),
            findings=[self.finding(f) for f in decision.findings],
            paths=[
                PathResult(
                    key=p.key,
                    label=p.path.label.in_(self.lang),
                    status=str(p.status),
                    eligible_on=p.eligible_on,
                    findings=[self.finding(f) for f in p.findings],
                )
                for p in decision.paths
            ]
            if len(decision.paths) > 1
            else [],
        )

    def position(self, decided: PositionDecision) -> PositionResult:
        position, decision = decided
        return PositionResult(
            key=position.key,
            label=position.label.in_(self.lang),
            base=position.base,
            status=str(decision.status),
            eligible_on=decision.eligible_on,
            missing=list(decision.missing),
            findings=[self.finding(f) for f in decision.findings],
        )

    def option(self, decision: Decision) -> Option:
        return Option(
            level=decision.level,
            card=decision.grade.card,
            label=self.grade_label(decision.level),
            status=str(decision.status),
            eligible_on=decision.eligible_on,
        )

    def finding(self, finding: Finding) -> FindingResult:
        return FindingResult(
            requirement=finding.requirement,
            required=self.message(finding.required),
            actual=self.message(finding.actual),
            met=finding.met,
            source=finding.source,
        )

    def message(self, message: Message) -> str:
        values = {name: self.value(name, value) for name, value in message.values.items()}
        return self.words.say(message.key, **values)

    def date(self, day: dt.date) -> str:
        found = self._dates.get(day)
        if found is None:
            found = self.words.date(day)
            remember(self._dates, day, found, WORDS_MEMO)
        return found

    def value(self, name: str, value: Any) -> str:
        """Each kind of value in the words of the language."""
        if value is None:
            return "—"
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, Duration):
            return self.words.duration(value)
        if isinstance(value, Localized):
            return value.in_(self.lang)
        if name == "years":
            return self.words.count("year", int(value))
        if name == "edu_level":
            return self._education_level(str(value))
        if name == "kind":
            kind = next((k for k in self.rules.experience_kinds if k.key == value), None)
            return kind.label.in_(self.lang) if kind else str(value)
        if name in {"field", "fields"}:
            keys = [value] if isinstance(value, str) else list(value)
            return ", ".join(self._field(k) for k in keys)
        if name == "diplomas":
            return "; ".join(
                " ".join(
                    p for p in (self._education_level(lv), code, self._field(f) if f else None) if p
                )
                for lv, code, f in value
            )
        if name == "grades":
            return f" {self.words.say('label.or')} ".join(
                [", ".join(value[:-1]), value[-1]] if len(value) > 1 else list(value)
            )
        if isinstance(value, tuple | list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def _education_level(self, key: str) -> str:
        level = next((lv for lv in self.rules.education_levels if lv.key == key), None)
        return level.label.in_(self.lang) if level else key

    def _field(self, key: str) -> str:
        field = next((f for f in self.rules.fields if f.key == key), None)
        return field.label.in_(self.lang) if field else key
