"""Domain errors and exit codes: the core raises the errors, `kzps.cli` turns each into
lines and its exit code.

A problem is a message key and its values, not a sentence, so that `kzps.words` can
say it in Kazakh, Russian or English where it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from types import MappingProxyType
from typing import NamedTuple


class ExitCode(IntEnum):
    """The exit codes of every command (CONTRACT.md §Exit codes, README)."""

    OK = 0
    ROWS_WITH_ERRORS = 1
    USAGE = 2
    INVALID_DATA = 3
    INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 + 2
    TERMINATED = 143  # SIGTERM: 128 + 15


class Problem(NamedTuple):
    """One thing wrong: where (a dotted key, a column, an option) and what."""

    where: str
    key: str
    values: Mapping[str, object] = MappingProxyType({})


class KzpsError(Exception):
    """Something a user can fix; each problem becomes one line naming the file."""

    exit_code = ExitCode.USAGE

    def __init__(self, origin: str, problems: Sequence[Problem]) -> None:
        self.origin = origin
        self.details = list(problems)
        super().__init__("; ".join(f"{origin}: {p.where} {p.key}".strip() for p in problems))


class UsageError(KzpsError):
    """A file is missing or unreadable, or an option is wrong."""

    exit_code = ExitCode.USAGE


class DataError(KzpsError):
    """A data file does not validate."""

    exit_code = ExitCode.INVALID_DATA


class CandidateError(DataError):
    """A candidate file does not validate."""


class StandardError(DataError):
    """A standard file does not validate."""


class OverlayError(DataError):
    """An overlay file does not validate against the standard."""


def problem(where: str, key: str, **values: object) -> Problem:
    """A Problem, written the short way."""
    return Problem(where, key, values)


class InvalidValueError(ValueError):
    """A value that cannot be read, as a message key and its values; the record's
    validator, or the roster's column, says where it is."""

    def __init__(self, kind: str, template: str, **values: object) -> None:
        self.kind = kind
        self.template = template
        self.values = values
        super().__init__(template.format(**values))
