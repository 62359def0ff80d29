"""What the engine decides, as values: statuses, findings, decisions and the outcome.

Findings carry message keys and values, not words: `kzps.words` says them.
The annotations are evaluated as the module loads (no `from __future__`), as in
`kzps.standard.records`: the named tuples are built faster from real types.
"""

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from kzps.decide.service import Span
from kzps.standard.level import Level
from kzps.standard.records import Grade, GradePath, Position


class Status(StrEnum):
    """How far a candidate is from a grade (CONTRACT: the four statuses)."""

    ELIGIBLE = "eligible"
    NOT_YET = "not_yet"
    NEEDS_REVIEW = "needs_review"
    NOT_ELIGIBLE = "not_eligible"


#: Within a path the most severe finding decides; between paths the least (RULES §5).
SEVERITY = {Status.ELIGIBLE: 0, Status.NOT_YET: 1, Status.NEEDS_REVIEW: 2, Status.NOT_ELIGIBLE: 3}


def rank(status: Status, eligible_on: dt.date | None) -> tuple[int, dt.date]:
    """How good a path is: least severe first, then earliest (RULES §5)."""
    return (SEVERITY[status], eligible_on or dt.date.min)


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
    path: GradePath
    status: Status
    eligible_on: dt.date | None
    findings: tuple[Finding, ...]


class Decision(NamedTuple):
    """A grade, decided: the best of its paths."""

    level: Level
    grade: Grade
    status: Status
    eligible_on: dt.date | None
    findings: tuple[Finding, ...]
    paths: tuple[PathDecision, ...]
    missing: tuple[str, ...]


class PositionDecision(NamedTuple):
    """A derived position an overlay defines (para 7), decided on its base grade."""

    position: Position
    decision: Decision


class Outcome(NamedTuple):
    """Everything kzps says about one candidate on one day."""

    as_of: dt.date
    current: Level | None
    next: Decision | None
    options: tuple[Decision, ...]
    qualifies_for: tuple[Level, ...]
    warnings: tuple[Message, ...]
    positions: tuple[PositionDecision, ...] = ()


class Evidence(NamedTuple):
    """A candidate's service by kind: fixed spans, ongoing starts, and implied facts."""

    fixed: dict[str, list[Span]]
    ongoing: dict[str, list[dt.date]]
    implied: list[tuple[str, int, dt.date, Level]]
