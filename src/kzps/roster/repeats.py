"""Employee numbers and IINs that stand on more than one row: both rows are checked and
both say so. Found in a first pass over the file, in little memory: 64-bit hashes,
sorted in chunks and merged (a set of a million numbers would cost 70 MB)."""

from __future__ import annotations

import heapq
import itertools
from array import array
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kzps.errors import Problem, problem

if TYPE_CHECKING:
    from kzps.roster.header import Source

CHUNK = 1 << 16


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
        layout = source.layout
        id_at, iin_at = layout.index["id"], layout.index.get("iin", -1)
        ids, iins = array("q"), array("q")
        for cells in source.records():
            if not isinstance(cells, list) or len(cells) != layout.width:
                continue
            if cells[id_at].strip():
                ids.append(hash(cells[id_at].strip()))
            if iin_at >= 0 and cells[iin_at].strip():
                iins.append(hash(cells[iin_at].strip()))
        return cls(repeated(ids), repeated(iins), source)

    def __bool__(self) -> bool:
        return bool(self._ids or self._iins)

    def of(self, cells: list[str]) -> list[Problem]:
        """The warnings of one row (read before its IIN is masked)."""
        found = []
        number = cells[self._id].strip()
        if number and hash(number) in self._ids:
            found.append(problem(self._id_label, "warning.repeated_id", value=number))
        if self._iin >= 0:
            iin = cells[self._iin].strip()
            if iin and hash(iin) in self._iins:
                found.append(problem(self._iin_label, "warning.repeated_iin"))
        return found


def repeated(hashes: Iterable[int]) -> set[int]:
    """The hashes that occur more than once."""
    found: set[int] = set()
    previous: int | None = None
    for value in heapq.merge(*_sorted_chunks(hashes)):
        if value == previous:
            found.add(value)
        previous = value
    return found


def _sorted_chunks(hashes: Iterable[int]) -> list[Iterator[int]]:
    iterator = iter(hashes)
    chunks = []
    while chunk := list(itertools.islice(iterator, CHUNK)):
        chunk.sort()
        chunks.append(iter(array("q", chunk)))
    return chunks
