"""Domain errors: the core raises them, `cli.py` turns each into lines and an exit code.

A problem is a message key and its values, not a sentence, so that it can be said
in Kazakh, Russian or English where it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kzps.i18n import Catalog


class Problem(NamedTuple):
    """One thing wrong: where (a dotted key, a column, an option) and what."""

    where: str
    key: str
    values: Mapping[str, object] = MappingProxyType({})

    def say(self, words: Catalog | None = None) -> str:
        """The problem as one sentence, `where: what`; a problem of a whole row of a
        file (its value `at_row`) is said to be in that row, in the reader's words."""
        from kzps.i18n import catalog

        words = words or catalog("en")
        text = words.say_problem(self.key, self.values)
        where = self.where
        if not where and "at_row" in self.values:
            where = words.say("where.row", row=self.values["at_row"])
        return f"{where}: {text}" if where else text


class KzpsError(Exception):
    """Something a user can fix; each problem becomes one line naming the file."""

    exit_code = 2

    def __init__(self, origin: str, problems: Sequence[Problem]) -> None:
        self.origin = origin
        self.details = list(problems)
        super().__init__("\n".join(self.lines()))

    @property
    def problems(self) -> list[str]:
        """The problems in English, without the file name."""
        return [problem.say() for problem in self.details]

    def lines(self, words: Catalog | None = None) -> list[str]:
        """One line per problem, each naming the file."""
        return [f"{self.origin}: {problem.say(words)}" for problem in self.details]


class UsageError(KzpsError):
    """A file is missing or unreadable, or an option is wrong."""

    exit_code = 2


class DataError(KzpsError):
    """A data file does not validate."""

    exit_code = 3


class CandidateError(DataError):
    """A candidate file does not validate."""


class StandardError(DataError):
    """A standard file does not validate."""


def problem(where: str, key: str, **values: object) -> Problem:
    """A Problem, written the short way."""
    return Problem(where, key, values)
