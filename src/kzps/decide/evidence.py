"""A candidate's service, gathered by kind of experience (RULES §4): fixed spans of
history, ongoing runs (the current grade, roster totals that keep growing), and what
holding a grade implies."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kzps.decide.outcome import Evidence
from kzps.decide.service import ONE_DAY, Span, earlier

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate
    from kzps.standard.level import Level
    from kzps.standard.load import Standard


def kind_key(kind: str, grades: tuple[str, ...]) -> str:
    """`grade` experience is per set of grades; other kinds are themselves."""
    return f"grade:{','.join(grades)}" if kind == "grade" else kind


def gather(standard: Standard, candidate: Candidate, as_of: dt.date) -> Evidence:
    """Every span of service the candidate's record shows, by kind, as of `as_of`."""
    fixed: dict[str, list[Span]] = {}
    ongoing: dict[str, list[dt.date]] = {}
    implied: list[tuple[str, int, dt.date, Level]] = []
    last = as_of - ONE_DAY
    current = candidate.current
    growing = kinds_of(standard, current.level, ()) if current else []
    if current is not None:
        for kind in growing:
            ongoing.setdefault(kind, []).append(current.since)
        implied += implications(standard, current.level, current.since)
    for period in candidate.history:
        if period.level and period.start <= as_of:  # held from its first day
            implied += implications(standard, period.level, period.start)
        span = Span(period.start, min(period.end, last))
        if span.first <= span.last:
            for kind in kinds_of(standard, period.level, period.counts_as):
                fixed.setdefault(kind, []).append(span)
    totals = candidate.experience
    for kind in totals._fields if totals else ():
        amount = getattr(totals, kind)
        if not amount or amount == (0, 0):
            continue
        start = earlier(as_of, amount.years, amount.months)
        if kind in growing:
            ongoing.setdefault(kind, []).append(start)
        else:
            fixed.setdefault(kind, []).append(Span(start, last))
    return Evidence(fixed, ongoing, implied)


def kinds_of(standard: Standard, level: Level | None, counts_as: tuple[str, ...]) -> list[str]:
    """Which kinds of experience time at `level` (and the stated kinds) counts as."""
    kinds = list(counts_as)
    if level is not None:
        code = level.grade
        kinds.append(kind_key("grade", (code,)))
        kinds += [
            k.key
            for k in standard.rules.experience_kinds
            if k.counted_from == "all" or code in k.counted_from
        ]
    return kinds


def implications(
    standard: Standard, level: Level, since: dt.date
) -> list[tuple[str, int, dt.date, Level]]:
    """Holding a grade implies the experience of the grades it lists (RULES §4)."""
    grade = standard.grade(level)
    facts = []
    for code in grade.implies:
        for path in standard.grades[code].paths:
            for req in path.experience:
                facts.append((kind_key(req.kind, req.grades), req.years, since, level))
    return facts
