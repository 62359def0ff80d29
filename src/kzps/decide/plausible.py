"""Values that are valid but unlikely, said as warnings rather than passed in silence:
a grade date before 1950, a period running past the as-of date, and a grade whose N
disagrees with the organisation's significance (paras 12, 13)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kzps.decide.candidate import significance_of
from kzps.errors import Problem, problem

if TYPE_CHECKING:
    from kzps.decide.candidate import Candidate
    from kzps.standard.level import Level
    from kzps.standard.load import Standard
    from kzps.standard.records import Rules

#: Before this day a date of assignment is more likely a typing error than a career:
#: nobody assigned a grade then is still at work (not a rule of the standard).
EARLIEST_PLAUSIBLE = dt.date(1950, 1, 1)


def implausible(candidate: Candidate, standard: Standard, as_of: dt.date) -> list[Problem]:
    """Warnings (where: the key; what: a message key) about a valid candidate."""
    current = candidate.current
    found: list[Problem] = []
    if current is not None:
        found += early_warnings(current.since)
    for i, period in enumerate(candidate.history):
        if period.start < EARLIEST_PLAUSIBLE:
            found.append(_early(f"history[{i}].from", period.start))
        if period.end >= as_of:
            found.append(
                problem(f"history[{i}].to", "warning.period_past_as_of", date=str(period.end))
            )
    if current is not None:
        found += significance_warnings(current.level, candidate.organization, standard.rules)
    return found


def held_warnings(
    level: Level, since: dt.date | None, organization: str | int | None, rules: Rules
) -> list[Problem]:
    """Warnings about the grade held: assigned before 1950, or with an N that is not the
    organisation's (a staff list's row has only these)."""
    return early_warnings(since) + significance_warnings(level, organization, rules)


def early_warnings(since: dt.date | None) -> list[Problem]:
    """A grade assigned before 1950: more likely a typing error than a career."""
    if since is not None and since < EARLIEST_PLAUSIBLE:
        return [_early("current.since", since)]
    return []


def significance_warnings(
    level: Level, organization: str | int | None, rules: Rules
) -> list[Problem]:
    """An 8.x-N whose N is not the organisation's: the organisation's N is used."""
    held = level.significance if organization is not None else None
    if held is None or organization is None:
        return []
    given = significance_of(organization, rules)
    if given is None or held == given:
        return []
    return [
        problem(
            "organization",
            "warning.significance_differs",
            level=str(level),
            organization=str(organization),
            used=given,
        )
    ]


def _early(where: str, day: dt.date) -> Problem:
    return problem(where, "warning.date_early", date=str(day), earliest=str(EARLIEST_PLAUSIBLE))
