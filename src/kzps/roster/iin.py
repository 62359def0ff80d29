"""The Kazakh individual identification number (ИИН / ЖСН): its control digit and its mask.

An IIN is 12 digits: the birth date (YYMMDD), a century-and-sex digit, four digits of
registration, and a control digit. The control digit is the sum of the first 11
digits weighted 1…11, modulo 11; when that is 10, the weights 3…11, 1, 2 are used
instead; when that is 10 again, the number is never issued.
"""

from __future__ import annotations

import re
from typing import Final

from kzps.errors import Problem, problem

# Final: the compiled build reads these as constants, not module look-ups.
IIN_LENGTH: Final = 12
_ZERO: Final = 48  # ord("0")
_NO_DIGIT: Final = 10
_SHOWN_HEAD = 6  # the birth date: what HR needs to tell two people apart at a glance


def control_digit(first_eleven: str) -> int | None:
    """The control digit for the first 11 digits, or None when no digit can be valid."""
    return _control(first_eleven.encode("ascii"))


def _control(codes: bytes) -> int | None:
    """The control digit of the first 11 ASCII digits in `codes`. The first weights are
    the positions 1…11, the second 3…11, 1, 2 (loops over the bytes: plain arithmetic in
    the compiled build, where this runs on every row)."""
    total = 0
    for i in range(IIN_LENGTH - 1):
        total += (i + 1) * (codes[i] - _ZERO)
    digit = total % 11
    if digit == _NO_DIGIT:
        total = 0
        for i in range(IIN_LENGTH - 1):
            total += ((i + 2) % 11 + 1) * (codes[i] - _ZERO)
        digit = total % 11
    return None if digit == _NO_DIGIT else digit


MASKED = re.compile(r"^\d{6}\*{5}\d$")


def iin_valid(iin: str) -> bool:
    """Whether `iin` is 12 digits with a matching control digit."""
    if len(iin) != IIN_LENGTH or not (iin.isascii() and iin.isdigit()):
        return False
    codes = iin.encode("ascii")
    return _control(codes) == codes[IIN_LENGTH - 1] - _ZERO


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
