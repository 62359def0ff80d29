"""Models of the standard's rules (the first document of cards.yaml).

Every number the engine uses lives in these models, read from the data file, each
rule with the paragraph of the standard it comes from. Cross-checks run once, when
the file is loaded: a grade that is referenced must exist, codes must be well formed.
The annotations are evaluated as the module loads (no `from __future__`): typing
makes named tuples faster from real types than from strings, and every run that
reads the rules builds these classes.
"""

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple

from kzps.errors import InvalidValueError
from kzps.standard.schema import Before, Bounds, MinLength, Pattern, record

#: A TVET (7 digits) or higher-education (6B, 7M, 8D …) classifier code, normalised.
CODE_PATTERN = r"^(\d{7}|[5-8][A-Z]\d{2,6})$"
GRADE_CODE_PATTERN = r"^\d(\.\d)?$"
#: Where a rule comes from: the standard's paragraph, a documented decision of RULES.md,
#: or an organisation's overlay (its name and the key inside it).
SOURCE_PATTERN = r"^(para \d+(, para \d+)*|RULES §\d.*|overlay .+)"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"

Code = Annotated[str, Pattern(CODE_PATTERN)]
GradeCode = Annotated[str, Pattern(GRADE_CODE_PATTERN)]
Source = Annotated[str, Pattern(SOURCE_PATTERN)]
NonEmpty = Annotated[str, MinLength(1)]
Key = Annotated[str, Pattern(KEY_PATTERN)]


class Language(StrEnum):
    """The languages kzps speaks; Kazakh is the standard's own."""

    KK = "kk"
    RU = "ru"
    EN = "en"


@record
class Localized(NamedTuple):
    """A label in the three languages; ru and en are unofficial translations."""

    kk: NonEmpty
    ru: NonEmpty
    en: NonEmpty

    def in_(self, lang: Language | str) -> str:
        """The label in `lang`."""
        return str(getattr(self, str(lang)))


@record
class EducationLevel(NamedTuple):
    """A level of professional education, ranked lowest first (RULES §3)."""

    key: str
    rank: Annotated[int, Bounds(ge=1)]
    label: Localized
    aliases: tuple[str, ...] = ()


@record
class Significance(NamedTuple):
    """An organisation's significance, the N of 8.3-N and 8.2-N (paras 12, 13)."""

    number: Annotated[int, Bounds(ge=1, le=9)]
    key: str
    label: Localized
    source: Source


@record
class StudyField(NamedTuple):
    """A field of study for cards 12–13, recognised by code prefixes."""

    key: str
    prefixes: tuple[Code, ...]
    label: Localized
    source: Source
    decision: bool = True


@record
class CodeName(NamedTuple):
    """A classifier code the standard lists, with its name."""

    code: Code
    name: Localized
    source: Source


@record
class Predecessor(NamedTuple):
    """An unlisted code that probably corresponds to a listed one: it gives needs_review."""

    code: Code
    corresponds_to: Code
    name: Localized
    source: NonEmpty
    note: Literal["unofficial"]


@record
class PostgraduateRule(NamedTuple):
    """Postgraduate codes count for the same direction as the bachelor's prefix (RULES §3)."""

    bachelor_prefix: str
    equivalents: tuple[str, ...]
    source: Source


@record
class ExperienceKind(NamedTuple):
    """A kind of experience and which grades' time counts as it (RULES §4)."""

    key: str
    label: Localized
    source: Source
    counted_from: tuple[GradeCode, ...] | Literal["all"] = ()


@record
class EducationRequirement(NamedTuple):
    """What diploma a grade needs: a minimum level and either codes or fields."""

    min_level: str
    source: Source
    text: Localized
    codes: tuple[Code, ...] = ()
    fields: tuple[str, ...] = ()
    relaxed: bool = False


@record
class ExperienceRequirement(NamedTuple):
    """At least `years` of one kind of experience."""

    kind: str
    years: Annotated[int, Bounds(gt=0)]
    source: Source
    text: Localized | None = None  # an overlay's requirement may come without words
    grades: tuple[GradeCode, ...] = ()
    relaxed: bool = False


@record
class Silence(NamedTuple):
    """A requirement the standard does not state: the result is needs_review."""

    requirement: Literal["experience"]
    source: Source
    text: Localized


@record
class GradePath(NamedTuple):
    """One way to a grade: its education and its experience, all required."""

    key: str
    label: Localized
    education: EducationRequirement
    experience: tuple[ExperienceRequirement, ...] = ()
    silent: Silence | None = None


@record
class Grade(NamedTuple):
    """An SBSh level of the standard, with its requirements and the next step up."""

    code: GradeCode
    card: Annotated[int, Bounds(ge=9, le=13)]
    category: str
    label: Localized
    paths: Annotated[tuple[GradePath, ...], MinLength(1)]
    source: Source
    significance: bool = False
    next: GradeCode | None = None
    implies: tuple[GradeCode, ...] = ()


@record
class Card(NamedTuple):
    """A card's identity and labels; its full text is in the second document."""

    paragraph: Annotated[int, Bounds(ge=9, le=13)]
    occupation_codes: tuple[str, ...]
    title: Localized
    professions: tuple[Localized, ...]


@record
class Derived(NamedTuple):
    """Senior, leading and chief specialists: not in the standard, para 7 gives a range."""

    positions: tuple[Localized, ...]
    base_grades: tuple[GradeCode, ...]
    extra_years_min: Annotated[int, Bounds(ge=1)]
    extra_years_max: Annotated[int, Bounds(ge=1)]
    source: Source
    text: Localized


@record
class Position(NamedTuple):
    """A derived position (para 7) an organisation defines: a grade's rules plus more."""

    key: Key
    label: Localized
    base: GradeCode
    experience: Annotated[tuple[ExperienceRequirement, ...], MinLength(1)]
    source: Source
    relaxed: bool = False


@record
class Equivalence(NamedTuple):
    """An organisation's reading of an unlisted code as a listed one."""

    code: Code
    counts_as: Code
    source: Source
    note: str | None = None


@record
class OverlayRef(NamedTuple):
    """An organisation overlay that has been applied to these rules."""

    name: str
    version: str
    allow_relaxation: bool = False


def _share(value: object) -> object:
    """A share of a sheet's items: a number from 0 to 1."""
    if isinstance(value, int | float) and not isinstance(value, bool) and not 0 <= value <= 1:
        raise InvalidValueError(
            "share_range", "expected a share from 0 to 1, got {value}", value=value
        )
    return value


Share = Annotated[float, Before(_share, json={"type": "number", "minimum": 0, "maximum": 1})]


@record
class AssessmentRule(NamedTuple):
    """How an organisation decides an attestation sheet; the standard sets no pass mark,
    so without one `kzps assess` says needs_review. `source` names the overlay."""

    pass_share: Share
    source: Source
    every_function: bool = False
    partly_counts_as: Share = 0.0


@record
class Order(NamedTuple):
    """A ministerial order that approved or amended the standard."""

    number: str
    date: dt.date
    in_force: dt.date | None = None
    paragraphs: tuple[int, ...] = ()


@record
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


@record
class CellWords(NamedTuple):
    """The words HR writes in a staff list's cells, by column, for each of this file's
    keys (education levels, fields, significances, grade categories)."""

    source: Source
    education_level: Mapping[str, tuple[str, ...]]
    education_field: Mapping[str, tuple[str, ...]]
    organization: Mapping[str, tuple[str, ...]]
    category: Mapping[str, tuple[str, ...]]


@record
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
    assessment: AssessmentRule | None = None
    cell_words: CellWords | None = None
