"""Roster rows checked: each row's cells become a Candidate, directly, and the engine of
`kzps check` decides it. Decisions are remembered on what they depend on, so a staff
list of many people in few distinct situations costs little more than reading it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from kzps.decide.candidate import Candidate, Held, Totals
from kzps.decide.plausible import implausible
from kzps.decide.quick import QuickDecider
from kzps.errors import Problem, problem
from kzps.roster.cells import Category, CellReader, Diplomas, remember
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
        positions = [layout.index[c] for c in self._columns]
        self._key: Callable[[list[str]], Any] = itemgetter(*positions)
        self._memo: dict[Any, Verdict] = {}
        self._decisions: dict[tuple[Any, ...], Verdict] = {}
        self._verdicts: dict[tuple[Any, ...], Verdict] = {}
        self._cells = CellReader(standard, as_of, layout.label)
        self._quick = QuickDecider(standard, as_of)
        self._repeats = repeats or None  # None when nothing repeats: the hot path skips it
        self._seen = seen
        self._relevance: dict[Level | None, tuple[tuple[str, ...], bool]] = {}

    # -- every row (the hot path) ------------------------------------------------------------

    def check(self, cells: list[str]) -> Verdict:
        """The verdict on one row; masks its IIN in place unless --show-iin."""
        if len(cells) != self._width:
            return self._misshapen(cells)
        verdict = self._memo.get(self._key(cells)) or self._verdict(cells)
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

    # -- a situation not seen before ---------------------------------------------------------

    def _verdict(self, cells: list[str]) -> Verdict:
        """Read the decision cells, then decide (or recall) the situation they describe."""
        raw = {c: cells[self.layout.index[c]].strip() for c in self._columns}
        problems: list[Problem] = []
        read = self._cells.value
        diplomas = self._cells.diplomas(
            raw.get("education_level", ""),
            raw.get("education_code", ""),
            raw.get("education_field", ""),
            problems,
        )
        grade = read("current_level", raw.get("current_level", ""), problems)
        if isinstance(grade, Category):  # "вторая категория": on the card the diploma names
            placed = (
                self._cells.place(grade, diplomas, self.layout.label("current_level"))
                if diplomas is not None
                else None
            )
            grade = placed if isinstance(placed, str) else None
            problems += [placed] if isinstance(placed, tuple) else []
        since = read("level_since", raw.get("level_since", ""), problems)
        totals = {c: read(c, raw.get(c, ""), problems) for c in TOTALS}
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
            verdict = Verdict(problems=tuple(problems))
        else:
            verdict = self._decision(diplomas, grade, since, totals, organization)
        remember(self._memo, self._key(cells), verdict, ROW_MEMO)
        return verdict

    def _decision(
        self,
        diplomas: Diplomas,
        grade: Level | None,
        since: dt.date | None,
        totals: dict[str, Any],
        organization: str | None,
    ) -> Verdict:
        """Recall or decide a situation, keyed only on what decides the next grade."""
        kinds, organization_matters = self._relevant(grade)
        key = (
            diplomas,
            grade,
            since,
            tuple(totals[c] for c in kinds),
            organization if organization_matters else None,
        )
        verdict = self._decisions.get(key)
        if verdict is None:
            candidate = Candidate(
                education=diplomas,
                organization=organization if organization_matters else None,
                current=Held(grade, since) if grade is not None and since is not None else None,
                experience=Totals(**{TOTALS[c]: totals[c] for c in kinds if totals[c]}),
            )
            verdict = self._decide(candidate)
            remember(self._decisions, key, verdict, SITUATION_MEMO)
        return verdict

    def _relevant(self, grade: Level | None) -> tuple[tuple[str, ...], bool]:
        """Which totals, and whether the organisation, can change the next grade's decision."""
        found = self._relevance.get(grade)
        if found is None:
            found = relevant_inputs(self.standard, grade)
            self._relevance[grade] = found
        return found

    def _decide(self, candidate: Candidate) -> Verdict:
        """The engine's decision on one candidate, as a Verdict."""
        decision = self._quick.next(candidate)
        held = candidate.current.level if candidate.current else None
        label = self.layout.label
        warnings = tuple(
            found._replace(where=label(_COLUMN_OF.get(found.where, found.where)))
            for found in implausible(candidate, self.standard, self.as_of)
        )
        said = tuple((w.where, w.key, *w.values.items()) for w in warnings)
        result = (decision, held, said)
        verdict = self._verdicts.get(result)  # one Verdict for equal results: little memory
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


def relevant_inputs(standard: Standard, grade: Level | None) -> tuple[tuple[str, ...], bool]:
    """The total columns, and whether the organisation, that matter for the next grade.

    In the engine a total of one kind counts only for requirements of that kind, and
    the organisation only gives the N of a grade with significance; the other cells of
    a row are still read and checked, but need not tell two situations apart.
    """
    grades = standard.grades
    if grade is None:  # the entry grades are those a path reaches without experience
        targets = [g for g in standard.rules.grades if any(not p.experience for p in g.paths)]
    elif grade.grade in grades:
        following = grades[grade.grade].next
        targets = [grades[following]] if following else []
    else:
        return tuple(TOTALS), True
    kinds = {req.kind for g in targets for p in g.paths for req in p.experience}
    columns = tuple(c for c, kind in TOTALS.items() if kind in kinds)
    held_n = grade is not None and grade.significance is not None  # its warning needs it
    return columns, held_n or any(g.significance for g in targets)
