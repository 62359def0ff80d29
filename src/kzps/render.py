"""Show results and the standard: text lines, rich renderables and JSON. Nothing is
decided here."""

from __future__ import annotations

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


def to_json(data: Any) -> str:
    """Stable JSON: sorted keys, ISO dates, Cyrillic kept readable."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def result_lines(result: Result, words: Catalog, width: int = 80) -> list[str]:
    """One candidate as lines of styled text: the headline sentence, then each
    finding with ✓/✗, its paragraph, what is required and what the person has,
    then options, positions and warnings.

    Plain lines rather than a rich table: the view is a short report, it wraps
    long requirement texts readably at any width, and it leaves `kzps check`
    without rich's start-up cost (CONTRACT keeps the name `--format table`).
    """
    from typer import style

    status = result.next.status if result.next else "eligible"
    colour = STATUS_COLOUR.get(status)
    lines = [style(line, fg=colour, bold=True) for line in _wrapped("", result.summary, width)]
    who = " — ".join(p for p in (result.id, result.name) if p)
    if who:
        lines.append(style(who, bold=True))
    current = (
        f"{result.current.level} ({result.current.label}), {words.date(result.current.since)}"
        if result.current
        else words.say("label.unplaced")
    )
    lines += _wrapped(f"{words.say('label.current')}: ", current, width)
    if result.next is not None:
        for path in result.next.paths:
            said = f"{words.say('label.path')}: {path.label} — {words.say(f'status.{path.status}')}"
            lines.append(style(said, dim=True))
        lines.append("")
        for finding in result.next.findings:
            lines += _finding_lines(finding, words, width)
        lines.append("")
    if result.options:
        options = ", ".join(f"{o.level} ({o.label})" for o in result.options)
        lines += _wrapped(f"{words.say('label.options')}: ", options, width)
    for position in result.positions:
        when = f", {words.date(position.eligible_on)}" if position.eligible_on else ""
        said = f"{position.label} — {words.say(f'status.{position.status}')}{when}"
        lines += _wrapped(f"{words.say('label.positions')}: ", said, width)
    qualifies = ", ".join(result.qualifies_for) or words.say("label.none")
    lines += _wrapped(f"{words.say('label.qualifies_for')}: ", qualifies, width)
    for warning in result.warnings:
        lines += [style(line, fg="yellow") for line in _wrapped("⚠ ", warning, width)]
    return lines


#: The colour of each status (and of the top of the standard), in every view.
STATUS_COLOUR = {
    "eligible": "green",
    "not_yet": "yellow",
    "needs_review": "magenta",
    "not_eligible": "red",
    "top": "cyan",
}


def _finding_lines(finding: Finding, words: Catalog, width: int) -> list[str]:
    """`✓ Education · para 9`, then what is required and what the person has."""
    from typer import style

    mark = style("✓", fg="green") if finding.met else style("✗", fg="red")
    name = _capitalized(words.say(f"requirement.{finding.requirement}"))
    heading = f"{mark} {style(name, bold=True)} · {_source(finding.source, words)}"
    required, actual = words.say("label.required"), words.say("label.actual")
    label_width = max(len(required), len(actual)) + 2
    lines = [heading]
    lines += _wrapped(f"    {required + ':':<{label_width}}", finding.required, width)
    lines += _wrapped(f"    {actual + ':':<{label_width}}", finding.actual, width)
    return lines


def _wrapped(lead: str, text: str, width: int) -> list[str]:
    """`lead` then `text`, wrapped to `width` with later lines under the text."""
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, len(lead) + 20),
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


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
