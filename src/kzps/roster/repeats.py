"""Employee numbers and IINs that stand on more than one row: both rows are checked and
both say so. Found as the rows go by, in little memory: 64-bit hashes in compact
arrays, spread over buckets by their low bits, each bucket then looked through with a
set of its own (one set of a million numbers would cost 70 MB; a bucket's, about 1 MB).
A report written to a file is then written again with the warnings (rarely: a
repeated number is a mistake); a report streamed to standard output needs them
first, from a pass of its own."""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Final

from kzps.errors import Problem, problem

if TYPE_CHECKING:
    from kzps.roster.header import Source

#: Hashes are kept in this many buckets (by their low bits), so that looking for a
#: repeat needs a set of one bucket at a time.
BUCKETS: Final = 64
LOW_BITS: Final = BUCKETS - 1
#: A hash as an unsigned 64-bit number: an array of them converts each item directly,
#: where signed items go through the argument parser (CPython's arraymodule).
UNSIGNED: Final = (1 << 64) - 1
#: The arrays' item: an unsigned long where it has 64 bits (CPython converts one of
#: those digit by digit; an unsigned long long, through a byte array), else that.
ITEM: Final = "L" if array("L").itemsize == 8 else "Q"


class Repeats:
    """Which employee numbers and IINs of a staff list are on more than one row."""

    def __init__(self, ids: set[int], iins: set[int], source: Source) -> None:
        self._ids = ids
        self._iins = iins
        layout = source.layout
        self._id = layout.index["id"]
        self._iin = layout.index.get("iin", -1)
        self._id_label = layout.label("id")
        self._iin_label = layout.label("iin")

    @classmethod
    def scan(cls, source: Source) -> Repeats:
        """Read every row of `source` once, keeping only hashes of the two columns."""
        seen = Seen(source)
        for cells in source.records():
            if isinstance(cells, list) and len(cells) == source.layout.width:
                seen.add(cells)
        return seen.repeats()

    def __bool__(self) -> bool:
        return bool(self._ids or self._iins)

    def of(self, cells: list[str]) -> list[Problem]:
        """The warnings of one row (read before its IIN is masked)."""
        found = []
        number = cells[self._id].strip()
        if number and number_key(number) in self._ids:
            found.append(problem(self._id_label, "warning.repeated_id", value=number))
        if self._iin >= 0:
            iin = cells[self._iin].strip()
            if iin and number_key(iin) in self._iins:
                found.append(problem(self._iin_label, "warning.repeated_iin"))
        return found


class Seen:
    """The employee numbers and IINs of the rows so far, as hashes in buckets."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._id = source.layout.index["id"]
        self._iin = source.layout.index.get("iin", -1)
        self._ids = [array(ITEM) for _ in range(BUCKETS)]
        self._iins = [array(ITEM) for _ in range(BUCKETS)]

    def add(self, cells: list[str]) -> None:
        """Note one row (before its IIN is masked)."""
        number = cells[self._id].strip()
        if number:
            found = number_key(number)
            self._ids[found & LOW_BITS].append(found)
        if self._iin >= 0 and (iin := cells[self._iin].strip()):
            found = number_key(iin)
            self._iins[found & LOW_BITS].append(found)

    def save(self, stream: IO[bytes]) -> None:
        """Write the hashes noted so far for another process to load: every bucket's
        length, then every bucket."""
        buckets = (*self._ids, *self._iins)
        stream.write(array(ITEM, [len(bucket) for bucket in buckets]).tobytes())
        for bucket in buckets:
            bucket.tofile(stream)

    def load(self, stream: IO[bytes]) -> None:
        """Add the hashes another process saved, straight into these buckets; a stream
        that does not hold them all is a ValueError, with nothing added."""
        buckets = (*self._ids, *self._iins)
        lengths = array(ITEM)
        lengths.frombytes(stream.read(len(buckets) * lengths.itemsize))
        start = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        if len(lengths) != len(buckets) or end - start != sum(lengths) * lengths.itemsize:
            raise ValueError("the saved hashes are incomplete")
        stream.seek(start)
        for bucket, length in zip(buckets, lengths, strict=True):
            bucket.fromfile(stream, length)

    def repeats(self) -> Repeats:
        """What stood on more than one row."""
        return Repeats(repeated(self._ids), repeated(self._iins), self.source)


def number_key(text: str) -> int:
    """What is kept of an employee number or IIN: its hash, as an unsigned number."""
    return hash(text) & UNSIGNED


def repeated(buckets: Iterable[array[int]]) -> set[int]:
    """The hashes that occur more than once; equal hashes share a bucket."""
    found: set[int] = set()
    for bucket in buckets:
        if len(set(bucket)) < len(bucket):  # rarely: a bucket with a repeat in it
            once: set[int] = set()
            for value in bucket:
                if value in once:
                    found.add(value)
                once.add(value)
    return found
