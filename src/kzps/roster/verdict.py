"""What the report says of a row: the next grade and its status, or what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.words.catalog import catalog

if TYPE_CHECKING:
    import datetime as dt

    from kzps.errors import Problem


class Verdict:
    """What the report says of a row: the next grade and its status, or what is wrong.

    One Verdict serves every row in the same situation, so what each row needs from
    it (the report's texts, the summary's counting key) is worked out once, here.
    Treat it as immutable: `warned` and `failed` make changed copies. (A plain class,
    not a dataclass: compiled, its constructor then runs no Python code.)
    """

    __slots__ = (
        "_text",
        "_text_for",
        "deciding",
        "eligible_on",
        "grade",
        "key",
        "missing",
        "next_level",
        "notable",
        "problems",
        "status",
        "texts",
        "warnings",
    )

    def __init__(
        self,
        next_level: str | None = None,
        status: str | None = None,
        eligible_on: dt.date | None = None,
        missing: tuple[str, ...] = (),
        problems: tuple[Problem, ...] = (),
        grade: str | None = None,  # the current grade as kzps reads it, for the summary
        warnings: tuple[Problem, ...] = (),  # implausible but valid values, repeated rows
        deciding: tuple[str, ...] = (),  # the requirements the sentence names as missing
    ) -> None:
        self.next_level = next_level
        self.status = status
        self.eligible_on = eligible_on
        self.missing = missing
        self.problems = problems
        self.grade = grade
        self.warnings = warnings
        self.deciding = deciding
        self.texts = [
            next_level or "",
            status or "",
            eligible_on.isoformat() if eligible_on else "",
            ";".join(missing),
            self.error or "",
            self.warning or "",
        ]
        key = None if problems else (grade, status or "top")
        self.key: tuple[str | None, str] | None = key
        self.notable = key is not None and status in {"eligible", "not_yet"}
        self._text_for = ""  # what the text below was made for ("": nothing yet)
        self._text = ""

    @property
    def shape(self) -> tuple[object, ...] | None:
        """What the verdict's texts depend on but its day, for sentences and report rows
        said once per shape (None: problems or warnings, said each time)."""
        if self.problems or self.warnings:
            return None
        found = self.eligible_on is not None
        return (self.next_level, self.status, found, self.missing, self.deciding, self.grade)

    def rendered(self, key: str) -> str | None:
        """What a report last made of this verdict, if it made it for `key`. A verdict
        keeps one such text, not one per key: a run writes one report, whose row asks
        for its own key last, and up to 32,768 verdicts are kept at once."""
        return self._text if self._text_for == key else None

    def render(self, key: str, text: str) -> str:
        """Keep `text`, made of this verdict for `key`; returns it."""
        self._text_for = key
        self._text = text
        return text

    def __repr__(self) -> str:
        said = (f"{name}={getattr(self, name)!r}" for name in _FIELDS if getattr(self, name))
        return f"Verdict({', '.join(said)})"

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
        return Verdict(
            self.next_level,
            self.status,
            self.eligible_on,
            self.missing,
            self.problems,
            self.grade,
            (*self.warnings, *found),
            self.deciding,
        )


#: What a Verdict is made of, as its repr shows them.
_FIELDS = (
    "next_level",
    "status",
    "eligible_on",
    "missing",
    "problems",
    "grade",
    "warnings",
    "deciding",
)
