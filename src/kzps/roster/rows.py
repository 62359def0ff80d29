"""Roster rows checked: each row's cells are read into the values a candidate is made of
and decided by the closed form of the engine (kzps.decide.quick).

A row is read in two parts. Its education, grade and organisation cells, which few
rows tell apart, are read and compiled together once per distinct combination (a
Static: the diplomas, the grade, the compiled situation); its dates and totals, which
nearly every row tells apart, are read through one memo per column. A row any of
whose cells has a problem is read again cell by cell, so that every problem is named.
Whole rows are remembered too: a list of people in few situations costs little more
than reading it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from kzps.decide.candidate import Held
from kzps.decide.plausible import early_warnings, held_warnings, significance_warnings
from kzps.decide.quick import TOTAL_KINDS, Next, QuickDecider, Shape
from kzps.errors import Problem, problem
from kzps.memo import remember
from kzps.roster.cells import CELL_MEMO, Category, CellReader, Diplomas
from kzps.roster.columns import DECISION_COLUMNS, TOTALS
from kzps.roster.iin import IIN_LENGTH, MASKED, iin_problem, iin_valid, mask
from kzps.roster.verdict import Verdict

if TYPE_CHECKING:
    from kzps.roster.header import Layout, Unreadable
    from kzps.roster.repeats import Repeats, Seen
    from kzps.standard.level import Level
    from kzps.standard.load import Standard

#: How many rows and situations are remembered; a full memo forgets its older half,
#: which keeps memory constant. Situations are what the engine is asked about (a
#: millisecond each), so they get the room (about 1 KB each).
ROW_MEMO = 1 << 14
#: The candidate's keys that a roster row's warnings name, as the row's columns.
_COLUMN_OF = {"current.since": "level_since", "organization": "organization"}
SITUATION_MEMO = 1 << 15
#: Whole rows are remembered only while at least this share of them repeats.
ROW_HITS_WORTH = 0.25
#: The cells that few rows tell apart: read and compiled together, once per combination.
STATIC_COLUMNS = (
    "education_level",
    "education_code",
    "education_field",
    "current_level",
    "organization",
)
_UNREAD = object()  # a cell text not read yet
_WRONG = object()  # a cell text with a problem: the row is read again, cell by cell


class Static(NamedTuple):
    """What a row's education, grade and organisation cells say, compiled: the grade
    held (None: none), the situation, and the warnings these cells alone give."""

    grade: Level | None
    shape: Shape
    warnings: tuple[Problem, ...]


class Checker:
    """Turns rows into Verdicts with the engine of `kzps check`, remembering decisions."""

    def __init__(
        self,
        standard: Standard,
        layout: Layout,
        as_of: dt.date,
        show_iin: bool = False,
        repeats: Repeats | None = None,
        seen: Seen | None = None,
    ) -> None:
        self.standard = standard
        self.layout = layout
        self.as_of = as_of
        self.show_iin = show_iin
        self._width = layout.width
        self._id = layout.index["id"]
        self._iin = layout.index.get("iin", -1)
        self._iin_label = layout.label("iin")
        self._masked = not show_iin
        self._columns = tuple(c for c in DECISION_COLUMNS if c in layout.index)
        self._key = _getter([layout.index[c] for c in self._columns])
        self._memo: dict[Any, Verdict] | None = {}  # None: whole rows do not repeat
        self._looked = 0  # rows looked up in the memo
        self._misses = 0  # of which new
        self._verdicts: dict[tuple[Any, ...], Verdict] = {}
        self._statics: dict[tuple[str, ...], Static | None] = {}
        self._static_columns = tuple(c for c in STATIC_COLUMNS if c in layout.index)
        self._static_key = _getter([layout.index[c] for c in self._static_columns])
        self._since = layout.index.get("level_since")
        self._dates: dict[str, Any] = {}
        # Each total column: its name, its place in the row, its place among the
        # decider's totals (TOTAL_KINDS), and the memo of its texts.
        self._totals: tuple[tuple[str, int, int, dict[str, Any]], ...] = tuple(
            (column, position, TOTAL_KINDS.index(kind), {})
            for column, kind in TOTALS.items()
            if (position := layout.index.get(column)) is not None
        )
        self._cells = CellReader(standard, as_of, layout.label)
        self._quick = QuickDecider(standard, as_of)
        self._repeats = repeats or None  # None when nothing repeats: the hot path skips it
        self._seen = seen

    # -- every row (the hot path) ------------------------------------------------------------

    def check(self, cells: list[str]) -> Verdict:
        """The verdict on one row; masks its IIN in place unless --show-iin."""
        if len(cells) != self._width:
            return self._misshapen(cells)
        memo = self._memo
        if memo is not None:
            self._looked += 1
            key = self._key(cells)
            verdict = memo.get(key) or self._verdict(key, cells)
        else:
            verdict = self._verdict(None, cells)
        if self._seen is not None:
            self._seen.add(cells)
        if self._repeats is not None and (found := self._repeats.of(cells)):
            verdict = verdict.warned(*found)
        iin = self._iin
        if iin >= 0 and cells[iin]:
            if not iin_valid(cells[iin]):
                verdict = self._wrong_iin(cells[iin], verdict)
            if self._masked:
                cells[iin] = mask(cells[iin].strip())
        if not cells[self._id].strip():
            verdict = verdict.failed(problem(self.layout.label("id"), "error.roster_no_id"))
        return verdict

    def _wrong_iin(self, value: str, verdict: Verdict) -> Verdict:
        """The verdict on a row whose IIN fails its check.

        Spaces around it are forgiven, and an IIN masked by an earlier report (a report
        checked again) cannot be checked, so it is taken as given.
        """
        found = iin_problem(value.strip(), self._iin_label)
        if found is None or MASKED.match(value.strip()):
            return verdict
        return verdict.failed(found)

    def unreadable(self, row: Unreadable) -> tuple[list[str], Verdict]:
        """A row that could not be read: its cells as far as read, masked, and why."""
        return self._shaped(row.cells), Verdict(problems=(row.problem,))

    def _misshapen(self, cells: list[str]) -> Verdict:
        """A row with too few or too many cells: they may be shifted, so no result."""
        found = problem("", "error.roster_cells", count=len(cells), width=self._width)
        cells[:] = self._shaped(cells)
        return Verdict(problems=(found,))

    def _shaped(self, cells: list[str]) -> list[str]:
        """Cells at the header's width, with the IIN and whatever looks like one masked."""
        shaped = (cells + [""] * self._width)[: self._width]
        if self.show_iin:
            return shaped
        masked = [mask(c) if len(c) == IIN_LENGTH and c.isdigit() else c for c in shaped]
        if self._iin >= 0:
            masked[self._iin] = mask(masked[self._iin].strip())
        return masked

    def forget(self) -> None:
        """Let go of what was remembered (rows, situations, verdicts, cell texts): a run
        whose other parts are checked elsewhere needs the room for their results, and
        any row checked after this is decided again, alike."""
        if self._memo is not None:
            self._memo.clear()
        self._verdicts.clear()
        self._statics.clear()
        self._dates.clear()
        for *_, memo in self._totals:
            memo.clear()

    # -- a situation not seen before ---------------------------------------------------------

    def _verdict(self, key: Any, cells: list[str]) -> Verdict:
        """Decide a row not seen before (`key`: its decision cells); a row with a
        problem is read cell by cell."""
        texts = self._static_key(cells)
        static = self._statics.get(texts, _UNREAD)
        if static is _UNREAD:
            static = self._static(texts)
            remember(self._statics, texts, static, SITUATION_MEMO)
        verdict = self._quick_verdict(static, cells) if isinstance(static, Static) else None
        if verdict is None:
            verdict = self._read_cells(cells)
        if self._memo is not None:
            self._remember_row(self._memo, key, verdict)
        return verdict

    def _remember_row(self, memo: dict[Any, Verdict], key: Any, verdict: Verdict) -> None:
        """Remember a whole row's verdict. When the first ROW_MEMO new rows show that
        whole rows seldom repeat (every person in a situation of their own), stop:
        looking up rows that never come again costs more than the few it saves."""
        self._misses += 1
        if self._misses == ROW_MEMO and self._looked * (1 - ROW_HITS_WORTH) < ROW_MEMO:
            self._memo = None
            return
        remember(memo, key, verdict, ROW_MEMO)

    def _quick_verdict(self, static: Static, cells: list[str]) -> Verdict | None:
        """The verdict on a row whose education, grade and organisation are compiled:
        its grade date and totals read through their memos; None if any has a problem."""
        since_text = cells[self._since] if self._since is not None else ""
        since: dt.date | None = None
        early: tuple[Problem, ...] = ()
        if static.grade is None:
            if since_text and since_text.strip():  # a date without a grade
                return None
        else:
            dated = self._dates.get(since_text, _UNREAD)
            if dated is _UNREAD:
                dated = self._read("level_since", since_text, self._dates)
            if dated is _WRONG or dated is None:  # a grade needs its date
                return None
            since, early = dated
        starts: list[dt.date | None] = [None] * len(TOTAL_KINDS)
        for column, position, place, memo in self._totals:
            text = cells[position]
            start = memo.get(text, _UNREAD)
            if start is _UNREAD:
                start = self._read(column, text, memo)
            if start is _WRONG:
                return None
            starts[place] = start
        decision = self._quick.decide(static.shape, since, tuple(starts))
        warnings = static.warnings
        if early:
            warnings = (*early, *warnings)
        return self._verdict_of(decision, static.grade, warnings)

    def _read(self, column: str, text: str, memo: dict[str, Any]) -> Any:
        """A date or total cell's value as the quick path uses it, or _WRONG; remembered
        in the column's memo. A total is the day its service began; a grade's date comes
        with the warnings it gives alone (None when empty)."""
        problems: list[Problem] = []
        value = self._cells.value(column, text.strip(), problems)
        if problems:
            value = _WRONG
        elif column in TOTALS:
            value = self._quick.start(value)
        elif value is not None:
            value = (value, self._labelled(early_warnings(value)))
        remember(memo, text, value, CELL_MEMO)
        return value

    def _static(self, texts: tuple[str, ...]) -> Static | None:
        """Compile a row's education, grade and organisation cells; None if any has a
        problem (the row is then read cell by cell)."""
        raw = dict.fromkeys(STATIC_COLUMNS, "")
        raw.update(zip(self._static_columns, (t.strip() for t in texts), strict=True))
        problems: list[Problem] = []
        diplomas = self._cells.diplomas(
            raw["education_level"], raw["education_code"], raw["education_field"], problems
        )
        grade = self._grade(raw["current_level"], diplomas, problems)
        organization = self._cells.value("organization", raw["organization"], problems)
        if problems or diplomas is None:
            return None
        warnings: tuple[Problem, ...] = ()
        if grade is not None:
            found = significance_warnings(grade, organization, self.standard.rules)
            warnings = self._labelled(found)
        return Static(grade, self._quick.shape(diplomas, grade, organization), warnings)

    def _grade(self, text: str, diplomas: Diplomas | None, problems: list[Problem]) -> Any:
        """The grade cell's level: a category word is placed on the card the diplomas
        point to ("вторая категория")."""
        grade = self._cells.value("current_level", text, problems)
        if isinstance(grade, Category):
            placed = (
                self._cells.place(grade, diplomas, self.layout.label("current_level"))
                if diplomas is not None
                else None
            )
            grade = placed if isinstance(placed, str) else None
            problems += [placed] if isinstance(placed, tuple) else []
        return grade

    def _read_cells(self, cells: list[str]) -> Verdict:
        """Read every decision cell of a row, naming each problem, then decide."""
        raw = {c: cells[self.layout.index[c]].strip() for c in self._columns}
        problems: list[Problem] = []
        read = self._cells.value
        diplomas = self._cells.diplomas(
            raw.get("education_level", ""),
            raw.get("education_code", ""),
            raw.get("education_field", ""),
            problems,
        )
        grade = self._grade(raw.get("current_level", ""), diplomas, problems)
        since = read("level_since", raw.get("level_since", ""), problems)
        read_totals = {kind: read(c, raw.get(c, ""), problems) for c, kind in TOTALS.items()}
        organization = read("organization", raw.get("organization", ""), problems)
        label = self.layout.label
        if raw.get("current_level") and not raw.get("level_since"):
            problems.append(problem(label("level_since"), "error.roster_since_needed"))
        if raw.get("level_since") and not raw.get("current_level"):
            problems.append(
                problem(
                    label("level_since"), "error.roster_since_alone", column=label("current_level")
                )
            )
        if problems or diplomas is None:
            return Verdict(problems=tuple(problems))
        current = Held(grade, since) if grade is not None and since is not None else None
        totals = tuple(read_totals[kind] for kind in TOTAL_KINDS)
        decision = self._quick.row(diplomas, current, totals, organization)
        warnings: tuple[Problem, ...] = ()
        if grade is not None:
            found = held_warnings(grade, since, organization, self.standard.rules)
            warnings = self._labelled(found)
        return self._verdict_of(decision, grade, warnings)

    def _labelled(self, found: list[Problem]) -> tuple[Problem, ...]:
        """Warnings named by the file's columns."""
        label = self.layout.label
        return tuple(w._replace(where=label(_COLUMN_OF.get(w.where, w.where))) for w in found)

    def _verdict_of(
        self, decision: Next | None, held: Level | None, warnings: tuple[Problem, ...]
    ) -> Verdict:
        """The engine's decision as a Verdict: one Verdict for equal results, which keeps
        memory small and lets each row's texts be worked out once."""
        said = tuple((w.where, w.key, *w.values.items()) for w in warnings) if warnings else ()
        result = (decision, held, said)
        verdict = self._verdicts.get(result)
        if verdict is None:
            if decision is None:
                verdict = Verdict(grade=held, warnings=warnings)
            else:
                verdict = Verdict(
                    next_level=decision.level,
                    status=str(decision.status),
                    eligible_on=decision.eligible_on,
                    missing=decision.missing,
                    grade=held,
                    warnings=warnings,
                    deciding=decision.deciding,
                )
            remember(self._verdicts, result, verdict, SITUATION_MEMO)
        return verdict


def _getter(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The texts of a row at `positions`, as a tuple."""
    if len(positions) > 1:
        return itemgetter(*positions)
    return lambda cells: tuple(cells[p] for p in positions)
