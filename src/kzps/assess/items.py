"""What a card says a worker must show, each item with an identifier taken from the
standard's own numbering: labour function 1, its skill 2, that skill's third ability
is `11.F1.S2.A3`; its first knowledge item `11.F1.S2.K1`; the card's fourth personal
competency `11.PC4`.

The identifiers never depend on where a row stands on a sheet, so a sheet made by one
kzps version is read by the next, and two sheets of one card compare item by item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, NamedTuple

from kzps.errors import UsageError, problem

if TYPE_CHECKING:
    from kzps.standard.records import Localized
    from kzps.standard.text import CardText, LabourFunction, Skill, StandardText

ItemKind = Literal["ability", "knowledge", "competency"]
#: Any identifier a sheet may carry: a function, a skill, an item, the competencies.
ID_PATTERN = re.compile(r"^(9|1[0-3])\.(F\d+(\.S\d+(\.[AK]\d+)?)?|PC\d*)$")


class Item(NamedTuple):
    """One thing to assess: an ability, a knowledge item or a personal competency."""

    id: str
    kind: ItemKind
    number: int
    text: Localized


class SkillItems(NamedTuple):
    """A skill (дағды) with its abilities (машықтар) and knowledge (білімі)."""

    id: str
    number: int
    name: Localized
    abilities: tuple[Item, ...]
    knowledge: tuple[Item, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """The abilities, then the knowledge, as the card lists them."""
        return self.abilities + self.knowledge


class FunctionItems(NamedTuple):
    """A labour function, mandatory or additional, and its skills."""

    id: str
    number: int
    name: Localized
    mandatory: bool
    skills: tuple[SkillItems, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every skill of the function."""
        return tuple(item for skill in self.skills for item in skill.items)


class CardItems(NamedTuple):
    """Everything a sheet for one card asks about, with the card's non-formal education
    (the courses the standard links to), which training needs point to."""

    card: int
    title: Localized
    functions: tuple[FunctionItems, ...]
    competencies: tuple[Item, ...]
    nonformal: tuple[Localized, ...]

    @property
    def competencies_id(self) -> str:
        """The identifier of the personal competencies as a group: `11.PC`."""
        return f"{self.card}.PC"

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item to assess, in the card's order."""
        return tuple(i for f in self.functions for i in f.items) + self.competencies

    def skills(self) -> tuple[SkillItems, ...]:
        """Every skill of every function."""
        return tuple(s for f in self.functions for s in f.skills)


def card_items(card: CardText) -> CardItems:
    """The card's items, numbered as the standard numbers them. The first functions are
    the mandatory ones (the card lists them first), the rest additional."""
    mandatory = len(card.mandatory_functions)
    functions = tuple(
        _function(card.paragraph, function, i < mandatory)
        for i, function in enumerate(card.functions)
    )
    competencies = tuple(
        Item(f"{card.paragraph}.PC{n}", "competency", n, text)
        for n, text in enumerate(card.personal_competencies, start=1)
    )
    return CardItems(card.paragraph, card.title, functions, competencies, card.nonformal)


def _function(card: int, function: LabourFunction, mandatory: bool) -> FunctionItems:
    key = f"{card}.F{function.number}"
    skills = tuple(_skill(key, skill) for skill in function.skills)
    return FunctionItems(key, function.number, function.name, mandatory, skills)


def _skill(function_id: str, skill: Skill) -> SkillItems:
    key = f"{function_id}.S{skill.number}"
    abilities = tuple(
        Item(f"{key}.A{n}", "ability", n, text) for n, text in enumerate(skill.abilities, start=1)
    )
    knowledge = tuple(
        Item(f"{key}.K{n}", "knowledge", n, text) for n, text in enumerate(skill.knowledge, start=1)
    )
    return SkillItems(key, skill.number, skill.name, abilities, knowledge)


def find_card(text: StandardText, card_id: str, among: tuple[int, ...] = ()) -> CardText:
    """The card a paragraph number (9–13) or an occupation code names. An occupation code
    on several cards (2413-9-005 is on cards 10 and 11) needs `among` (the cards of the
    grade asked for) to choose one; otherwise it is a usage error naming them."""
    wanted = card_id.strip()
    found = [c for c in text.cards if wanted in {str(c.paragraph), *c.occupation_codes}]
    if among:
        found = [c for c in found if c.paragraph in among] or found
    if len(found) == 1:
        return found[0]
    if found:
        cards = [c.paragraph for c in found]
        raise UsageError(
            "card", [problem("", "error.sheet_card_ambiguous", value=card_id, cards=cards)]
        )
    known = ", ".join(f"{c.paragraph} ({', '.join(c.occupation_codes)})" for c in text.cards)
    raise UsageError("card", [problem("", "error.no_card", value=card_id, known=known)])
