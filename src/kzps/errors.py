"""Domain errors: the core raises them, `cli.py` turns each into a line and an exit code."""

from __future__ import annotations

from collections.abc import Sequence


class KzpsError(Exception):
    """Something a user can fix; its lines are printed as they are."""

    exit_code = 2

    def __init__(self, origin: str, problems: Sequence[str]) -> None:
        self.origin = origin
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, each naming the file."""
        return [f"{self.origin}: {problem}" for problem in self.problems]


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
