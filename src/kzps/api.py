"""The Python API: the same functions `kzps check` uses."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kzps.decide.candidate import Candidate, parse_candidate, read_candidate
from kzps.standard.load import Standard, load_standard

if TYPE_CHECKING:
    from kzps.words.plan import PlanResult
    from kzps.words.result import Result


def check(
    standard: Standard,
    candidate: Candidate | dict[str, Any],
    as_of: dt.date | None = None,
    lang: str = "en",
    origin: str = "candidate",
) -> Result:
    """Check one candidate: a Candidate, or a dict shaped like the candidate file."""
    from kzps.decide.engine import decide
    from kzps.words.explain import explain

    valid, day = _valid(standard, candidate, as_of, origin)
    return explain(standard, valid, decide(standard, valid, day), lang)


def plan(
    standard: Standard,
    candidate: Candidate | dict[str, Any],
    as_of: dt.date | None = None,
    until: dt.date | None = None,
    lang: str = "en",
    origin: str = "candidate",
) -> PlanResult:
    """One candidate's steps to the top of the standard, as `kzps plan` gives them."""
    from kzps.decide.plan import plan as plan_of
    from kzps.words.plan import explain_plan

    valid, day = _valid(standard, candidate, as_of, origin)
    return explain_plan(standard, valid, plan_of(standard, valid, day, until), lang)


def _valid(
    standard: Standard,
    candidate: Candidate | dict[str, Any],
    as_of: dt.date | None,
    origin: str,
) -> tuple[Candidate, dt.date]:
    """The candidate (parsed from a dict if need be) and the day it is checked on
    (given, else the file's, else today), checked against the standard on that day."""
    from kzps.decide.candidate import raise_if_invalid

    if not isinstance(candidate, Candidate):
        candidate = parse_candidate(candidate, origin)
    day = as_of or candidate.as_of or dt.date.today()
    raise_if_invalid(candidate, standard, day, origin)
    return candidate, day


__all__ = ["check", "load_standard", "parse_candidate", "plan", "read_candidate"]
