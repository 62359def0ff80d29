"""Models of the standard's text, quoted verbatim (the second document of cards.yaml).

Nothing here decides anything: these models carry the Kazakh original so that
`kzps card` can show it and a test can compare it line by line with the source.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    """A strict, immutable model: an unknown key is an error that names its path."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Numbered(Frozen):
    """One numbered item of the source, e.g. a term of para 2 or a line of para 8."""

    number: int = Field(ge=1)
    text: str = Field(min_length=1)


class ParagraphText(Frozen):
    """A numbered paragraph of the standard, its lines (sub-items included) as printed."""

    number: int = Field(ge=1)
    lines: tuple[str, ...]


class Abbreviation(Frozen):
    """One abbreviation of para 3."""

    number: int = Field(ge=1)
    abbreviation: str
    meaning: str


class OkedEntry(Frozen):
    """One line of para 6: a section, division, group, class or subclass of OKED."""

    code: str
    name: str


class GradeLine(Frozen):
    """One line of a card's "СБШ бойынша біліктілік деңгейі" section."""

    level: str
    text: str


class EducationLine(Frozen):
    """One line of a card's professional-education section; `code` as printed."""

    code: str | None = None
    name: str


class Skill(Frozen):
    """A skill (дағды) with its abilities (машықтар) and knowledge (білімі)."""

    number: int = Field(ge=1)
    name: str
    abilities: tuple[str, ...]
    knowledge: tuple[str, ...]
    recognition: tuple[str, ...] = ()


class LabourFunction(Frozen):
    """A labour function (еңбек функциясы) and its skills."""

    number: int = Field(ge=1)
    name: str
    skills: tuple[Skill, ...]


class RelatedProfession(Frozen):
    """One row of "СБШ шеңберінде басқа кәсіптермен байланыс"."""

    level: str | None = None
    level_note: str | None = None
    name: str


class Section(Frozen):
    """A titled block of free text lines, quoted as printed."""

    heading: str | None = None
    lines: tuple[str, ...] = ()


class CardText(Frozen):
    """Everything a card (paras 9–13) says, verbatim."""

    paragraph: int = Field(ge=9, le=13)
    title: str
    group_code: str
    occupation_codes: tuple[str, ...]
    professions: tuple[str, ...]
    grades_heading: str | None = None
    grades: tuple[GradeLine, ...]
    qualification: Section
    education: Section
    education_codes: tuple[EducationLine, ...] = ()
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


class StandardText(Frozen):
    """The second document of cards.yaml: the standard's text, complete and verbatim."""

    general: tuple[ParagraphText, ...]
    terms: tuple[Numbered, ...]
    abbreviations: tuple[Abbreviation, ...]
    oked: tuple[OkedEntry, ...]
    card_list: tuple[Numbered, ...]
    cards: tuple[CardText, ...]
    technical_data: tuple[ParagraphText, ...]
