"""`kzps cards`, `card`, `validate` and `schema`: the standard itself."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kzps.cli.frame import (
    Format,
    FormatOption,
    LangOption,
    OverlayOption,
    StandardOption,
    app,
    chosen_language,
    echo,
    guard,
    load,
    said,
    speaking,
)
from kzps.errors import UsageError, problem

if TYPE_CHECKING:
    from kzps.standard.load import Standard
    from kzps.standard.text import CardText

CardArgument = Annotated[str, said("help.argument.card", typer.Argument(metavar="ID"))]
StandardFileArgument = Annotated[Path, said("help.argument.standard_file", typer.Argument())]
OriginalOption = Annotated[bool, said("help.option.original", typer.Option("--original"))]
SideBySideOption = Annotated[bool, said("help.option.side_by_side", typer.Option("--side-by-side"))]


@app.command()
def cards(
    lang: LangOption = None,
    output: FormatOption = Format.TABLE,
    standard_path: StandardOption = None,
) -> None:
    """List the standard's cards: paragraph, occupation codes, profession, grades."""
    _, words = speaking(lang)
    with guard(words):
        standard = load(standard_path)
    if output is Format.JSON:
        from kzps.views.data import to_json
        from kzps.words.result import as_data

        echo(to_json(as_data(standard.rules.cards)))
        return
    from rich.console import Console

    from kzps.views.cards import cards_table

    Console().print(cards_table(standard, words))


@app.command()
def card(
    card_id: CardArgument,
    lang: LangOption = None,
    output: FormatOption = Format.TABLE,
    original: OriginalOption = False,
    side_by_side: SideBySideOption = False,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Show one whole card of the standard."""
    _, words = speaking(lang)
    with guard(words):
        standard = load(standard_path, overlay)
        matches = _cards_named(standard, card_id)
    if output is Format.JSON:
        from kzps.views.data import to_json

        echo(to_json([_card_data(standard, c) for c in matches]))
        return
    from rich.console import Console

    from kzps.views.cards import card_view
    from kzps.views.cards import side_by_side as both

    console = Console()
    for found in matches:
        parts = (
            both(standard, found, words, console.width)
            if side_by_side
            else card_view(standard, found, words, original=original)
        )
        for part in parts:
            console.print(part)


def _card_data(standard: Standard, card: CardText) -> dict[str, Any]:
    """A card's text and the rules kzps applies to its grades, as plain data."""
    from kzps.words.result import as_data

    grades = [g for g in standard.rules.grades if g.card == card.paragraph]
    codes = {g.code for g in grades}
    return {
        "text": as_data(card),
        "grades": as_data(grades),
        "positions": as_data([p for p in standard.rules.positions if p.base in codes]),
        "overlays": as_data(standard.rules.overlays),
    }


def _cards_named(standard: Standard, card_id: str) -> list[CardText]:
    """The cards a paragraph number or an occupation code names."""
    text = standard.text
    matches = [c for c in text.cards if card_id.strip() in {str(c.paragraph), *c.occupation_codes}]
    if not matches:
        known = ", ".join(f"{c.paragraph} ({', '.join(c.occupation_codes)})" for c in text.cards)
        raise UsageError("card", [problem("", "error.no_card", value=card_id, known=known)])
    return matches


@app.command()
def validate(
    file: StandardFileArgument,
    lang: LangOption = None,
    overlay: OverlayOption = None,
) -> None:
    """Validate a standard file: exit 0, or 3 with one line per problem."""
    from kzps.standard.load import load_standard

    _, words = speaking(lang)
    with guard(words):
        standard = load_standard(file)
        text = standard.text
        if overlay:
            from kzps.standard.overlay import apply_overlays

            standard = apply_overlays(standard, overlay)
    echo(
        words.say(
            "validate.valid", file=file, grades=len(standard.rules.grades), cards=len(text.cards)
        )
    )


class SchemaKind(StrEnum):
    """Which file's schema."""

    STANDARD = "standard"
    CANDIDATE = "candidate"
    OVERLAY = "overlay"


SchemaArgument = Annotated[SchemaKind, said("help.argument.schema", typer.Argument())]


@app.command()
def schema(
    which: SchemaArgument = SchemaKind.CANDIDATE,
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of the candidate, standard or overlay file."""
    from kzps.standard.schema import json_schema
    from kzps.views.data import to_json

    with guard():
        chosen_language(lang)
    if which is SchemaKind.CANDIDATE:
        from kzps.decide.candidate import Candidate

        echo(to_json(json_schema(Candidate)))
        return
    if which is SchemaKind.OVERLAY:
        from kzps.standard.overlay import Overlay

        echo(to_json(json_schema(Overlay)))
        return
    from kzps.standard.records import Rules
    from kzps.standard.text import StandardText

    echo(
        to_json(
            {
                "$comment": "cards.yaml holds two YAML documents: the rules, then the text",
                "rules": json_schema(Rules),
                "text": json_schema(StandardText),
            }
        )
    )
