"""The candidate (CONTRACT.md §Candidate file): one person's diplomas, grade and history.

A candidate comes from a file (validated by pydantic through the records' markers) or
from a roster row (built directly from its parsed cells). Either way, the checks that
need the standard (grades and levels that exist, dates not after the as-of date) are
the small functions below, so that both name a problem where it was found.
The annotations are evaluated as the module loads (no `from __future__`), as in
`kzps.standard.records`: the named tuples are built faster from real types.
"""

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from kzps.decide.service import as_of_problem
from kzps.decide.values import Years, clean_code, parse_date, parse_years
from kzps.errors import CandidateError, Problem, problem
from kzps.standard.level import Level
from kzps.standard.schema import After, Before, MinLength, record

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

    from kzps.standard.load import Standard
    from kzps.standard.records import Rules


def _id_text(value: object) -> object:
    """A personnel number written as a number is still text."""
    return str(value) if isinstance(value, int) else value


def _years_or_none(value: object) -> Years | None:
    return None if value is None else parse_years(value)


def _code_or_none(value: object) -> str | None:
    return None if value is None else clean_code(value)


_DATE_JSON = {"type": "string", "description": "YYYY-MM-DD or DD.MM.YYYY"}
_YEARS_JSON = {
    "anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}, {"type": "null"}],
    "description": "years: 4.5, '4 жыл 6 ай', '4 г. 6 мес.' or '4y 6m'",
}

Date = Annotated[dt.date, Before(parse_date, json=_DATE_JSON)]
IdText = Annotated[str, Before(_id_text)]
DiplomaCode = Annotated[str | None, Before(_code_or_none)]
YearsText = Annotated[Years | None, Before(_years_or_none, json=_YEARS_JSON)]
#: The kinds of experience a period may add (the data's experience kinds; a test
#: checks that the two lists agree).
Kind = Literal["specialty", "social_protection", "management"]
#: The fields of study of cards 12–13 (the data's fields; a test checks they agree).
Field = Literal["social", "economic", "financial", "legal"]


@record
class Diploma(NamedTuple):
    """One diploma: its level, its classifier code as printed, optionally its field."""

    level: str
    code: DiplomaCode = None
    field: Field | None = None


@record
class Held(NamedTuple):
    """The grade a person holds now and the date it was assigned."""

    level: Level
    since: Date


@record
class Period(NamedTuple):
    """An earlier period of work: at a grade of this standard, or another position."""

    start: Date
    end: Date
    level: Level | None = None
    position: str | None = None
    counts_as: tuple[Kind, ...] = ()


#: The names the file gives a period's days (`from` is a Python keyword).
Period.ALIASES = {"start": "from", "end": "to"}  # type: ignore[attr-defined]


@record
class Totals(NamedTuple):
    """Experience totals as of the as-of date, as a staff list gives them (years, or text)."""

    specialty: YearsText = None
    social_protection: YearsText = None
    management: YearsText = None


def _complete_diploma(diploma: Diploma) -> Diploma:
    """A diploma names its code, or its field when it has none."""
    if diploma.code is None and diploma.field is None:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(
            "diploma_empty", "give the diploma's code, or its field when it has no code"
        )
    return diploma


def _ordered_period(period: Period) -> Period:
    """A period does not end before it starts."""
    if period.end < period.start:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(
            "period_order",
            "the period ends ({end}) before it starts ({start})",
            {"end": str(period.end), "start": str(period.start)},
        )
    return period


@record
class Candidate(NamedTuple):
    """One person: the candidate file (YAML or JSON) as a record."""

    education: Annotated[tuple[Annotated[Diploma, After(_complete_diploma)], ...], MinLength(1)]
    id: IdText | None = None
    name: str | None = None
    as_of: Date | None = None
    organization: str | int | None = None
    current: Held | None = None
    history: tuple[Annotated[Period, After(_ordered_period)], ...] = ()
    experience: Totals | None = None


@functools.cache
def validator() -> "SchemaValidator":
    """The candidate file's validator, from the cache when it can be."""
    from kzps.standard.schema import cached_validator

    return cached_validator(Candidate, "candidate")


def parse_candidate(data: object, origin: str) -> Candidate:
    """Validate candidate data; every problem is named by its key."""
    from pydantic_core import ValidationError

    from kzps.standard.schema import problems_of

    if not isinstance(data, dict):
        raise CandidateError(origin, [problem("", "error.not_mapping")])
    try:
        candidate: Candidate = validator().validate_python(data)
    except ValidationError as error:
        raise CandidateError(origin, problems_of(error)) from None
    return candidate


def read_candidate(path: Path | str) -> Candidate:
    """Read a candidate file (YAML or JSON, in UTF-8, UTF-16 or Windows-1251)."""
    from kzps.documents import read_data

    where = Path(path)
    return parse_candidate(read_data(where, CandidateError), str(where))


# -- checks against the standard -------------------------------------------------------------


def check_against(candidate: Candidate, standard: "Standard", as_of: dt.date) -> list[Problem]:
    """Problems that need the standard to see: unknown grades and levels, future dates."""
    wrong_day = as_of_problem("as_of", as_of)
    if wrong_day is not None:
        return [wrong_day]  # nothing else can be judged on that day
    rules = standard.rules
    problems = [
        found
        for i, diploma in enumerate(candidate.education)
        if (found := level_problem(f"education[{i}].level", diploma.level, rules)) is not None
    ]
    if candidate.organization is not None:
        found = organization_problem("organization", candidate.organization, rules)
        problems += [found] if found else []
    if candidate.current is not None:
        problems += grade_problems("current.level", candidate.current.level, standard)
        problems += after_problems("current.since", candidate.current.since, as_of)
    for i, period in enumerate(candidate.history):
        if period.level is not None:
            problems += grade_problems(f"history[{i}].level", period.level, standard)
        problems += after_problems(f"history[{i}].from", period.start, as_of)
        if period.level is None and not period.counts_as:
            problems.append(problem(f"history[{i}]", "error.period_counts_nothing"))
    return problems


def raise_if_invalid(
    candidate: Candidate, standard: "Standard", as_of: dt.date, origin: str
) -> None:
    """Raise one CandidateError listing every problem `check_against` finds."""
    problems = check_against(candidate, standard, as_of)
    if problems:
        raise CandidateError(origin, problems)


def level_problem(where: str, level: str, rules: "Rules") -> Problem | None:
    """An education level the standard does not know (its key or an alias is fine)."""
    known = {lv.key for lv in rules.education_levels}
    known |= {alias for lv in rules.education_levels for alias in lv.aliases}
    if level in known:
        return None
    expected = [lv.key for lv in rules.education_levels]
    return problem(where, "error.level_unknown", value=level, expected=expected)


def organization_problem(where: str, organization: str | int, rules: "Rules") -> Problem | None:
    """An organisation whose significance is none of the standard's."""
    if significance_of(organization, rules) is not None:
        return None
    expected = [f"{s.key} ({s.number})" for s in rules.significance]
    return problem(where, "error.organization_unknown", value=str(organization), expected=expected)


def grade_problems(where: str, level: str, standard: "Standard") -> list[Problem]:
    """A grade the standard does not have, with the list of those it has."""
    levels = standard.levels
    if level in levels:
        return []
    return [problem(where, "error.grade_unknown", value=level, expected=list(levels))]


def after_problems(where: str, day: dt.date, as_of: dt.date) -> list[Problem]:
    """A date after the as-of date."""
    if day <= as_of:
        return []
    return [problem(where, "error.after_as_of", date=str(day), as_of=str(as_of))]


def canonical_level(candidate_level: str, rules: "Rules") -> str:
    """The education level key for a level or one of its aliases."""
    for level in rules.education_levels:
        if candidate_level == level.key or candidate_level in level.aliases:
            return level.key
    raise KeyError(candidate_level)


def significance_of(organization: str | int, rules: "Rules") -> int | None:
    """The N of 8.x-N for an organisation given as a word or a number."""
    text = str(organization).strip().lower()
    for sig in rules.significance:
        if text in {sig.key, str(sig.number)}:
            return sig.number
    return None
