"""Show results and the standard: rich renderables and JSON. Nothing is decided here."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kzps.i18n import Catalog
    from kzps.result import Finding, Result
    from kzps.standard import Standard
    from kzps.text_model import CardText

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
    parts: list[RenderableType] = []
    if who:
        parts.append(Text(who, style="bold"))
    parts.append(Text(result.summary, style=style))
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
            table.add_column(words.say(column) if column else "")
        for finding in result.next.findings:
            table.add_row(*_finding_row(finding, words))
        parts.append(table)
    if result.options:
        options = ", ".join(f"{o.level} ({o.label})" for o in result.options)
        parts.append(Text(f"{words.say('label.options')}: {options}"))
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
    if source.startswith("para ") and source[5:].isdigit():
        return words.say("source", number=source[5:])
    return source


def cards_table(standard: Standard, lang: str) -> RenderableType:
    """Every card: paragraph, occupation codes, profession names, grades."""
    from rich.table import Table

    table = Table(title=standard.rules.standard.name.in_(lang), show_lines=True)
    for header in ("§", "Codes", "Profession", "Grades"):
        table.add_column(header)
    for card in standard.rules.cards:
        grades = [g for g in standard.rules.grades if g.card == card.paragraph]
        table.add_row(
            str(card.paragraph),
            "\n".join(card.occupation_codes),
            "\n".join(p.in_(lang) for p in card.professions),
            "\n".join(f"{', '.join(standard.instances(g))} — {g.label.in_(lang)}" for g in grades),
        )
    return table


def card_view(standard: Standard, card: CardText, lang: str) -> list[RenderableType]:
    """One whole card, section by section, as the standard prints it."""
    from rich.markdown import Markdown

    return [Markdown(card_markdown(standard, card, lang))]


def card_markdown(standard: Standard, card: CardText, lang: str) -> str:
    """A card as Markdown: the headings kzps adds, the body quoted verbatim."""
    meta = next(c for c in standard.rules.cards if c.paragraph == card.paragraph)
    lines = [f"# {card.paragraph}. {meta.title.in_(lang)}", ""]
    if lang != "kk":
        lines += [f"*{standard.rules.standard.translations.in_(lang)}*", ""]

    def section(title: str, items: tuple[str, ...] | list[str], numbered: bool = False) -> None:
        lines.append(f"## {title}")
        lines.append("")
        if not items:
            lines.append("—")
        for i, item in enumerate(items, 1):
            lines.append(f"{i}. {item}" if numbered else f"- {item}")
        lines.append("")

    section("Топтың коды / group code", [card.group_code])
    section("Қызмет атауының коды / occupation codes", list(card.occupation_codes))
    section("Кәсіптің атауы / profession", [p.in_(lang) for p in meta.professions])
    grades = [g for g in standard.rules.grades if g.card == card.paragraph]
    section(
        "СБШ деңгейі / SBSh grades",
        [line.text for line in card.grades]
        + ([f"({g.code}: {g.label.in_(lang)})" for g in grades] if lang != "kk" else []),
    )
    section(
        "БТБА / qualification", _section_lines(card.qualification.heading, card.qualification.lines)
    )
    codes = [f"{e.code} – {e.name}" if e.code else e.name for e in card.education_codes]
    education = codes or list(card.education.lines)  # the code lines, parsed, or the text
    section(
        "Кәсіптік білім / education",
        ([card.education.heading] if card.education.heading else []) + education,
    )
    section(
        "Жұмыс тәжірибесі / experience",
        _section_lines(card.experience.heading, card.experience.lines),
    )
    section("Формалды емес және информалды білім / non-formal education", list(card.nonformal))
    section("Басқа атаулар / other names", list(card.other_names))
    section("Негізгі мақсаты / main purpose", [card.main_purpose])
    section(
        "Міндетті еңбек функциялары / mandatory functions", list(card.mandatory_functions), True
    )
    section(
        "Қосымша еңбек функциялары / additional functions", list(card.additional_functions), True
    )
    for function in card.functions:
        lines += [f"## {function.number} - еңбек функциясы: {function.name}", ""]
        for skill in function.skills:
            lines += [f"### {skill.number} - дағды: {skill.name}", ""]
            lines += ["**Машықтар:**", ""] + [f"{i}. {a}" for i, a in enumerate(skill.abilities, 1)]
            lines += ["", "**Білімі:**", ""] + [
                f"{i}. {k}" for i, k in enumerate(skill.knowledge, 1)
            ]
            lines.append("")
    section("Жеке құзыреттер / personal competencies", list(card.personal_competencies))
    section("Техникалық регламенттер / technical regulations", list(card.technical_regulations))
    section(
        "СБШ шеңберінде байланыс / related professions",
        [" ".join(p for p in (r.level, r.level_note, r.name) if p) for r in card.related],
    )
    return "\n".join(lines)


def _section_lines(heading: str | None, lines: tuple[str, ...]) -> list[str]:
    return ([heading] if heading else []) + list(lines)
