"""Data shown as JSON: stable, readable, and the same on every machine."""

from __future__ import annotations

from typing import Any


def to_json(data: Any) -> str:
    """Stable JSON: sorted keys, ISO dates, Cyrillic kept readable."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
