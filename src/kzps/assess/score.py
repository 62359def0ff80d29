"""A filled sheet's marks, counted per labour function and skill, and the training needs
they show. Pure: marks by identifier in, counts and shares out.

The share demonstrated is taken over every item of a group, the ones not assessed
included: an item nobody looked at is never counted as shown. A "partly" is worth
nothing unless an organisation's rule says otherwise (`partly_counts_as`); the standard
says nothing on it (para 1 leaves assessment material to employers and certification
bodies).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kzps.assess.items import CardItems, Item, SkillItems
    from kzps.standard.records import Localized


class Mark(StrEnum):
    """What the assessor found for one item."""

    DEMONSTRATED = "demonstrated"
    PARTLY = "partly"
    NOT_DEMONSTRATED = "not_demonstrated"
    NOT_ASSESSED = "not_assessed"


#: Marks that make an item a gap to train for.
GAPS = (Mark.NOT_DEMONSTRATED, Mark.PARTLY)


class Tally(NamedTuple):
    """How many items of a group got each mark."""

    demonstrated: int = 0
    partly: int = 0
    not_demonstrated: int = 0
    not_assessed: int = 0

    @property
    def items(self) -> int:
        """Every item of the group."""
        return self.demonstrated + self.partly + self.not_demonstrated + self.not_assessed

    def share(self, partly_counts_as: float = 0.0) -> float:
        """The share demonstrated, over every item (those not assessed included)."""
        if not self.items:
            return 0.0
        return (self.demonstrated + self.partly * partly_counts_as) / self.items


def tally(marks: Iterable[Mark]) -> Tally:
    """The marks counted."""
    counts = dict.fromkeys(Mark, 0)
    for mark in marks:
        counts[mark] += 1
    return Tally(
        counts[Mark.DEMONSTRATED],
        counts[Mark.PARTLY],
        counts[Mark.NOT_DEMONSTRATED],
        counts[Mark.NOT_ASSESSED],
    )


class Marked(NamedTuple):
    """An item and its mark."""

    item: Item
    mark: Mark


class GroupScore(NamedTuple):
    """A skill, a labour function, the competencies or the whole sheet: its counts, its
    share demonstrated, and its items by mark."""

    id: str
    name: Localized | None
    tally: Tally
    share: float
    marked: tuple[Marked, ...]

    def with_mark(self, *marks: Mark) -> tuple[Item, ...]:
        """The items that got one of `marks`."""
        return tuple(m.item for m in self.marked if m.mark in marks)

    @property
    def gaps(self) -> tuple[Marked, ...]:
        """The items not demonstrated or only partly."""
        return tuple(m for m in self.marked if m.mark in GAPS)


class FunctionScore(NamedTuple):
    """A labour function's score and its skills' scores."""

    group: GroupScore
    mandatory: bool
    skills: tuple[GroupScore, ...]


class TrainingNeed(NamedTuple):
    """A skill with gaps and the non-formal education the card links to it."""

    skill: GroupScore
    courses: tuple[Localized, ...]


class Score(NamedTuple):
    """A whole sheet scored."""

    card: int
    functions: tuple[FunctionScore, ...]
    competencies: GroupScore
    total: GroupScore
    needs: tuple[TrainingNeed, ...]
    partly_counts_as: float


def score(items: CardItems, marks: Mapping[str, Mark], partly_counts_as: float = 0.0) -> Score:
    """The sheet's marks counted per function and skill; an item without a mark counts as
    not assessed."""

    def group(key: str, name: Localized | None, members: Iterable[Item]) -> GroupScore:
        marked = tuple(Marked(i, marks.get(i.id, Mark.NOT_ASSESSED)) for i in members)
        counted = tally(m.mark for m in marked)
        return GroupScore(key, name, counted, counted.share(partly_counts_as), marked)

    functions = tuple(
        FunctionScore(
            group(f.id, f.name, f.items),
            f.mandatory,
            tuple(group(s.id, s.name, s.items) for s in f.skills),
        )
        for f in items.functions
    )
    competencies = group(items.competencies_id, None, items.competencies)
    total = group(str(items.card), items.title, items.items)
    needs = training_needs(items.skills(), functions, items.nonformal)
    return Score(items.card, functions, competencies, total, needs, partly_counts_as)


def training_needs(
    skills: tuple[SkillItems, ...],
    functions: tuple[FunctionScore, ...],
    courses: tuple[Localized, ...],
) -> tuple[TrainingNeed, ...]:
    """The skills with an item not demonstrated or partly, in the card's order, each with
    the card's non-formal education (the standard links courses to the card as a whole)."""
    scored = {s.id: s for f in functions for s in f.skills}
    return tuple(TrainingNeed(scored[s.id], courses) for s in skills if scored[s.id].gaps)
