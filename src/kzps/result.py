"""The result of a check, as CONTRACT.md fixes its JSON; the same object scripts get."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """Immutable; keys are part of the contract."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class StandardRef(Out):
    code: str
    edition: dt.date


class Current(Out):
    level: str
    card: int
    label: str
    since: dt.date


class Finding(Out):
    requirement: str
    required: str
    actual: str
    met: bool
    source: str


class PathResult(Out):
    key: str
    label: str
    status: str
    eligible_on: dt.date | None
    findings: list[Finding]


class Next(Out):
    level: str
    card: int
    label: str
    status: str
    eligible_on: dt.date | None
    missing: list[str]
    findings: list[Finding]
    paths: list[PathResult]


class Option(Out):
    level: str
    card: int
    label: str
    status: str
    eligible_on: dt.date | None


class PositionResult(Out):
    key: str
    label: str
    base: str
    status: str
    eligible_on: dt.date | None
    missing: list[str]
    findings: list[Finding]


class Result(Out):
    id: str | None
    name: str | None
    as_of: dt.date
    lang: str
    standard: StandardRef
    summary: str
    current: Current | None
    next: Next | None
    options: list[Option]
    qualifies_for: list[str]
    warnings: list[str]
    positions: list[PositionResult]
    overlays: list[str]
