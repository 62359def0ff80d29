"""Show results and the standard: rich renderables and JSON. Nothing is decided here."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kzps.i18n import Catalog
    from kzps.models import Grade
    from kzps.result import Finding, Result
    from kzps.standard import Standard
    from kzps.text_model import CardText, Section

_PARAGRAPH = re.compile(r"\bpara (\d+)")
_OVERLAY = re.compile(r"\boverlay ")

STATUS_STYLE = {
    "eligible": "bold green",
    "not_yet": "bold yellow",
    "needs_review": "bold magenta",
    "not_eligible": "bold red",
}


def to_json(data: Any) -> str:
    """Stable JSON: sorted keys, ISO dates, Cyrillic kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def result_view(result: Result, words: Catalog) -> list[RenderableType]:
    """One candidate: the headline sentence, the findings with ✓/✗, then options."""
    from rich.table import Table
    from rich.text import Text

    style = STATUS_STYLE.get(result.next.status if result.next else "eligible", "bold")
    who = " — ".join(p for p in (result.id, result.name) if p)
    parts: list[RenderableType] = [Text(result.summary, style=style)]
    if who:
        parts.append(Text(who, style="bold"))
    current = (
        f"{result.current.level} ({result.current.label}), {words.date(result.current.since)}"
        if result.current
        else words.say("label.unplaced")
    )
    parts.append(Text(f"{words.say('label.current')}: {current}"))
    if result.next is not None:
        for path in result.next.paths or []:
            status = words.say(f"status.{path.status}")
            parts.append(Text(f"{words.say('label.path')}: {path.label} — {status}", style="dim"))
        table = Table(show_header=True, header_style="bold", expand=False)
        for column in ("", "label.requirement", "label.required", "label.actual", "label.source"):
            table.add_column(words.say(column) if column else "", overflow="fold")
        for finding in result.next.findings:
            table.add_row(*_finding_row(finding, words))
        parts.append(table)
    if result.options:
        options = ", ".join(f"{o.level} ({o.label})" for o in result.options)
        parts.append(Text(f"{words.say('label.options')}: {options}"))
    for position in result.positions:
        status = words.say(f"status.{position.status}")
        when = f", {words.date(position.eligible_on)}" if position.eligible_on else ""
        parts.append(Text(f"{words.say('label.positions')}: {position.label} — {status}{when}"))
    qualifies = ", ".join(result.qualifies_for) or words.say("label.none")
    parts.append(Text(f"{words.say('label.qualifies_for')}: {qualifies}"))
    parts += [Text(f"⚠ {warning}", style="yellow") for warning in result.warnings]
    return parts


def _finding_row(finding: Finding, words: Catalog) -> tuple[Any, ...]:
    from rich.text import Text

    mark = Text("✓", style="green") if finding.met else Text("✗", style="red")
    return (
        mark,
        words.say(f"requirement.{finding.requirement}"),
        finding.required,
        finding.actual,
        _source(finding.source, words),
    )


def _source(source: str, words: Catalog) -> str:
    """`para 12, para 13` in the reader's words: `п. 12, п. 13`, `12-тармақ, 13-тармақ`."""
    text = _PARAGRAPH.sub(lambda m: words.say("source", number=m.group(1)), source)
    return _OVERLAY.sub(words.say("label.overlay") + " ", text)


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
            rules += [(e.text.in_(lang), e.source) for e in path.experience]
            if path.silent is not None:
                rules.append((path.silent.text.in_(lang), path.silent.source))
            label = grade.label.in_(lang)
            if len(grade.paths) > 1:
                label += f" — {path.label.in_(lang)}"
            said = "; ".join(f"{text} ({_marked(source, words)})" for text, source in rules)
            lines.append(f"**{grade.code}** {label}: {said}")
    for position in standard.rules.positions:
        if position.base in {g.code for g in grades}:
            extra = "; ".join(e.text.in_(lang) for e in position.experience)
            lines.append(
                f"**{position.label.in_(lang)}** ({position.base} +): {extra}"
                f" ({_marked(position.source, words)})"
            )
    return lines


def _marked(source: str, words: Catalog) -> str:
    """A rule's source, in bold when an overlay, not the standard, set it."""
    text = _source(source, words)
    return f"**{text}**" if source.startswith("overlay ") else text


def _section_lines(section: Section) -> list[str]:
    return ([section.heading] if section.heading else []) + list(section.lines)
