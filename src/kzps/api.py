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
    from kzps.decide.candidate import raise_if_invalid
    from kzps.decide.engine import decide
    from kzps.words.explain import explain

    if not isinstance(candidate, Candidate):
        candidate = parse_candidate(candidate, origin)
    day = as_of or candidate.as_of or dt.date.today()
    raise_if_invalid(candidate, standard, day, origin)
    return explain(standard, candidate, decide(standard, candidate, day), lang)


__all__ = ["check", "load_standard", "parse_candidate", "read_candidate"]


def plan(
    standard: Standard,
    candidate: Candidate | dict[str, Any],
    as_of: dt.date | None = None,
    until: dt.date | None = None,
    lang: str = "en",
    origin: str = "candidate",
) -> PlanResult:
    """One candidate's steps to the top of the standard, as `kzps plan` gives them."""
    from kzps.decide.candidate import raise_if_invalid
    from kzps.decide.plan import plan as plan_of
    from kzps.words.plan import explain_plan

    if not isinstance(candidate, Candidate):
        candidate = parse_candidate(candidate, origin)
    day = as_of or candidate.as_of or dt.date.today()
    raise_if_invalid(candidate, standard, day, origin)
    return explain_plan(standard, candidate, plan_of(standard, candidate, day, until), lang)


__all__ += ["plan"]
