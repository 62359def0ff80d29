"""Someone a summary, a forecast or a report names: their row, number, name and grade."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Person(NamedTuple):
    """Someone named in the summary."""

    row: int
    id: str
    name: str
    level: str
    eligible_on: dt.date | None
    current: str | None = None  # the current grade (None: not yet placed)
