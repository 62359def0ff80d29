"""Classifier codes as the standard lists them (RULES §3): how a code is spelt, and
which codes a listed code covers."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_CYRILLIC_TO_LATIN = str.maketrans({"В": "B", "М": "M", "Д": "D", "в": "B", "м": "M", "д": "D"})


def normalize_code(raw: str) -> str:
    """A code as compared: no spaces, upper case, Cyrillic В/М/Д read as Latin B/M/D.

    The standard prints "6В03" with a Cyrillic В (para 11); diplomas use either.
    """
    return _SPACES.sub("", raw).translate(_CYRILLIC_TO_LATIN).upper()


def code_matches(code: str, listed: str) -> bool:
    """Hierarchical match by significant prefix (RULES §3).

    A TVET group code ends in zeros: 0500000 covers 05…, 0519000 covers 0519….
    A qualification code (0519023) matches itself only. Higher-education codes
    nest by prefix: 6B04 ⊃ 6B041 ⊃ 6B04101.
    """
    if listed.isdigit():
        if listed.endswith("000"):
            prefix = listed[:4]
            prefix = prefix[:2] if prefix.endswith("00") else prefix
            return code.isdigit() and code.startswith(prefix)
        return code == listed
    return code.startswith(listed)


def covered(codes: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """Whether every code of `codes` lies within one of `listed` (a narrowing)."""
    return all(any(code_matches(code, item) for item in listed) for code in codes)
