"""The grade vocabulary of the standard: one type that reads and writes `8.3-2` (RULES §2)."""

from __future__ import annotations

import re

_SINGLE = re.compile(r"^\d$")
_GRADE = re.compile(r"^(\d)\s*\.\s*(\d)?\s*\.?\s*(?:-\s*(\d))?\.?$")
#: How HR writes the same grade: `6,1` (a Russian-locale decimal comma), `8.3–2` (a dash).
_SPELLINGS = str.maketrans({",": ".", "–": "-", "—": "-", "‑": "-", "−": "-"})


class Level(str):
    """A grade as kzps writes it: `4`, `4.1`, `5.3`, `8.3-2` (the N of 8.3-N and 8.2-N
    is the organisation's significance, paras 12, 13). It is text, so it is shown,
    compared and written to JSON as the grade's code."""

    __slots__ = ()

    @classmethod
    def of(cls, grade: str, significance: int | None = None) -> Level:
        """The level of a grade code (`8.3`), with its significance where it has one."""
        return cls(grade if significance is None else f"{grade}-{significance}")

    @classmethod
    def parse(cls, raw: object) -> Level:
        """A level in canonical spelling: `4.1.` → `4.1`, `8.3.-1` → `8.3-1`, `6,1` → `6.1`.

        Anything else is kept as written, so that a check against the standard can
        reject it with the list of the standard's grades.
        """
        text = str(raw).strip().translate(_SPELLINGS)
        if _SINGLE.match(text):
            return cls(text)
        match = _GRADE.match(text)
        if not match or match.group(2) is None:
            return cls(str(raw).strip())
        major, minor, suffix = match.groups()
        return cls(f"{major}.{minor}" + (f"-{suffix}" if suffix else ""))

    @property
    def grade(self) -> str:
        """The grade code of the level: `8.3-2` → `8.3`; other levels are their own."""
        return self.split("-", 1)[0]

    @property
    def significance(self) -> int | None:
        """The N of `8.3-N`, or None."""
        _, dash, number = self.partition("-")
        return int(number) if dash and number.isdigit() else None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: object) -> object:
        """Validated as text (or a number, as YAML reads `level: 6`), then parsed."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.no_info_before_validator_function(_parsed_text, core_schema.str_schema()),
        )


def _parsed_text(raw: object) -> str:
    """A level's canonical spelling, as plain text for the string schema."""
    return str(Level.parse(raw))
