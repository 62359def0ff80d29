"""Values as people write them in candidate files and staff lists: dates (`2023-02-01`,
`01.02.2023`), years of experience (`4.5`, `4 жыл 6 ай`, `4 г. 6 мес.`, `4y 6m`) and
classifier codes. Each parser returns the value or raises `InvalidValueError`, which the
candidate file's validator and the roster's columns both name where it was found."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from kzps.errors import InvalidValueError
from kzps.standard.codes import normalize_code
from kzps.standard.records import CODE_PATTERN

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_CODE = re.compile(CODE_PATTERN)


def parse_date(value: object) -> dt.date:
    """A date, or text `YYYY-MM-DD` or `DD.MM.YYYY` (as Kazakh and Russian HR write it);
    a date and time is refused."""
    if isinstance(value, dt.datetime):
        raise InvalidValueError("date_time", "expected a date, not a date and time")
    if isinstance(value, dt.date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if _ISO.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValueError(
            "date_not_real", "{value} is not a real date", value=str(value)
        ) from None
    raise InvalidValueError(
        "date_format", "expected a date YYYY-MM-DD or DD.MM.YYYY, got {value}", value=str(value)
    )


def clean_code(value: object) -> str:
    """A diploma's classifier code as compared (see normalize_code)."""
    code = normalize_code(str(value))
    if not _CODE.match(code):
        raise InvalidValueError(
            "code_format",
            "{value} is not a classifier code (7 digits such as 0519023, or 6B04101)",
            value=str(value),
        )
    return code


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
    """Years; decimals become whole months, rounded down (CONTRACT §Roster)."""
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
        raise InvalidValueError(
            "years_negative",
            "expected a number of years of 0 or more, got {value}",
            value=str(original),
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
        raise InvalidValueError(
            "years_too_many",
            "expected at most {most} years, got {value}",
            most=MAX_YEARS,
            value=str(original),
        )
    return Years(months // 12, months % 12)


def _format_error(value: object) -> InvalidValueError:
    return InvalidValueError(
        "years_format",
        "expected years such as 4.5, '4 жыл 6 ай', '4 г. 6 мес.' or '4y 6m', got {value}",
        value=str(value),
    )
