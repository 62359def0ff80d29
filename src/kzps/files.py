"""Reading the user's files: text in the encodings Windows and Excel save, and YAML
with dates left as text and no key written twice.

Candidate files, column maps and CSV staff lists come from HR's own editors, so their
encoding is detected: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251.
The standard's own file must be UTF-8. Every failure is a UsageError naming the file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import yaml

from kzps.errors import KzpsError, Problem, UsageError, problem

if TYPE_CHECKING:
    from yaml.nodes import MappingNode

SAMPLE_BYTES = 1 << 16
UTF8_MARGIN = 2  # UTF-8 read from Windows-1251 fails at nearly every letter: far below
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def encoding_of(stream: BinaryIO) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251; the stream is
    read as far as its first non-ASCII byte and left wherever that was."""
    head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    stream.seek(0)
    while chunk := stream.read(1 << 20):
        found = _HIGH_BYTE.search(chunk)
        if found is not None:
            piece = chunk[found.start() : found.start() + SAMPLE_BYTES]
            return "utf-8" if _mostly_utf8(piece) else "cp1251"
    return "utf-8"


def _mostly_utf8(piece: bytes) -> bool:
    """Whether bytes read as UTF-8 with at most a stray bad byte (Windows-1251 Cyrillic
    read as UTF-8 fails at nearly every letter)."""
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(piece, final=False)
    bad = text.count("\ufffd")
    letters = len(_NON_ASCII.findall(text))
    return letters > bad * UTF8_MARGIN


def open_binary(path: Path) -> BinaryIO:
    """The file opened for reading bytes; a missing file, a folder or an unreadable file
    is a UsageError naming it."""
    where = str(path)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise UsageError(where, [problem("", "error.no_such_file")]) from None
    except IsADirectoryError:
        raise UsageError(where, [problem("", "error.is_directory")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(where, [problem("", "error.unreadable", reason=reason)]) from None


def read_text(path: Path, *, detect: bool = True) -> str:
    """A text file's content: its encoding detected, or (`detect=False`) UTF-8 only.

    A file with NUL bytes is not text; undecodable bytes are a UsageError that says
    how to save the file as UTF-8.
    """
    with open_binary(path) as stream:
        try:
            content = stream.read()
        except OSError as error:
            reason = error.strerror or str(error)
            raise UsageError(str(path), [problem("", "error.unreadable", reason=reason)]) from None
    bom_utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in content and not (detect and bom_utf16):
        raise UsageError(str(path), [problem("", "error.not_text")])
    if detect:
        import io

        encoding = encoding_of(io.BytesIO(content))
    else:
        encoding = "utf-8-sig"
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as error:
        raise UsageError(
            str(path), [problem("", "error.not_utf8", position=error.start + 1)]
        ) from None


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
