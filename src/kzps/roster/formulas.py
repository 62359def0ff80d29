"""Cells a spreadsheet would run as a formula (OWASP "CSV injection"): a leading `'`
makes them plain text, in every report a spreadsheet may open."""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralised(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text[:1] in FORMULA_STARTS else text
