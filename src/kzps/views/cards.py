"""The standard shown: the list of cards as a rich table, one card as Markdown.
Headings are in the reader's language; nothing is decided here."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from kzps.standard.codes import normalize_code
from kzps.standard.records import Localized as Line
from kzps.views.check import source_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kzps.standard.load import Standard
    from kzps.standard.records import ExperienceRequirement, Grade
    from kzps.standard.text import CardText, Section
    from kzps.words.catalog import Catalog


def cards_table(standard: Standard, words: Catalog) -> RenderableType:
    """Every card: paragraph, occupation codes, profession names, grades."""
    from rich.table import Table

    lang = words.lang
    table = Table(title=standard.rules.standard.name.in_(lang), show_lines=True)
    if lang != "kk":
        table.caption = words.say("cards.translated")
    for header in ("cards.paragraph", "cards.codes", "cards.profession", "cards.grades"):
        table.add_column(words.say(header))
    for card in standard.rules.cards:
        grades = [g for g in standard.rules.grades if g.card == card.paragraph]
        table.add_row(
            str(card.paragraph),
            "\n".join(card.occupation_codes),
            "\n".join(p.in_(lang) for p in card.professions),
            "\n".join(f"{', '.join(standard.instances(g))} — {g.label.in_(lang)}" for g in grades),
        )
    return table


class Block(NamedTuple):
    """A part of a card: a heading and its lines, as the standard orders them."""

    depth: int  # 2: a section, 3: a skill, 4: a label inside a skill
    title: str
    items: tuple[Line | str, ...]
    numbered: bool = False
    key: str | None = None  # a numbered function or skill: its catalog key, its number
    number: int = 0

    def heading(self, words: Catalog, lang: str) -> str:
        """The title; a function's or skill's with its one line, in `lang`."""
        if self.key is None:
            return self.title
        return words.say(self.key, number=self.number, name=said(self.items[0], lang))


def card_blocks(standard: Standard, card: CardText, words: Catalog) -> list[Block]:
    """The card, section by section: headings in the reader's words, lines as written."""
    meta = next(c for c in standard.rules.cards if c.paragraph == card.paragraph)
    grades = [g for g in standard.rules.grades if g.card == card.paragraph]
    codes: list[Line | str] = [
        _coded(e.code, e.name) if e.code else e.name for e in card.education_codes
    ]
    heading = [card.education.heading] if card.education.heading else []
    blocks = [
        Block(2, words.say("card.group_code"), (card.group_code,)),
        Block(2, words.say("card.occupation_codes"), card.occupation_codes),
        Block(2, words.say("card.profession"), card.professions or tuple(meta.professions)),
        Block(2, words.say("card.grades"), tuple(line.text for line in card.grades)),
        Block(2, words.say("card.rules"), tuple(_rule_lines(standard, grades, words))),
        Block(2, words.say("card.qualification"), _section_lines(card.qualification)),
        Block(2, words.say("card.education"), (*heading, *(codes or card.education.lines))),
        Block(2, words.say("card.experience"), _section_lines(card.experience)),
        Block(2, words.say("card.nonformal"), card.nonformal),
        Block(2, words.say("card.other_names"), card.other_names),
        Block(2, words.say("card.main_purpose"), (card.main_purpose,)),
        Block(2, words.say("card.mandatory_functions"), card.mandatory_functions, True),
        Block(2, words.say("card.additional_functions"), card.additional_functions, True),
    ]
    for function in card.functions:
        title = words.say("card.function", number=function.number, name="").rstrip(": ")
        blocks.append(
            Block(2, title, (function.name,), key="card.function", number=function.number)
        )
        for skill in function.skills:
            title = words.say("card.skill", number=skill.number, name="").rstrip(": ")
            blocks.append(Block(3, title, (skill.name,), key="card.skill", number=skill.number))
            blocks.append(Block(4, words.say("card.abilities"), skill.abilities, True))
            blocks.append(Block(4, words.say("card.knowledge"), skill.knowledge, True))
    related = tuple(_related(r.level, r.level_note, r.name) for r in card.related)
    blocks += [
        Block(2, words.say("card.personal"), card.personal_competencies),
        Block(2, words.say("card.regulations"), card.technical_regulations),
        Block(2, words.say("card.related"), related),
    ]
    return blocks


def card_view(
    standard: Standard, card: CardText, words: Catalog, *, original: bool = False
) -> list[RenderableType]:
    """One whole card, section by section, as the standard prints it."""
    from rich.markdown import Markdown

    return [Markdown(card_markdown(standard, card, words, original=original))]


def card_markdown(
    standard: Standard, card: CardText, words: Catalog, *, original: bool = False
) -> str:
    """A card as Markdown: headings in the reader's language; the body in it too (an
    unofficial translation, said at the top), or in the Kazakh original."""
    lang = "kk" if original else words.lang
    meta = next(c for c in standard.rules.cards if c.paragraph == card.paragraph)
    note = words.say("card.quoted" if lang == "kk" else "card.translated")
    lines = [f"# {card.paragraph}. {meta.title.in_(words.lang)}", "", f"*{note}*", ""]
    for block in card_blocks(standard, card, words):
        items = [] if block.key else [said(item, lang) for item in block.items]
        if block.depth == 4:
            lines.extend([f"**{block.title}:**", ""])
        else:
            lines.extend([f"{'#' * block.depth} {block.heading(words, lang)}", ""])
            if not items and block.key is None:
                lines.append("—")
        marker = "{i}. " if block.numbered else "- "
        lines.extend(marker.format(i=i) + item for i, item in enumerate(items, 1))
        lines.append("")
    return "\n".join(lines)


def side_by_side(
    standard: Standard, card: CardText, words: Catalog, width: int
) -> list[RenderableType]:
    """The Kazakh original and the reader's language, line by line, for a bilingual
    reviewer: two columns, or alternating lines on a terminal narrower than 100."""
    from rich.table import Table
    from rich.text import Text

    lang = words.lang
    meta = next(c for c in standard.rules.cards if c.paragraph == card.paragraph)
    parts: list[RenderableType] = [
        Text(f"{card.paragraph}. {meta.title.in_(lang)}", style="bold"),
        Text(words.say("card.side_by_side"), style="italic"),
    ]
    columns = width >= SIDE_BY_SIDE_WIDTH
    table = Table(show_header=columns, box=None, padding=(0, 1), expand=True)
    if columns:
        table.add_column("kk", ratio=1)
        table.add_column(lang, ratio=1)
    else:
        table.add_column("")
    for block in card_blocks(standard, card, words):
        style = "bold" if block.depth < 4 else "italic"
        table.add_row(*([Text(block.title, style=style)] * (2 if columns else 1)))
        for i, item in enumerate(block.items, 1):
            lead = f"{i}. " if block.numbered else "  "
            kazakh, other = lead + said(item, "kk"), lead + said(item, lang)
            if columns:
                table.add_row(kazakh, other)
            else:
                table.add_row(kazakh)
                table.add_row(Text(other, style="dim"))
    parts.append(table)
    return parts


#: The width from which side by side means two columns.
SIDE_BY_SIDE_WIDTH = 100


def said(item: Line | str, lang: str) -> str:
    """A line in `lang` (a code or a number is the same in every language)."""
    return item if isinstance(item, str) else item.in_(lang)


def _coded(code: str, name: Line) -> Line:
    """A listed code and its name; outside the original the code is written with Latin
    letters (the standard prints 6В03 with a Cyrillic В)."""
    latin = normalize_code(code)
    return Line(kk=f"{code} – {name.kk}", ru=f"{latin} – {name.ru}", en=f"{latin} – {name.en}")


def _related(level: str | None, note: str | None, name: Line) -> Line:
    lead = " ".join(p for p in (level, note) if p)
    if not lead:
        return name
    return name._replace(**{lang: f"{lead} {name.in_(lang)}" for lang in ("kk", "ru", "en")})


def _rule_lines(standard: Standard, grades: list[Grade], words: Catalog) -> list[str]:
    """Each grade's requirements as kzps applies them, overlay rules marked."""
    lang = words.lang
    lines: list[str] = []
    for grade in grades:
        for path in grade.paths:
            rules = [(path.education.text.in_(lang), path.education.source)]
            rules += [(_experience_text(e, standard, words), e.source) for e in path.experience]
            if path.silent is not None:
                rules.append((path.silent.text.in_(lang), path.silent.source))
            label = grade.label.in_(lang)
            if len(grade.paths) > 1:
                label += f" — {path.label.in_(lang)}"
            said = "; ".join(f"{text} ({_marked(source, words)})" for text, source in rules)
            lines.append(f"**{grade.code}** {label}: {said}")
    for position in standard.rules.positions:
        if position.base in {g.code for g in grades}:
            extra = "; ".join(_experience_text(e, standard, words) for e in position.experience)
            lines.append(
                f"**{position.label.in_(lang)}** ({position.base} +): {extra}"
                f" ({_marked(position.source, words)})"
            )
    return lines


def _marked(source: str, words: Catalog) -> str:
    """A rule's source, in bold when an overlay, not the standard, set it."""
    text = source_text(source, words)
    return f"**{text}**" if source.startswith("overlay ") else text


def _section_lines(section: Section) -> tuple[Line, ...]:
    return (*([section.heading] if section.heading else []), *section.lines)


def _experience_text(requirement: ExperienceRequirement, standard: Standard, words: Catalog) -> str:
    """A requirement's own words, or (an overlay's, given without) words made for it."""
    if requirement.text is not None:
        return requirement.text.in_(words.lang)
    years = words.count("year", requirement.years)
    if requirement.grades:
        grades = ", ".join(requirement.grades)
        return words.say("required.experience_grade", years=years, grades=grades)
    kind = next(k for k in standard.rules.experience_kinds if k.key == requirement.kind)
    return words.say("required.experience_kind", years=years, kind=kind.label.in_(words.lang))
