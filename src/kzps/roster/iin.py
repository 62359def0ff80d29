"""The Kazakh individual identification number (ИИН / ЖСН): its control digit and its mask.

An IIN is 12 digits: the birth date (YYMMDD), a century-and-sex digit, four digits of
registration, and a control digit. The control digit is the sum of the first 11
digits weighted 1…11, modulo 11; when that is 10, the weights 3…11, 1, 2 are used
instead; when that is 10 again, the number is never issued.
"""

from __future__ import annotations

import re
from operator import mul

from kzps.errors import Problem, problem

IIN_LENGTH = 12
_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_ZERO = ord("0")
_NO_DIGIT = 10
_SHOWN_HEAD = 6  # the birth date: what HR needs to tell two people apart at a glance


def control_digit(first_eleven: str) -> int | None:
    """The control digit for the first 11 digits, or None when no digit can be valid."""
    codes = first_eleven.encode("ascii")
    digit = (sum(map(mul, _FIRST, codes)) - _ZERO * sum(_FIRST)) % 11
    if digit == _NO_DIGIT:
        digit = (sum(map(mul, _SECOND, codes)) - _ZERO * sum(_SECOND)) % 11
    return None if digit == _NO_DIGIT else digit


def _weighted(weights: tuple[int, ...]) -> dict[str, int]:
    """Every run of digits as long as `weights`, with its weighted sum (a look-up table)."""
    width = len(weights)
    return {
        f"{n:0{width}d}": sum(w * int(d) for w, d in zip(weights, f"{n:0{width}d}", strict=True))
        for n in range(10**width)
    }


# The first 11 digits in chunks of 3, 3, 3 and 2: four look-ups instead of 11 products.
_CHUNKS = (*(_weighted(_FIRST[i : i + 3]) for i in (0, 3, 6)), _weighted(_FIRST[9:]))
_DIGITS = "0123456789"
MASKED = re.compile(r"^\d{6}\*{5}\d$")


def iin_valid(iin: str) -> bool:
    """Whether `iin` is 12 digits with a matching control digit (fast: it runs on every row)."""
    if len(iin) != IIN_LENGTH:
        return False
    first, second, third, fourth = _CHUNKS
    try:
        total = first[iin[:3]] + second[iin[3:6]] + third[iin[6:9]] + fourth[iin[9:11]]
    except KeyError:  # not digits
        return False
    digit: int | None = total % 11
    if digit == _NO_DIGIT:
        digit = control_digit(iin[:11])
    return digit is not None and iin[11] == _DIGITS[digit]


def iin_problem(iin: str, where: str = "iin") -> Problem | None:
    """What is wrong with an IIN, without repeating it (it is personal data); None if valid."""
    if len(iin) != IIN_LENGTH:
        return problem(where, "error.iin_digits", length=len(iin))
    if not (iin.isascii() and iin.isdigit()):
        return problem(where, "error.iin_not_digits")
    if control_digit(iin[:11]) != ord(iin[11]) - _ZERO:
        return problem(where, "error.iin_control")
    return None


def mask(iin: str) -> str:
    """`900101300005` → `900101*****5` (a masked IIN stays so); anything else is all stars."""
    if (len(iin) == IIN_LENGTH and iin.isdigit()) or MASKED.match(iin):
        return f"{iin[:_SHOWN_HEAD]}*****{iin[-1]}"
    return "*" * len(iin)
