"""YAML documents the user and the package give (candidate files, column maps,
overlays, the standard, the message catalogs): dates left as text, and no key written
twice. Reading their bytes and text is kzps.files's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from kzps.errors import KzpsError, Problem, problem
from kzps.files import read_text

if TYPE_CHECKING:
    from pathlib import Path

    from yaml.nodes import MappingNode


_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextDateLoader(_BASE):  # type: ignore[misc]
    """libyaml's safe loader, with timestamps resolved as plain strings and a key
    written twice in one mapping refused (YAML would keep the last silently)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping, or a ConstructorError at the second occurrence of a key."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                repeated = key in seen
            except TypeError:  # an unhashable key: the base class says so
                break
            if repeated:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


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


def read_data(path: Path, invalid: type[KzpsError], *, detect: bool = True) -> Any:
    """A YAML or JSON file's data; an unreadable file is a UsageError, bad YAML an
    `invalid` error, each naming the file."""
    text = read_text(path, detect=detect)
    try:
        return load_text(text)
    except yaml.YAMLError as error:
        raise invalid(str(path), [problem_of(error)]) from None
