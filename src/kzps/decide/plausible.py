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
    from kzps.standard.load import Standard

#: Before this day a date of assignment is more likely a typing error than a career:
#: nobody assigned a grade then is still at work (not a rule of the standard).
EARLIEST_PLAUSIBLE = dt.date(1950, 1, 1)


def implausible(candidate: Candidate, standard: Standard, as_of: dt.date) -> list[Problem]:
    """Warnings (where: the key; what: a message key) about a valid candidate."""
    found: list[Problem] = []
    current = candidate.current
    if current is not None and current.since < EARLIEST_PLAUSIBLE:
        found.append(_early("current.since", current.since))
    for i, period in enumerate(candidate.history):
        if period.start < EARLIEST_PLAUSIBLE:
            found.append(_early(f"history[{i}].from", period.start))
        if period.end >= as_of:
            found.append(
                problem(f"history[{i}].to", "warning.period_past_as_of", date=str(period.end))
            )
    if current is not None and candidate.organization is not None:
        held = current.level.significance
        given = significance_of(candidate.organization, standard.rules)
        if held is not None and given is not None and held != given:
            found.append(
                problem(
                    "organization",
                    "warning.significance_differs",
                    level=str(current.level),
                    organization=str(candidate.organization),
                    used=given,
                )
            )
    return found


def _early(where: str, day: dt.date) -> Problem:
    return problem(where, "warning.date_early", date=str(day), earliest=str(EARLIEST_PLAUSIBLE))
