"""Years of experience as people write them: `4.5`, `4,5`, `4 жыл 6 ай`, `4 г. 6 мес.`, `4y 6m`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from pydantic_core import PydanticCustomError


class Years(NamedTuple):
    """A length of experience in whole years and months."""

    years: int
    months: int

    def __str__(self) -> str:
        return f"{self.years}y {self.months}m"


#: More years of experience than a working life holds is a typing error, not service
#: (and dates that far back cannot be counted from).
MAX_YEARS = 80

_UNITS = (
    (r"(?:y|yr|yrs|years?|ж|жыл|г|год|года|лет|л)\.?", 12),
    (r"(?:m|mo|mos|months?|ай|м|мес|месяц|месяца|месяцев)\.?", 1),
)
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s.,][^\d\s]*)?", re.IGNORECASE)


def parse_years(value: object) -> Years:
    """Parse years; decimals become whole months, rounded down (CONTRACT §Roster)."""
    if isinstance(value, Years):
        return value
    if isinstance(value, bool):
        raise _format_error(value)
    if isinstance(value, int | float | Decimal):
        return _from_decimal(Decimal(str(value)), value)
    text = str(value).strip().lower()
    if not text:
        raise _format_error(value)
    try:
        return _from_decimal(Decimal(text.replace(",", ".")), value)
    except InvalidOperation:
        return _from_words(text, value)


def _from_decimal(number: Decimal, original: object) -> Years:
    if not number.is_finite() or number < 0:
        raise PydanticCustomError(
            "years_negative",
            "expected a number of years of 0 or more, got {value}",
            {"value": str(original)},
        )
    return _within_a_working_life(int(number * 12), original)


def _from_words(text: str, original: object) -> Years:
    total = 0
    position = 0
    for match in _PART.finditer(text):
        if text[position : match.start()].strip():
            break
        amount, unit = match.group(1), (match.group(2) or "")
        factor = next((f for pattern, f in _UNITS if re.fullmatch(pattern, unit)), None)
        if factor is None or (("," in amount or "." in amount) and factor == 1):
            break
        total += int(Decimal(amount.replace(",", ".")) * factor)
        position = match.end()
    else:
        if position and not text[position:].strip():
            return _within_a_working_life(total, original)
    raise _format_error(original)


def _within_a_working_life(months: int, original: object) -> Years:
    if months > MAX_YEARS * 12:
        raise PydanticCustomError(
            "years_too_many",
            "expected at most {most} years, got {value}",
            {"most": MAX_YEARS, "value": str(original)},
        )
    return Years(months // 12, months % 12)


def _format_error(value: object) -> PydanticCustomError:
    """The error for years that cannot be read (a ValueError, as pydantic expects)."""
    return PydanticCustomError(
        "years_format",
        "expected years such as 4.5, '4 жыл 6 ай', '4 г. 6 мес.' or '4y 6m', got {value}",
        {"value": str(value)},
    )
