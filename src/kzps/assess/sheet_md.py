"""The attestation sheet as Markdown, for a wiki or a review of what a card asks.

Not read back: marks are given on the .xlsx sheet. Table cells escape `|` so that the
standard's text never breaks a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.assess.layout import COLUMNS, HEADER_FIELDS, Sheet, legend, rows

if TYPE_CHECKING:
    from kzps.words.catalog import Catalog


def markdown(sheet: Sheet, words: Catalog) -> str:
    """The whole sheet: heading, header block, the table, signatures."""
    items = sheet.items
    lines = [
        f"# {words.say('sheet.heading', card=items.card, title=items.title.in_(sheet.lang))}",
        "",
        sheet.standard_line,
        "",
        f"*{words.say('sheet.translation')}*",
        "",
    ]
    blank = words.say("sheet.blank")
    for field in HEADER_FIELDS:
        value = sheet.header.value(field) or blank
        lines.append(f"- **{words.say(f'sheet.header.{field}')}:** {_cell(value)}")
    lines += ["", legend(words), "", words.say("sheet.instructions"), ""]
    heads = [words.say(f"sheet.column.{name}") for name in COLUMNS]
    lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in rows(items, words):
        text = _cell(row.text) if row.markable else f"**{_cell(row.text)}**"
        if row.kind == "group":
            text = f"*{_cell(row.text)}*"
        ident = f"`{row.id}`" if row.id else ""
        lines.append(f"| {ident} | {text} |  |  |  |")
    lines += ["", f"**{words.say('sheet.conclusion')}:** {blank}"]
    lines += ["", f"**{words.say('sheet.signatures')}**", ""]
    members = sheet.header.commission or ("", "", "")
    for i, member in enumerate(members):
        role = words.say("sheet.sign.chair" if i == 0 else "sheet.sign.member")
        lines.append(f"- {role}: ____________________ {member}".rstrip())
    lines.append(f"- {words.say('sheet.sign.person')}: ____________________ {sheet.header.name}")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
