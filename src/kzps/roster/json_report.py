"""Roster reports for scripts in JSON (CONTRACT §Roster): an array of row objects, or
JSON Lines, one object per input row: input cells as text, results typed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from kzps.roster.columns import RESULT_COLUMNS

if TYPE_CHECKING:
    from kzps.roster.header import Layout
    from kzps.roster.sentences import Sentences
    from kzps.roster.verdict import Verdict


def json_keys(header: Sequence[str]) -> list[str]:
    """Unique object keys for a header: an empty name is `column_N`, a repeated one `name_2`."""
    keys: list[str] = []
    for number, name in enumerate(header, 1):
        base = name.strip() or f"column_{number}"
        key, suffix = base, 2
        while key in keys:
            key, suffix = f"{base}_{suffix}", suffix + 1
        keys.append(key)
    return keys


def json_row(
    keys: list[str], cells: Sequence[str], verdict: Verdict, summary: str
) -> dict[str, Any]:
    """One row as a JSON object: input cells as text, results typed (null when none)."""
    row: dict[str, Any] = dict(zip(keys, cells, strict=True))
    row["next_level"] = verdict.next_level
    row["status"] = verdict.status
    row["eligible_on"] = verdict.eligible_on.isoformat() if verdict.eligible_on else None
    row["missing"] = list(verdict.missing)
    row["error"] = verdict.error
    row["warning"] = verdict.warning
    row["summary"] = summary
    return row


class JsonReport:
    """A JSON array of row objects, written as it goes."""

    def __init__(self, stream: TextIO, layout: Layout, lines: bool, sentences: Sentences) -> None:
        self._stream = stream
        self._sentences = sentences
        self._keep = layout.keep
        self._keys = json_keys(layout.output_header[: -len(RESULT_COLUMNS)])
        self._lines = lines
        self._first = True
        if not lines:
            stream.write("[")

    def write(self, cells: list[str], verdict: Verdict) -> None:
        """One object; in JSON Lines one line each, in JSON an element of the array."""
        kept = cells if self._keep is None else [cells[i] for i in self._keep]
        row = json_row(self._keys, kept, verdict, self._sentences.of(verdict))
        text = json.dumps(row, ensure_ascii=False)
        if self._lines:
            self._stream.write(text + "\n")
        else:
            self._stream.write(("\n" if self._first else ",\n") + text)
        self._first = False

    def close(self) -> None:
        """End the array."""
        if not self._lines:
            self._stream.write("\n]\n" if not self._first else "]\n")
