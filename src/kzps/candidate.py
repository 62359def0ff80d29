"""The candidate file (CONTRACT.md): one person's diplomas, grade and work history.

The models check shape and spelling; `check_against` then checks the candidate
against the standard (grades and levels that exist, dates before the as-of date).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from pydantic_core import PydanticCustomError

from kzps.dates import as_of_problem
from kzps.errors import CandidateError, Problem, problem
from kzps.models import CODE_PATTERN, normalize_code
from kzps.years import Years, parse_years

if TYPE_CHECKING:
    from pydantic import Field
    from pydantic_core import SchemaValidator

    from kzps.models import Rules
    from kzps.schemas import (
        CheckedDiploma,
        CheckedPeriod,
        Date,
        DiplomaCode,
        GradeText,
        IdText,
        YearsText,
    )

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GRADE = re.compile(r"^(\d)\s*\.\s*(\d)?\s*\.?\s*(?:-\s*(\d))?\.?$")


class Diploma(NamedTuple):
    """One diploma: its level, its classifier code as printed, optionally its field."""

    level: str
    code: DiplomaCode = None
    field: Literal["social", "economic", "financial", "legal"] | None = None


class Held(NamedTuple):
    """The grade a person holds now and the date it was assigned."""

    level: GradeText
    since: Date


class Period(NamedTuple):
    """An earlier period of work: at a grade of this standard, or another position."""

    start: Annotated[Date, Field(alias="from")]
    end: Annotated[Date, Field(alias="to")]
    level: GradeText | None = None
    position: str | None = None
    counts_as: tuple[Literal["specialty", "social_protection", "management"], ...] = ()


class Totals(NamedTuple):
    """Experience totals as of the as-of date, as a roster gives them (CONTRACT §Roster)."""

    specialty: YearsText = None
    social_protection: YearsText = None
    management: YearsText = None


class Candidate(NamedTuple):
    """One person as CONTRACT.md describes the candidate file."""

    education: Annotated[tuple[CheckedDiploma, ...], Field(min_length=1)]
    id: IdText | None = None
    name: str | None = None
    as_of: Date | None = None
    organization: str | int | None = None
    current: Held | None = None
    history: tuple[CheckedPeriod, ...] = ()
    experience: Totals | None = None


@functools.cache
def validator() -> SchemaValidator:
    """The candidate file's validator: pydantic's, rebuilt from the cache when it can be."""
    from pydantic_core import SchemaValidator

    from kzps import cache

    key = cache.key_of(b"", "candidate", "schemas", "validation", "years")  # code alone
    cached = cache.load("candidate", key, dict)
    if cached is not None:
        return SchemaValidator(cached)
    from kzps.schemas import core_schema_of

    schema = core_schema_of(Candidate)
    cache.store("candidate", key, schema)
    return SchemaValidator(schema)


# -- what the annotations validate with (named from kzps.schemas) --------------------


def iso_date(value: object) -> object:
    """Accept a date or an ISO `YYYY-MM-DD` string, nothing else (no timestamps)."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_time", "expected a date YYYY-MM-DD, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_not_real", "{value} is not a real date", {"value": value}
            ) from None
    raise PydanticCustomError(
        "date_format", "expected a date YYYY-MM-DD, got {value}", {"value": value}
    )


def id_text(value: object) -> object:
    """A personnel number written as a number is still text."""
    return str(value) if isinstance(value, int) else value


def normalize_grade(raw: object) -> str:
    """A grade in canonical spelling: `4.1.` → `4.1`, `8.3.-1` → `8.3-1`, ` 6 ` → `6`.

    Anything else is kept as written, so that `check_against` can reject it with
    the list of the standard's grades (RULES §2).
    """
    text = str(raw).strip()
    if re.fullmatch(r"\d", text):
        return text
    match = _GRADE.match(text)
    if not match or match.group(2) is None:
        return text
    major, minor, suffix = match.groups()
    return f"{major}.{minor}" + (f"-{suffix}" if suffix else "")


def clean_code(value: object) -> object:
    """A diploma's code as compared (see normalize_code), or an error naming it."""
    if value is None:
        return None
    code = normalize_code(str(value))
    if not re.match(CODE_PATTERN, code):
        raise PydanticCustomError(
            "code_format",
            "{value} is not a classifier code (7 digits such as 0519023, or 6B04101)",
            {"value": value},
        )
    return code


def years_or_none(value: object) -> Years | None:
    """Experience as written in a roster or candidate file (see years.py)."""
    return None if value is None else parse_years(value)


def complete_diploma(diploma: Diploma) -> Diploma:
    """A diploma names its code, or its field when it has none."""
    if diploma.code is None and diploma.field is None:
        raise PydanticCustomError(
            "diploma_empty", "give the diploma's code, or its field when it has no code"
        )
    return diploma


def ordered_period(period: Period) -> Period:
    """A period does not end before it starts."""
    if period.end < period.start:
        raise PydanticCustomError(
            "period_order",
            "the period ends ({end}) before it starts ({start})",
            {"end": str(period.end), "start": str(period.start)},
        )
    return period


def check_against(candidate: Candidate, rules: Rules, as_of: dt.date) -> list[Problem]:
    """Problems that need the standard to see: unknown grades and levels, future dates."""
    wrong_day = as_of_problem("as_of", as_of)
    if wrong_day is not None:
        return [wrong_day]  # nothing else can be judged on that day
    grades = _grade_names(rules)
    levels = {lv.key for lv in rules.education_levels}
    levels |= {alias for lv in rules.education_levels for alias in lv.aliases}
    problems: list[Problem] = []
    for i, diploma in enumerate(candidate.education):
        if diploma.level not in levels:
            problems.append(
                problem(
                    f"education[{i}].level",
                    "error.level_unknown",
                    value=diploma.level,
                    expected=[lv.key for lv in rules.education_levels],
                )
            )
    if (
        candidate.organization is not None
        and significance_of(candidate.organization, rules) is None
    ):
        problems.append(
            problem(
                "organization",
                "error.organization_unknown",
                value=str(candidate.organization),
                expected=[f"{s.key} ({s.number})" for s in rules.significance],
            )
        )
    if candidate.current is not None:
        problems += _grade_problems("current.level", candidate.current.level, grades)
        if candidate.current.since > as_of:
            problems.append(_after("current.since", candidate.current.since, as_of))
    for i, period in enumerate(candidate.history):
        if period.level is not None:
            problems += _grade_problems(f"history[{i}].level", period.level, grades)
        if period.start > as_of:
            problems.append(_after(f"history[{i}].from", period.start, as_of))
        if period.level is None and not period.counts_as:
            problems.append(problem(f"history[{i}]", "error.period_counts_nothing"))
    return problems


def _after(where: str, day: dt.date, as_of: dt.date) -> Problem:
    return problem(where, "error.after_as_of", date=str(day), as_of=str(as_of))


def raise_if_invalid(candidate: Candidate, rules: Rules, as_of: dt.date, origin: str) -> None:
    """Raise one CandidateError listing every problem `check_against` finds."""
    problems = check_against(candidate, rules, as_of)
    if problems:
        raise CandidateError(origin, problems)


def canonical_level(candidate_level: str, rules: Rules) -> str:
    """The education level key for a level or one of its aliases."""
    for level in rules.education_levels:
        if candidate_level == level.key or candidate_level in level.aliases:
            return level.key
    raise KeyError(candidate_level)


def significance_of(organization: str | int, rules: Rules) -> int | None:
    """The N of 8.x-N for an organisation given as a word or a number."""
    text = str(organization).strip().lower()
    for sig in rules.significance:
        if text in {sig.key, str(sig.number)}:
            return sig.number
    return None


def _grade_names(rules: Rules) -> list[str]:
    names: list[str] = []
    for grade in rules.grades:
        if grade.significance:
            names += [f"{grade.code}-{s.number}" for s in rules.significance]
        else:
            names.append(grade.code)
    return names


def _grade_problems(where: str, level: str, grades: list[str]) -> list[Problem]:
    if level in grades:
        return []
    return [problem(where, "error.grade_unknown", value=level, expected=grades)]


__all__ = [
    "Candidate",
    "Diploma",
    "Held",
    "Period",
    "Totals",
    "check_against",
    "normalize_grade",
    "validator",
]
