"""The kzps command line: the only place that reads argv, prints or exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kzps import __version__
from kzps.errors import KzpsError, UsageError, problem

if TYPE_CHECKING:
    from kzps.standard import Standard


class ExitCode(IntEnum):
    """CONTRACT.md §Exit codes."""

    OK = 0
    ROWS_WITH_ERRORS = 1
    USAGE = 2
    INVALID_DATA = 3


class Format(StrEnum):
    """How results are shown."""

    TABLE = "table"
    JSON = "json"


app = typer.Typer(
    name="kzps",
    help="Qualification checks against the professional standard K65301002 "
    "(organisation of payment of pensions, benefits and social payments).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language: kk, ru or en (default: KZPS_LANG, then the locale)."),
]
StandardOption = Annotated[
    Path | None,
    typer.Option("--standard", help="Use another copy of the standard file.", hidden=True),
]


def _version(value: bool) -> None:
    if value:
        from kzps.standard import load_standard

        with _guard():
            rules = load_standard().rules.standard
        typer.echo(
            f"kzps {__version__} — {rules.code}, order No. {rules.approved.number} of "
            f"{rules.approved.date}, cards 9–13 as amended by order No. {rules.amended.number} "
            f"(in force {rules.amended.in_force})"
        )
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and the edition."
        ),
    ] = False,
) -> None:
    """kzps: where a person stands in K65301002 and what the next grade needs."""


@contextmanager
def _guard() -> Iterator[None]:
    """Turn a KzpsError into its lines on stderr and its exit code; nothing else."""
    try:
        yield
    except KzpsError as error:
        for line in error.lines():
            typer.echo(f"kzps: {line}", err=True)
        raise typer.Exit(error.exit_code) from None


def _language(lang: str | None) -> str:
    from kzps.i18n import LANGUAGES, choose_language

    chosen = choose_language(lang)
    if chosen not in LANGUAGES:
        raise UsageError("--lang", [problem("", "error.language", value=chosen)])
    return chosen


def _standard(path: Path | None) -> Standard:
    from kzps.standard import load_standard

    return load_standard(path)


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("--as-of", [problem("", "error.date_format", value=value)]) from None


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Candidate files (YAML or JSON).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Check as on this date (YYYY-MM-DD).")
    ] = None,
    output: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.TABLE,
    lang: LangOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Check candidates: current grade, next grade, eligible now or from when, and why."""
    from kzps.api import check as check_one
    from kzps.api import read_candidate

    code = ExitCode.OK
    results = []
    with _guard():
        language = _language(lang)
        day = _as_of(as_of)
        standard = _standard(standard_path)
    for file in files:
        try:
            results.append(check_one(standard, read_candidate(file), day, language, str(file)))
        except KzpsError as error:
            for line in error.lines():
                typer.echo(f"kzps: {line}", err=True)
            code = max(code, ExitCode(error.exit_code))
    _show_results(results, output, language, many=len(files) > 1)
    raise typer.Exit(code)


def _show_results(results: list[Any], output: Format, language: str, many: bool) -> None:
    if output is Format.JSON:
        from kzps.render import to_json

        data = [r.model_dump(mode="json") for r in results]
        if data or many:
            typer.echo(to_json(data if many else data[0]))
        return
    from rich.console import Console

    from kzps.i18n import catalog
    from kzps.render import result_view

    console = Console(highlight=False)
    for i, result in enumerate(results):
        if i:
            console.rule()
        for part in result_view(result, catalog(language)):
            console.print(part)


@app.command()
def cards(
    lang: LangOption = None,
    output: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.TABLE,
    standard_path: StandardOption = None,
) -> None:
    """List the standard's cards: paragraph, occupation codes, profession, grades."""
    with _guard():
        language = _language(lang)
        standard = _standard(standard_path)
    if output is Format.JSON:
        from kzps.render import to_json

        typer.echo(to_json([c.model_dump(mode="json") for c in standard.rules.cards]))
        return
    from rich.console import Console

    from kzps.render import cards_table

    Console().print(cards_table(standard, language))


@app.command()
def card(
    card_id: Annotated[
        str, typer.Argument(metavar="ID", help="Paragraph 9–13 or an occupation code (2413-9-005).")
    ],
    lang: LangOption = None,
    output: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.TABLE,
    standard_path: StandardOption = None,
) -> None:
    """Show one whole card of the standard."""
    with _guard():
        language = _language(lang)
        standard = _standard(standard_path)
        text = standard.text
        matches = [
            c for c in text.cards if card_id.strip() in {str(c.paragraph), *c.occupation_codes}
        ]
        if not matches:
            known = ", ".join(
                f"{c.paragraph} ({', '.join(c.occupation_codes)})" for c in text.cards
            )
            raise UsageError("card", [problem("", "error.no_card", value=card_id, known=known)])
    if output is Format.JSON:
        from kzps.render import to_json

        rules = [
            g.model_dump(mode="json")
            for g in standard.rules.grades
            if g.card == matches[0].paragraph
        ]
        typer.echo(to_json([{"text": c.model_dump(mode="json"), "grades": rules} for c in matches]))
        return
    from rich.console import Console

    from kzps.render import card_view

    console = Console()
    for found in matches:
        for part in card_view(standard, found, language):
            console.print(part)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="A standard file like data/cards.yaml.")],
) -> None:
    """Validate a standard file: exit 0, or 3 with one line per problem."""
    from kzps.standard import load_standard

    with _guard():
        standard = load_standard(file)
        _ = standard.text
    typer.echo(
        f"{file}: valid ({len(standard.rules.grades)} grades, {len(standard.text.cards)} cards)"
    )


class SchemaKind(StrEnum):
    """Which file's schema."""

    STANDARD = "standard"
    CANDIDATE = "candidate"


@app.command()
def schema(
    which: Annotated[
        SchemaKind, typer.Argument(help="standard or candidate.")
    ] = SchemaKind.CANDIDATE,
) -> None:
    """Print the JSON Schema of the candidate file or of the standard file."""
    from kzps.render import to_json

    if which is SchemaKind.CANDIDATE:
        from kzps.candidate import Candidate

        typer.echo(to_json(Candidate.model_json_schema(by_alias=True)))
        return
    from kzps.models import Rules
    from kzps.text_model import StandardText

    typer.echo(
        to_json(
            {
                "$comment": "cards.yaml holds two YAML documents: the rules, then the text",
                "rules": Rules.model_json_schema(),
                "text": StandardText.model_json_schema(),
            }
        )
    )


def main() -> None:
    """Console-script entry point."""
    # kzps uses no pydantic plugins; looking for them costs a scan of every
    # installed distribution's metadata at each run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="kzps")
    sys.exit(ExitCode.OK)
