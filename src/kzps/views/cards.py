"""The standard shown: the list of cards as a rich table, one card as Markdown.
Headings are in the reader's language; nothing is decided here."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


def card_view(standard: Standard, card: CardText, words: Catalog) -> list[RenderableType]:
    """One whole card, section by section, as the standard prints it."""
    from rich.markdown import Markdown

    return [Markdown(card_markdown(standard, card, words))]


def card_markdown(standard: Standard, card: CardText, words: Catalog) -> str:
    """A card as Markdown: headings in the reader's language, the body quoted verbatim."""
    lang = words.lang
    meta = next(c for c in standard.rules.cards if c.paragraph == card.paragraph)
    lines = [f"# {card.paragraph}. {meta.title.in_(lang)}", "", f"*{words.say('card.quoted')}*", ""]

    def section(key: str, items: list[str], numbered: bool = False) -> None:
        lines.extend([f"## {words.say(key)}", ""])
        lines.extend(f"{i}. {item}" if numbered else f"- {item}" for i, item in enumerate(items, 1))
        lines.extend(["—"] if not items else [])
        lines.append("")

    grades = [g for g in standard.rules.grades if g.card == card.paragraph]
    codes = [f"{e.code} – {e.name}" if e.code else e.name for e in card.education_codes]
    section("card.group_code", [card.group_code])
    section("card.occupation_codes", list(card.occupation_codes))
    section("card.profession", [p.in_(lang) for p in meta.professions])
    section(
        "card.grades",
        [f"{g.code} — {g.label.in_(lang)}" for g in grades]
        if lang != "kk"
        else [line.text for line in card.grades],
    )
    section("card.rules", _rule_lines(standard, grades, words))
    section("card.qualification", _section_lines(card.qualification))
    section(
        "card.education",
        ([card.education.heading] if card.education.heading else [])
        + (codes or list(card.education.lines)),
    )
    section("card.experience", _section_lines(card.experience))
    section("card.nonformal", list(card.nonformal))
    section("card.other_names", list(card.other_names))
    section("card.main_purpose", [card.main_purpose])
    section("card.mandatory_functions", list(card.mandatory_functions), numbered=True)
    section("card.additional_functions", list(card.additional_functions), numbered=True)
    for function in card.functions:
        lines.extend(
            [f"## {words.say('card.function', number=function.number, name=function.name)}", ""]
        )
        for skill in function.skills:
            lines.extend(
                [f"### {words.say('card.skill', number=skill.number, name=skill.name)}", ""]
            )
            lines.extend([f"**{words.say('card.abilities')}:**", ""])
            lines.extend(f"{i}. {a}" for i, a in enumerate(skill.abilities, 1))
            lines.extend(["", f"**{words.say('card.knowledge')}:**", ""])
            lines.extend(f"{i}. {k}" for i, k in enumerate(skill.knowledge, 1))
            lines.append("")
    section("card.personal", list(card.personal_competencies))
    section("card.regulations", list(card.technical_regulations))
    section(
        "card.related",
        [" ".join(p for p in (r.level, r.level_note, r.name) if p) for r in card.related],
    )
    return "\n".join(lines)


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


def _section_lines(section: Section) -> list[str]:
    return ([section.heading] if section.heading else []) + list(section.lines)


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
