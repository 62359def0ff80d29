"""Sheets assessed, one by one and for a whole unit: which skills most people lack, with
the courses the standard links to — the input for the training plan para 1 speaks of.
Pure: filled sheets in, scores and a summary out.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from kzps.assess.rule import Verdict, verdict
from kzps.assess.score import Score, score

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kzps.assess.read import FilledSheet
    from kzps.standard.records import AssessmentRule, Localized


class Assessment(NamedTuple):
    """One filled sheet, scored, with its verdict."""

    sheet: FilledSheet
    score: Score
    verdict: Verdict

    @property
    def person(self) -> str:
        """Who the sheet is about, as the header names them (else the file)."""
        header = self.sheet.header
        if header.name and header.person_id:
            return f"{header.name} ({header.person_id})"
        return header.name or header.person_id or self.sheet.origin


def assess(sheet: FilledSheet, rule: AssessmentRule | None) -> Assessment:
    """A sheet scored (a partly worth what the rule says, else nothing) and decided."""
    scored = score(sheet.items, sheet.mark_of(), rule.partly_counts_as if rule else 0.0)
    return Assessment(sheet, scored, verdict(scored, rule))


class TeamNeed(NamedTuple):
    """A skill (or a personal competency) some people of the unit lack, out of `of`
    people assessed on its card."""

    id: str
    card: int
    name: Localized | None
    people: tuple[str, ...]
    courses: tuple[Localized, ...]
    of: int = 0


class Team(NamedTuple):
    """A unit's sheets and its training needs, the most widely lacking first."""

    assessments: tuple[Assessment, ...]
    needs: tuple[TeamNeed, ...]
    competencies: tuple[TeamNeed, ...]


def team(assessments: Iterable[Assessment]) -> Team:
    """The unit's needs: for each skill with a gap on anyone's sheet, who lacks it."""
    done = tuple(assessments)
    skills: dict[str, tuple[TeamNeed, int]] = {}
    traits: dict[str, tuple[TeamNeed, int]] = {}
    for one in done:
        items = one.sheet.items
        for need in one.score.needs:
            skill = need.skill
            order = [s.id for s in items.skills()].index(skill.id)
            _add(skills, skill.id, items.card, skill.name, one.person, need.courses, order)
        for gap in one.score.competencies.gaps:
            item = gap.item
            _add(traits, item.id, items.card, item.text, one.person, (), item.number)
    on_card = Counter(one.sheet.items.card for one in done)
    return Team(done, _ranked(skills, on_card), _ranked(traits, on_card))


def _add(
    found: dict[str, tuple[TeamNeed, int]],
    key: str,
    card: int,
    name: Localized | None,
    person: str,
    courses: tuple[Localized, ...],
    order: int,
) -> None:
    if key in found:
        need, at = found[key]
        found[key] = (need._replace(people=(*need.people, person)), at)
    else:
        found[key] = (TeamNeed(key, card, name, (person,), courses), order)


def _ranked(found: dict[str, tuple[TeamNeed, int]], on_card: Counter[int]) -> tuple[TeamNeed, ...]:
    """Most people first, then the largest share of their card's people; then by card,
    and in the card's order."""

    def rank(pair: tuple[TeamNeed, int]) -> tuple[int, float, int, int]:
        need, order = pair
        return (-len(need.people), -len(need.people) / on_card[need.card], need.card, order)

    ranked = sorted(found.values(), key=rank)
    return tuple(need._replace(of=on_card[need.card]) for need, _ in ranked)
