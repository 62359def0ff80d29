"""Reading the user's files: bytes, and text in the encodings Windows and Excel save
(their YAML is read by kzps.documents).

Candidate files, column maps and CSV staff lists come from HR's own editors, so their
encoding is detected: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251.
The standard's own file must be UTF-8. Every failure is a UsageError naming the file.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, BinaryIO

from kzps.errors import UsageError, problem

if TYPE_CHECKING:
    from pathlib import Path

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
