"""Models of the standard's text, quoted verbatim (the second document of cards.yaml).

Nothing here decides anything: these models carry the Kazakh original so that
`kzps card` can show it and a test can compare it line by line with the source.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from kzps.standard.records import NonEmpty
from kzps.standard.schema import Bounds, record

Number = Annotated[int, Bounds(ge=1)]
Paragraph = Annotated[int, Bounds(ge=9, le=13)]


@record
class Numbered(NamedTuple):
    """One numbered item of the source, e.g. a term of para 2 or a line of para 8."""

    number: Number
    text: NonEmpty


@record
class ParagraphText(NamedTuple):
    """A numbered paragraph of the standard, its lines (sub-items included) as printed."""

    number: Number
    lines: tuple[str, ...]


@record
class Abbreviation(NamedTuple):
    """One abbreviation of para 3."""

    number: Number
    abbreviation: str
    meaning: str


@record
class OkedEntry(NamedTuple):
    """One line of para 6: a section, division, group, class or subclass of OKED."""

    code: str
    name: str


@record
class GradeLine(NamedTuple):
    """One line of a card's "СБШ бойынша біліктілік деңгейі" section."""

    level: str
    text: str


@record
class EducationLine(NamedTuple):
    """One line of a card's professional-education section; `code` as printed."""

    name: str
    code: str | None = None


@record
class Skill(NamedTuple):
    """A skill (дағды) with its abilities (машықтар) and knowledge (білімі)."""

    number: Number
    name: str
    abilities: tuple[str, ...]
    knowledge: tuple[str, ...]
    recognition: tuple[str, ...] = ()


@record
class LabourFunction(NamedTuple):
    """A labour function (еңбек функциясы) and its skills."""

    number: Number
    name: str
    skills: tuple[Skill, ...]


@record
class RelatedProfession(NamedTuple):
    """One row of "СБШ шеңберінде басқа кәсіптермен байланыс"."""

    name: str
    level: str | None = None
    level_note: str | None = None


@record
class Section(NamedTuple):
    """A titled block of free text lines, quoted as printed."""

    heading: str | None = None
    lines: tuple[str, ...] = ()


@record
class CardText(NamedTuple):
    """Everything a card (paras 9–13) says, verbatim."""

    paragraph: Paragraph
    title: str
    group_code: str
    occupation_codes: tuple[str, ...]
    professions: tuple[str, ...]
    grades: tuple[GradeLine, ...]
    qualification: Section
    education: Section
    experience: Section
    nonformal: tuple[str, ...]
    other_names: tuple[str, ...]
    main_purpose: str
    mandatory_functions: tuple[str, ...]
    additional_functions: tuple[str, ...]
    functions: tuple[LabourFunction, ...]
    personal_competencies: tuple[str, ...]
    technical_regulations: tuple[str, ...]
    related: tuple[RelatedProfession, ...]
    grades_heading: str | None = None
    education_codes: tuple[EducationLine, ...] = ()


@record
class StandardText(NamedTuple):
    """The second document of cards.yaml: the standard's text, complete and verbatim."""

    general: tuple[ParagraphText, ...]
    terms: tuple[Numbered, ...]
    abbreviations: tuple[Abbreviation, ...]
    oked: tuple[OkedEntry, ...]
    card_list: tuple[Numbered, ...]
    cards: tuple[CardText, ...]
    technical_data: tuple[ParagraphText, ...]
