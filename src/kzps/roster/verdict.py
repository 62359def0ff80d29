"""What the report says of a row: the next grade and its status, or what is wrong."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kzps.words.catalog import catalog

if TYPE_CHECKING:
    from kzps.errors import Problem


@dataclass(slots=True, eq=False)
class Verdict:
    """What the report says of a row: the next grade and its status, or what is wrong.

    One Verdict serves every row in the same situation, so what each row needs from
    it (the report's texts, the summary's counting key) is worked out once, here.
    Treat it as immutable: `warned` and `failed` make changed copies.
    """

    next_level: str | None = None
    status: str | None = None
    eligible_on: dt.date | None = None
    missing: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    grade: str | None = None  # the current grade as kzps reads it, for the summary
    warnings: tuple[Problem, ...] = ()  # implausible but valid values, repeated rows
    deciding: tuple[str, ...] = ()  # the requirements the sentence names as missing
    texts: list[str] = field(init=False, repr=False)
    key: tuple[str | None, str] | None = field(init=False, repr=False)
    notable: bool = field(init=False, repr=False)
    rendered: dict[str, str] = field(init=False, repr=False)  # report text by delimiter
    #: What the verdict's texts depend on but its day, for sentences and report rows
    #: said once per shape (None: problems or warnings, said each time).
    shape: tuple[object, ...] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        texts = [
            self.next_level or "",
            self.status or "",
            self.eligible_on.isoformat() if self.eligible_on else "",
            ";".join(self.missing),
            self.error or "",
            self.warning or "",
        ]
        key = None if self.problems else (self.grade, self.status or "top")
        notable = key is not None and self.status in {"eligible", "not_yet"}
        self.texts = texts
        self.key = key
        self.notable = notable
        self.rendered = {}
        self.shape = None
        if not (self.problems or self.warnings):
            self.shape = (
                self.next_level,
                self.status,
                self.eligible_on is not None,
                self.missing,
                self.deciding,
                self.grade,
            )

    @property
    def error(self) -> str | None:
        """The problems in English, as the report's `error` column holds them."""
        if not self.problems:
            return None
        english = catalog("en")
        return "; ".join(english.problem(p) for p in self.problems)

    @property
    def warning(self) -> str | None:
        """The warnings in English, as the report's `warning` column holds them."""
        if not self.warnings:
            return None
        english = catalog("en")
        return "; ".join(english.problem(p) for p in self.warnings)

    def failed(self, found: Problem) -> Verdict:
        """This row with one more problem: a row with problems gets no result."""
        return Verdict(problems=(*self.problems, found), warnings=self.warnings)

    def warned(self, *found: Problem) -> Verdict:
        """This row's verdict with more warnings (a copy: verdicts are shared by rows)."""
        return dataclasses.replace(self, warnings=(*self.warnings, *found))
