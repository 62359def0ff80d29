"""Models of the standard's rules (the first document of cards.yaml).

Every number the engine uses lives in these models, read from the data file, each
rule with the paragraph of the standard it comes from. Cross-checks run once, when
the file is loaded: a grade that is referenced must exist, codes must be well formed.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from kzps.errors import Problem, problem

#: A TVET (7 digits) or higher-education (6B, 7M, 8D …) classifier code, normalised.
CODE_PATTERN = r"^(\d{7}|[5-8][A-Z]\d{2,6})$"

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
GradeCode = Annotated[str, StringConstraints(pattern=r"^\d(\.\d)?$")]
#: Where a rule comes from: the standard's paragraph, a documented decision of RULES.md,
#: or an organisation's overlay (its name and the key inside it).
Source = Annotated[
    str, StringConstraints(pattern=r"^(para \d+(, para \d+)*|RULES §\d.*|overlay .+)")
]


class Frozen(BaseModel):
    """A strict, immutable model: an unknown key is an error that names its path."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Language(StrEnum):
    """The languages kzps speaks; Kazakh is the standard's own."""

    KK = "kk"
    RU = "ru"
    EN = "en"


class Localized(Frozen):
    """A label in the three languages; ru and en are unofficial translations."""

    kk: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_(self, lang: Language | str) -> str:
        """The label in `lang`."""
        return str(getattr(self, str(lang)))


class EducationLevel(Frozen):
    """A level of professional education, ranked lowest first (RULES §3)."""

    key: str
    rank: int = Field(ge=1)
    aliases: tuple[str, ...] = ()
    label: Localized


class Significance(Frozen):
    """An organisation's significance, the N of 8.3-N and 8.2-N (paras 12, 13)."""

    number: int = Field(ge=1, le=9)
    key: str
    label: Localized
    source: Source


class StudyField(Frozen):
    """A field of study for cards 12–13, recognised by code prefixes."""

    key: str
    prefixes: tuple[Code, ...]
    label: Localized
    source: Source
    decision: bool = True


class CodeName(Frozen):
    """A classifier code the standard lists, with its name."""

    code: Code
    name: Localized
    source: Source


class Predecessor(Frozen):
    """An unlisted code that probably corresponds to a listed one: it gives needs_review."""

    code: Code
    corresponds_to: Code
    name: Localized
    source: str = Field(min_length=1)
    note: Literal["unofficial"]


class PostgraduateRule(Frozen):
    """Postgraduate codes count for the same direction as the bachelor's prefix (RULES §3)."""

    bachelor_prefix: str
    equivalents: tuple[str, ...]
    source: Source


class ExperienceKind(Frozen):
    """A kind of experience and which grades' time counts as it (RULES §4)."""

    key: str
    label: Localized
    counted_from: tuple[GradeCode, ...] | Literal["all"] = ()
    source: Source


class EducationRequirement(Frozen):
    """What diploma a grade needs: a minimum level and either codes or fields."""

    min_level: str
    codes: tuple[Code, ...] = ()
    fields: tuple[str, ...] = ()
    source: Source
    text: Localized
    relaxed: bool = False

    @model_validator(mode="after")
    def _codes_or_fields(self) -> Self:
        if bool(self.codes) == bool(self.fields):
            raise PydanticCustomError(
                "codes_or_fields", "give either codes or fields, not both and not neither"
            )
        return self


class ExperienceRequirement(Frozen):
    """At least `years` of one kind of experience."""

    kind: str
    grades: tuple[GradeCode, ...] = ()
    years: int = Field(gt=0)
    source: Source
    text: Localized
    relaxed: bool = False

    @model_validator(mode="after")
    def _grades_only_for_grade_kind(self) -> Self:
        if (self.kind == "grade") != bool(self.grades):
            raise PydanticCustomError(
                "grades_for_grade_kind", "kind 'grade' needs grades; other kinds take none"
            )
        return self


class Silence(Frozen):
    """A requirement the standard does not state: the result is needs_review."""

    requirement: Literal["experience"]
    source: Source
    text: Localized


class Path(Frozen):
    """One way to a grade: its education and its experience, all required."""

    key: str
    label: Localized
    education: EducationRequirement
    experience: tuple[ExperienceRequirement, ...] = ()
    silent: Silence | None = None


class Grade(Frozen):
    """An SBSh level of the standard, with its requirements and the next step up."""

    code: GradeCode
    card: int = Field(ge=9, le=13)
    category: str
    label: Localized
    significance: bool = False
    next: GradeCode | None = None
    implies: tuple[GradeCode, ...] = ()
    paths: tuple[Path, ...] = Field(min_length=1)
    source: Source


class Card(Frozen):
    """A card's identity and labels; its full text is in the second document."""

    paragraph: int = Field(ge=9, le=13)
    occupation_codes: tuple[str, ...]
    title: Localized
    professions: tuple[Localized, ...]


class Derived(Frozen):
    """Senior, leading and chief specialists: not in the standard, para 7 gives a range."""

    positions: tuple[Localized, ...]
    base_grades: tuple[GradeCode, ...]
    extra_years_min: int = Field(gt=0)
    extra_years_max: int = Field(gt=0)
    source: Source
    text: Localized


class Position(Frozen):
    """A derived position (para 7) an organisation defines: a grade's rules plus more."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Localized
    base: GradeCode
    experience: tuple[ExperienceRequirement, ...] = Field(min_length=1)
    source: Source
    relaxed: bool = False


class Equivalence(Frozen):
    """An organisation's reading of an unlisted code as a listed one."""

    code: Code
    counts_as: Code
    source: Source
    note: str | None = None


class OverlayRef(Frozen):
    """An organisation overlay that has been applied to these rules."""

    name: str
    version: str
    allow_relaxation: bool = False


class Order(Frozen):
    """A ministerial order that approved or amended the standard."""

    number: str
    date: dt.date
    in_force: dt.date | None = None
    paragraphs: tuple[int, ...] = ()


class Identity(Frozen):
    """What the standard is: its code, name, orders, edition and review date."""

    code: Literal["K65301002"]
    name: Localized
    approved: Order
    amended: Order
    edition: dt.date
    oked: tuple[str, ...]
    version: str
    review_date: dt.date
    translations: Localized


class Rules(Frozen):
    """The first document of cards.yaml: everything kzps decides with."""

    standard: Identity
    anchors: dict[str, object] = Field(default_factory=dict, description="YAML anchors, reused")
    cards: tuple[Card, ...]
    education_levels: tuple[EducationLevel, ...]
    significance: tuple[Significance, ...]
    fields: tuple[StudyField, ...]
    postgraduate: PostgraduateRule
    codes: tuple[CodeName, ...]
    predecessors: tuple[Predecessor, ...]
    experience_kinds: tuple[ExperienceKind, ...]
    grades: tuple[Grade, ...]
    derived: Derived
    positions: tuple[Position, ...] = ()
    equivalences: tuple[Equivalence, ...] = ()
    overlays: tuple[OverlayRef, ...] = ()

    @model_validator(mode="after")
    def _references_exist(self) -> Self:
        problems = dangling_references(self)
        if problems:
            raise PydanticCustomError(
                "references",
                "{count} references to names that are not defined",
                {"count": len(problems), "problems": problems},
            )
        return self


def dangling_references(rules: Rules) -> list[Problem]:
    """Every grade, level, field, kind, card and code that a rule names must be defined."""
    grades = {g.code for g in rules.grades}
    listed = {c.code for c in rules.codes}
    problems: list[Problem] = []
    for i, grade in enumerate(rules.grades):
        problems += _grade_references(rules, f"grades[{i}]", grade, grades, listed)
    for i, kind in enumerate(rules.experience_kinds):
        if kind.counted_from != "all":
            problems += [
                problem(f"experience_kinds[{i}].counted_from", "error.ref_grade", value=c)
                for c in kind.counted_from
                if c not in grades
            ]
    for i, pred in enumerate(rules.predecessors):
        if not any(
            pred.corresponds_to.startswith(c) or c.startswith(pred.corresponds_to) for c in listed
        ):
            problems.append(
                problem(
                    f"predecessors[{i}].corresponds_to", "error.ref_code", value=pred.corresponds_to
                )
            )
    return problems


def _grade_references(
    rules: Rules, at: str, grade: Grade, grades: set[str], listed: set[str]
) -> list[Problem]:
    """What one grade names that is not defined."""
    levels = {lv.key for lv in rules.education_levels}
    fields = {f.key for f in rules.fields}
    kinds = {k.key for k in rules.experience_kinds} | {"grade"}
    problems: list[Problem] = []
    if grade.card not in {c.paragraph for c in rules.cards}:
        problems.append(problem(f"{at}.card", "error.ref_card", value=str(grade.card)))
    named = [(f"{at}.next", grade.next)] if grade.next else []
    named += [(f"{at}.implies", code) for code in grade.implies]
    for j, path in enumerate(grade.paths):
        edu, where = path.education, f"{at}.paths[{j}]"
        if edu.min_level not in levels:
            problems.append(
                problem(f"{where}.education.min_level", "error.ref_level", value=edu.min_level)
            )
        problems += [
            problem(f"{where}.education.fields", "error.ref_field", value=f)
            for f in edu.fields
            if f not in fields
        ]
        problems += [
            problem(f"{where}.education.codes", "error.ref_listed", value=c)
            for c in edu.codes
            if c not in listed
        ]
        for k, exp in enumerate(path.experience):
            if exp.kind not in kinds:
                problems.append(
                    problem(f"{where}.experience[{k}].kind", "error.ref_kind", value=exp.kind)
                )
            named += [(f"{where}.experience[{k}].grades", c) for c in exp.grades]
    problems += [
        problem(place, "error.ref_grade", value=code) for place, code in named if code not in grades
    ]
    return problems


_SPACES = re.compile(r"\s+")
_CYRILLIC_TO_LATIN = str.maketrans({"В": "B", "М": "M", "Д": "D", "в": "B", "м": "M", "д": "D"})


def normalize_code(raw: str) -> str:
    """A code as compared: no spaces, upper case, Cyrillic В/М/Д read as Latin B/M/D.

    The standard prints "6В03" with a Cyrillic В (para 11); diplomas use either.
    """
    return _SPACES.sub("", raw).translate(_CYRILLIC_TO_LATIN).upper()
