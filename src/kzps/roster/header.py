"""Finding the header of a staff list: the row, among the first few, whose cells name the
columns kzps needs, whichever delimiter splits it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from kzps.errors import DataError, Problem, problem
from kzps.roster.columns import EXAMPLES, REQUIRED, RESULT_COLUMNS, alias_of, header_key

if TYPE_CHECKING:
    from pathlib import Path

HEADER_SEARCH = 10  # a title or a blank line may stand above the header in HR exports
SHOWN_CELLS = 12
BLANK = " \t;,"  # a row of nothing but these is blank, whichever the delimiter


@dataclass(frozen=True)
class Layout:
    """Where each column of the contract is in this file, and the report's header."""

    header: tuple[str, ...]
    index: dict[str, int]
    row: int  # the header's row number, as a spreadsheet shows it

    @property
    def width(self) -> int:
        """The number of cells a row must have."""
        return len(self.header)

    @property
    def keep(self) -> tuple[int, ...] | None:
        """Input cells that go to the report: all but earlier result columns (None: all)."""
        results = {header_key(name) for name in RESULT_COLUMNS}
        kept = tuple(i for i, name in enumerate(self.header) if header_key(name) not in results)
        return None if len(kept) == self.width else kept

    @property
    def output_header(self) -> tuple[str, ...]:
        """The report's header: the input's, then the result columns."""
        kept = self.keep
        names = self.header if kept is None else tuple(self.header[i] for i in kept)
        return (*names, *RESULT_COLUMNS)

    def label(self, column: str) -> str:
        """A column as the file names it, so that an error points at what HR sees."""
        position = self.index.get(column)
        return column if position is None else (self.header[position].strip() or column)


class _Attempt(NamedTuple):
    """One row tried as the header, split by one delimiter."""

    score: int
    row: int
    delimiter: str
    cells: list[str]
    columns: dict[str, int]
    problems: list[Problem]


def match_header(
    cells: list[str], column_map: dict[str, tuple[str, ...]]
) -> tuple[dict[str, int], list[Problem]]:
    """Which cell holds which column, and what keeps this row from being the header."""
    keys = [header_key(c) for c in cells]
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for column, names in column_map.items():
        wanted = {header_key(n) for n in names}
        found = [i for i, key in enumerate(keys) if key in wanted]
        if len(found) == 1:
            index[column] = found[0]
        else:
            key = "error.roster_map_ambiguous" if found else "error.roster_map_missing"
            shown = [repr(n) for n in names]
            problems.append(problem("--columns", key, column=column, names=shown))
    taken = set(index.values())
    for i, key in enumerate(keys):
        named = alias_of(key)
        if named is None or named in column_map or i in taken:
            continue
        if named in index:
            first, second = cells[index[named]].strip(), cells[i].strip()
            problems.append(
                problem("", "error.roster_duplicate", column=named, first=first, second=second)
            )
        else:
            index[named] = i
    return index, problems + _missing_columns(index, set(column_map))


def _missing_columns(index: dict[str, int], mapped: set[str]) -> list[Problem]:
    """The required columns the header lacks (and --columns does not name), with examples."""
    missing = [c for c in REQUIRED if c not in index and c not in mapped]
    if "current_level" in index and "level_since" not in index:
        missing.append("level_since")
    return [
        problem("", "error.roster_no_column", column=c, examples=[repr(n) for n in EXAMPLES[c]])
        for c in missing
    ]


def find_header(
    path: Path,
    attempts: Iterator[tuple[str, int, list[str]]],
    column_map: dict[str, tuple[str, ...]],
) -> _Attempt:
    """The header: the complete row with most columns; if none, an error about the closest."""
    best: _Attempt | None = None
    found: _Attempt | None = None
    for delimiter, row, cells in attempts:
        if not any(c.strip(BLANK) for c in cells):
            continue
        index, problems = match_header(cells, column_map)
        attempt = _Attempt(len(index), row, delimiter, cells, index, problems)
        if not problems and (found is None or attempt.score > found.score):
            found = attempt
        if best is None or attempt.score > best.score:
            best = attempt
    if found is not None:
        return found
    if best is None:
        raise DataError(str(path), [problem("", "error.roster_empty")])
    shown = [repr(c.strip()) for c in best.cells[:SHOWN_CELLS]]
    shown += ["…"] if len(best.cells) > SHOWN_CELLS else []
    closest = problem("", "error.roster_no_header", rows=HEADER_SEARCH, row=best.row, cells=shown)
    raise DataError(str(path), [closest, *(_at_row(p, best.row) for p in best.problems)])


def _at_row(found: Problem, row: int) -> Problem:
    """A header problem, said of the row it was found in."""
    if found.where:
        return found
    return Problem("", found.key, {**found.values, "at_row": row})


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row whose cells could not be read as they are; it keeps its place in the report."""

    cells: list[str]
    problem: Problem


class Source(Protocol):
    """Rows of a staff list after its header, as lists of text cells."""

    layout: Layout
    delimiter: str
    description: dict[str, str]

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Every row after the header, in order; blank rows as empty lists."""
        ...

    def progress(self) -> tuple[int, int | None]:
        """How far reading has come: done and total, in the source's own units."""
        ...
