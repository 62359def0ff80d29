"""The result of a check, as CONTRACT.md fixes its JSON; the same object scripts get.

Immutable named tuples, like the rules: making one needs no validation library.
`Result.model_dump(mode="json")` gives exactly what `kzps check --format json` prints.
The annotations are evaluated as the module loads (no `from __future__`): typing
makes named tuples faster from real types than from strings.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple


class StandardRef(NamedTuple):
    code: str
    edition: dt.date


class Current(NamedTuple):
    level: str
    card: int
    label: str
    since: dt.date


class FindingResult(NamedTuple):
    requirement: str
    required: str
    actual: str
    met: bool
    source: str


class PathResult(NamedTuple):
    key: str
    label: str
    status: str
    eligible_on: dt.date | None
    findings: list[FindingResult]


class Next(NamedTuple):
    level: str
    card: int
    label: str
    status: str
    eligible_on: dt.date | None
    missing: list[str]
    findings: list[FindingResult]
    paths: list[PathResult]


class Option(NamedTuple):
    level: str
    card: int
    label: str
    status: str
    eligible_on: dt.date | None


class PositionResult(NamedTuple):
    key: str
    label: str
    base: str
    status: str
    eligible_on: dt.date | None
    missing: list[str]
    findings: list[FindingResult]


class Result(NamedTuple):
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

    def model_dump(self, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """The result as nested dicts; with mode="json", dates as ISO text."""
        data: dict[str, Any] = as_data(self, dates_as_text=mode == "json")
        return data


def as_data(value: Any, dates_as_text: bool = True) -> Any:
    """Named tuples as dicts and tuples as lists, all the way down; dates as ISO text."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {
            name: as_data(item, dates_as_text)
            for name, item in zip(value._fields, value, strict=True)
        }
    if isinstance(value, list | tuple):
        return [as_data(item, dates_as_text) for item in value]
    if isinstance(value, Mapping):
        return {key: as_data(item, dates_as_text) for key, item in value.items()}
    if dates_as_text and isinstance(value, dt.date):
        return value.isoformat()
    return value
