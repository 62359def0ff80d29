"""Models of the standard's text (the second document of cards.yaml): every line in the
Kazakh original, quoted verbatim (the only authentic text), with kzps's own unofficial
Russian and English translations beside it (`Line`: kk, ru, en), and the glossary the
translations keep to.

Nothing here decides anything: `kzps card` shows these lines, and tests compare the
Kazakh with the source line by line and the translations with the glossary.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from kzps.standard.records import Localized
from kzps.standard.schema import Bounds, record

Number = Annotated[int, Bounds(ge=1)]
Paragraph = Annotated[int, Bounds(ge=9, le=13)]
#: A line of the standard: the Kazakh original and its unofficial translations.
Line = Localized


@record
class Numbered(NamedTuple):
    """One numbered item of the source, e.g. a term of para 2 or a line of para 8."""

    number: Number
    text: Line


@record
class ParagraphText(NamedTuple):
    """A numbered paragraph of the standard, its lines (sub-items included) as printed."""

    number: Number
    lines: tuple[Line, ...]


@record
class Abbreviation(NamedTuple):
    """One abbreviation of para 3."""

    number: Number
    abbreviation: Line
    meaning: Line


@record
class OkedEntry(NamedTuple):
    """One line of para 6: a section, division, group, class or subclass of OKED."""

    code: str
    name: Line


@record
class GradeLine(NamedTuple):
    """One line of a card's "СБШ бойынша біліктілік деңгейі" section."""

    level: str
    text: Line


@record
class EducationLine(NamedTuple):
    """One line of a card's professional-education section; `code` as printed."""

    name: Line
    code: str | None = None


@record
class Skill(NamedTuple):
    """A skill (дағды) with its abilities (машықтар) and knowledge (білімі)."""

    number: Number
    name: Line
    abilities: tuple[Line, ...]
    knowledge: tuple[Line, ...]
    recognition: tuple[Line, ...] = ()


@record
class LabourFunction(NamedTuple):
    """A labour function (еңбек функциясы) and its skills."""

    number: Number
    name: Line
    skills: tuple[Skill, ...]


@record
class RelatedProfession(NamedTuple):
    """One row of "СБШ шеңберінде басқа кәсіптермен байланыс"."""

    name: Line
    level: str | None = None
    level_note: str | None = None


@record
class Section(NamedTuple):
    """A titled block of free text lines, quoted as printed."""

    heading: Line | None = None
    lines: tuple[Line, ...] = ()


@record
class CardText(NamedTuple):
    """Everything a card (paras 9–13) says, verbatim."""

    paragraph: Paragraph
    title: Line
    group_code: str
    occupation_codes: tuple[str, ...]
    professions: tuple[Line, ...]
    grades: tuple[GradeLine, ...]
    qualification: Section
    education: Section
    experience: Section
    nonformal: tuple[Line, ...]
    other_names: tuple[Line, ...]
    main_purpose: Line
    mandatory_functions: tuple[Line, ...]
    additional_functions: tuple[Line, ...]
    functions: tuple[LabourFunction, ...]
    personal_competencies: tuple[Line, ...]
    technical_regulations: tuple[Line, ...]
    related: tuple[RelatedProfession, ...]
    grades_heading: Line | None = None
    education_codes: tuple[EducationLine, ...] = ()


@record
class Term(NamedTuple):
    """A glossary entry: a Kazakh term as the text writes it, and the Russian and English
    the translations use for it wherever it appears (with the source of an official one)."""

    kk: str
    ru: str
    en: str
    source: str | None = None


@record
class StandardText(NamedTuple):
    """The second document of cards.yaml: the standard's text, complete and verbatim,
    with its unofficial translations and their glossary."""

    general: tuple[ParagraphText, ...]
    terms: tuple[Numbered, ...]
    abbreviations: tuple[Abbreviation, ...]
    oked: tuple[OkedEntry, ...]
    card_list: tuple[Numbered, ...]
    cards: tuple[CardText, ...]
    technical_data: tuple[ParagraphText, ...]
    glossary: tuple[Term, ...] = ()
