"""Models of the standard's rules (the first document of cards.yaml).

Every number the engine uses lives in these models, read from the data file, each
rule with the paragraph of the standard it comes from. Cross-checks run once, when
the file is loaded: a grade that is referenced must exist, codes must be well formed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from kzps.errors import Problem, problem

if TYPE_CHECKING:
    # The constrained types the annotations name; pydantic resolves them from
    # kzps.schemas when it builds a validator, so that using the rules needs no pydantic.
    from pydantic import Field

    from kzps.schemas import Code, GradeCode, NonEmpty, Source

#: A TVET (7 digits) or higher-education (6B, 7M, 8D …) classifier code, normalised.
CODE_PATTERN = r"^(\d{7}|[5-8][A-Z]\d{2,6})$"
GRADE_CODE_PATTERN = r"^\d(\.\d)?$"
#: Where a rule comes from: the standard's paragraph, a documented decision of RULES.md,
#: or an organisation's overlay (its name and the key inside it).
SOURCE_PATTERN = r"^(para \d+(, para \d+)*|RULES §\d.*|overlay .+)"


class Language(StrEnum):
    """The languages kzps speaks; Kazakh is the standard's own."""

    KK = "kk"
    RU = "ru"
    EN = "en"


class Localized(NamedTuple):
    """A label in the three languages; ru and en are unofficial translations."""

    kk: NonEmpty
    ru: NonEmpty
    en: NonEmpty

    def in_(self, lang: Language | str) -> str:
        """The label in `lang`."""
        return str(getattr(self, str(lang)))


class EducationLevel(NamedTuple):
    """A level of professional education, ranked lowest first (RULES §3)."""

    key: str
    rank: Annotated[int, Field(ge=1)]
    label: Localized
    aliases: tuple[str, ...] = ()


class Significance(NamedTuple):
    """An organisation's significance, the N of 8.3-N and 8.2-N (paras 12, 13)."""

    number: Annotated[int, Field(ge=1, le=9)]
    key: str
    label: Localized
    source: Source


class StudyField(NamedTuple):
    """A field of study for cards 12–13, recognised by code prefixes."""

    key: str
    prefixes: tuple[Code, ...]
    label: Localized
    source: Source
    decision: bool = True


class CodeName(NamedTuple):
    """A classifier code the standard lists, with its name."""

    code: Code
    name: Localized
    source: Source


class Predecessor(NamedTuple):
    """An unlisted code that probably corresponds to a listed one: it gives needs_review."""

    code: Code
    corresponds_to: Code
    name: Localized
    source: NonEmpty
    note: Literal["unofficial"]


class PostgraduateRule(NamedTuple):
    """Postgraduate codes count for the same direction as the bachelor's prefix (RULES §3)."""

    bachelor_prefix: str
    equivalents: tuple[str, ...]
    source: Source


class ExperienceKind(NamedTuple):
    """A kind of experience and which grades' time counts as it (RULES §4)."""

    key: str
    label: Localized
    source: Source
    counted_from: tuple[GradeCode, ...] | Literal["all"] = ()


class EducationRequirement(NamedTuple):
    """What diploma a grade needs: a minimum level and either codes or fields."""

    min_level: str
    source: Source
    text: Localized
    codes: tuple[Code, ...] = ()
    fields: tuple[str, ...] = ()
    relaxed: bool = False


class ExperienceRequirement(NamedTuple):
    """At least `years` of one kind of experience."""

    kind: str
    years: Annotated[int, Field(gt=0)]
    source: Source
    text: Localized
    grades: tuple[GradeCode, ...] = ()
    relaxed: bool = False


class Silence(NamedTuple):
    """A requirement the standard does not state: the result is needs_review."""

    requirement: Literal["experience"]
    source: Source
    text: Localized


class Path(NamedTuple):
    """One way to a grade: its education and its experience, all required."""

    key: str
    label: Localized
    education: EducationRequirement
    experience: tuple[ExperienceRequirement, ...] = ()
    silent: Silence | None = None


class Grade(NamedTuple):
    """An SBSh level of the standard, with its requirements and the next step up."""

    code: GradeCode
    card: Annotated[int, Field(ge=9, le=13)]
    category: str
    label: Localized
    paths: Annotated[tuple[Path, ...], Field(min_length=1)]
    source: Source
    significance: bool = False
    next: GradeCode | None = None
    implies: tuple[GradeCode, ...] = ()


class Card(NamedTuple):
    """A card's identity and labels; its full text is in the second document."""

    paragraph: Annotated[int, Field(ge=9, le=13)]
    occupation_codes: tuple[str, ...]
    title: Localized
    professions: tuple[Localized, ...]


class Derived(NamedTuple):
    """Senior, leading and chief specialists: not in the standard, para 7 gives a range."""

    positions: tuple[Localized, ...]
    base_grades: tuple[GradeCode, ...]
    extra_years_min: Annotated[int, Field(gt=0)]
    extra_years_max: Annotated[int, Field(gt=0)]
    source: Source
    text: Localized


class Position(NamedTuple):
    """A derived position (para 7) an organisation defines: a grade's rules plus more."""

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Localized
    base: GradeCode
    experience: Annotated[tuple[ExperienceRequirement, ...], Field(min_length=1)]
    source: Source
    relaxed: bool = False


class Equivalence(NamedTuple):
    """An organisation's reading of an unlisted code as a listed one."""

    code: Code
    counts_as: Code
    source: Source
    note: str | None = None


class OverlayRef(NamedTuple):
    """An organisation overlay that has been applied to these rules."""

    name: str
    version: str
    allow_relaxation: bool = False


class Order(NamedTuple):
    """A ministerial order that approved or amended the standard."""

    number: str
    date: dt.date
    in_force: dt.date | None = None
    paragraphs: tuple[int, ...] = ()


class Identity(NamedTuple):
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


class Rules(NamedTuple):
    """The first document of cards.yaml: everything kzps decides with.

    Immutable named tuples: loading them from the cache needs no validation library.
    `kzps.schemas` validates them, and `cross_checks` then checks what a rule names.
    """

    standard: Identity
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
    #: YAML anchors, reused elsewhere in the file.
    anchors: Mapping[str, object] | None = None
    positions: tuple[Position, ...] = ()
    equivalences: tuple[Equivalence, ...] = ()
    overlays: tuple[OverlayRef, ...] = ()


def cross_checks(rules: Rules) -> list[Problem]:
    """What the types cannot say: each requirement's shape, and that every grade,
    level, field, kind, card and code a rule names is defined."""
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
        if bool(edu.codes) == bool(edu.fields):
            problems.append(problem(f"{where}.education", "error.codes_or_fields"))
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
            if (exp.kind == "grade") != bool(exp.grades):
                problems.append(problem(f"{where}.experience[{k}]", "error.grades_for_grade_kind"))
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
