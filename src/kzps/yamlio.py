"""Reading YAML the way kzps needs it: fast (libyaml) and with dates left as text.

PyYAML turns `2023-02-30` into a crash rather than an error; kzps reads dates as
text and lets the models say which key holds an impossible date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kzps.errors import KzpsError, Problem, UsageError, problem

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextDateLoader(_BASE):  # type: ignore[misc]
    """libyaml's safe loader, with timestamps resolved as plain strings."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}


def load_text(text: str) -> Any:
    """Parse one YAML (or JSON) document; dates stay strings."""
    return yaml.load(text, Loader=TextDateLoader)  # noqa: S506 - a safe loader


def problem_of(error: yaml.YAMLError) -> Problem:
    """A YAML error as one problem: the line and column, and what is wrong."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    if mark is None:
        return problem("", "error.yaml", reason=reason)
    return problem("", "error.yaml_at", line=mark.line + 1, column=mark.column + 1, reason=reason)


def read_data(path: Path, invalid: type[KzpsError]) -> Any:
    """A YAML or JSON file's data; a missing or unreadable file is a UsageError, bad
    YAML an `invalid` error, each naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(str(path), [problem("", "error.no_such_file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(str(path), [problem("", "error.unreadable", reason=str(error))]) from None
    try:
        return load_text(text)
    except yaml.YAMLError as error:
        raise invalid(str(path), [problem_of(error)]) from None
