"""The attestation sheet as one HTML page that prints cleanly on A4: the table's header
repeats on every page, no item is split across pages, and the marks are boxes to tick
by hand. The page is a Jinja2 template shipped in the package (templates/sheet.html.j2),
autoescaped, with its styles inline so the file stands alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.assess.layout import HEADER_FIELDS, Sheet, legend, mark_labels, rows

if TYPE_CHECKING:
    from kzps.words.catalog import Catalog

TEMPLATE = "sheet.html.j2"


def html(sheet: Sheet, words: Catalog) -> str:
    """The page."""
    from pathlib import Path

    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    items = sheet.items
    members = sheet.header.commission or ("", "", "")
    return environment.get_template(TEMPLATE).render(
        lang=sheet.lang,
        title=words.say("sheet.heading", card=items.card, title=items.title.in_(sheet.lang)),
        standard_line=sheet.standard_line,
        translation=words.say("sheet.translation"),
        header=[
            (words.say(f"sheet.header.{field}"), sheet.header.value(field))
            for field in HEADER_FIELDS
        ],
        legend=legend(words),
        instructions=words.say("sheet.instructions"),
        heads={
            name: words.say(f"sheet.column.{name}")
            for name in ("id", "item", "mark", "method", "comment")
        },
        marks=mark_labels(words),
        rows=rows(items, words),
        conclusion=words.say("sheet.conclusion"),
        signatures=words.say("sheet.signatures"),
        signers=[
            (words.say("sheet.sign.chair" if i == 0 else "sheet.sign.member"), member)
            for i, member in enumerate(members)
        ]
        + [(words.say("sheet.sign.person"), sheet.header.name)],
        signature=words.say("sheet.sign.signature"),
    )
