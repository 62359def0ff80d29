"""The Python API: the same functions `kzps check` uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzps.standard import Standard, load_standard

if TYPE_CHECKING:
    from kzps.candidate import Candidate
    from kzps.result import Result


def check(
    standard: Standard,
    candidate: Candidate | dict[str, Any],
    as_of: dt.date | None = None,
    lang: str = "en",
    origin: str = "candidate",
) -> Result:
    """Check one candidate: a Candidate, or a dict shaped like the candidate file."""
    from kzps.candidate import Candidate, raise_if_invalid
    from kzps.engine import decide
    from kzps.explain import explain

    if not isinstance(candidate, Candidate):
        candidate = parse_candidate(candidate, origin)
    day = as_of or candidate.as_of or dt.date.today()
    raise_if_invalid(candidate, standard.rules, day, origin)
    return explain(standard, candidate, decide(standard, candidate, day), lang)


def parse_candidate(data: object, origin: str) -> Candidate:
    """Validate candidate data; every problem is named by its key."""
    from pydantic_core import ValidationError

    from kzps.candidate import validator
    from kzps.errors import CandidateError, problem
    from kzps.validation import problems_of

    if not isinstance(data, dict):
        raise CandidateError(origin, [problem("", "error.not_mapping")])
    try:
        candidate: Candidate = validator().validate_python(data)
    except ValidationError as error:
        raise CandidateError(origin, problems_of(error)) from None
    return candidate


def read_candidate(path: Path | str) -> Candidate:
    """Read a candidate file (YAML or JSON)."""
    from kzps.errors import CandidateError
    from kzps.yamlio import read_data

    where = Path(path)
    return parse_candidate(read_data(where, CandidateError), str(where))


__all__ = ["check", "load_standard", "parse_candidate", "read_candidate"]
