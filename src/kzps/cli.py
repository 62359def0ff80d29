"""The kzps command line: the only place that reads argv, prints or exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kzps import __version__
from kzps.errors import KzpsError, UsageError, problem

if TYPE_CHECKING:
    from kzps.i18n import Catalog
    from kzps.standard import Standard
    from kzps.text_model import CardText


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
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Parameters whose help text comes from the message catalogs, with their keys.
_HELP_TEXTS: list[tuple[Any, str]] = []
_P = TypeVar("_P")


def _said(key: str, info: _P) -> _P:
    """A parameter whose help is the catalog's `key`, in the language of the run."""
    _HELP_TEXTS.append((info, key))
    return info


LangOption = Annotated[str | None, _said("help.option.lang", typer.Option("--lang"))]
StandardOption = Annotated[Path | None, typer.Option("--standard", hidden=True)]
FormatOption = Annotated[Format, _said("help.option.format", typer.Option("--format"))]
OverlayOption = Annotated[
    list[Path] | None, _said("help.option.overlay", typer.Option("--overlay"))
]
AsOfOption = Annotated[str | None, _said("help.option.as_of", typer.Option("--as-of"))]
CandidatesArgument = Annotated[list[Path], _said("help.argument.candidates", typer.Argument())]
CardArgument = Annotated[str, _said("help.argument.card", typer.Argument(metavar="ID"))]
StandardFileArgument = Annotated[Path, _said("help.argument.standard_file", typer.Argument())]


def translate(lang: str) -> None:
    """Put the help texts of `lang` on the app, its commands and their parameters."""
    from kzps.i18n import catalog

    words = catalog(lang)
    app.info.help = words.say("help.app")
    for command in app.registered_commands:
        name = command.name or getattr(command.callback, "__name__", "")
        command.help = words.say(f"help.command.{name}")
    for info, key in _HELP_TEXTS:
        info.help = words.say(key)


def _words(lang: str | None) -> Catalog:
    from kzps.i18n import catalog

    return catalog(lang or "en")


def _version(value: bool) -> None:
    if value:
        from kzps.standard import load_standard

        words = _words(_safe_language(None))
        with _guard(words):
            rules = load_standard().rules.standard
        typer.echo(
            words.say(
                "version",
                version=__version__,
                code=rules.code,
                approved=rules.approved.number,
                approved_on=words.date(rules.approved.date),
                amended=rules.amended.number,
                in_force=words.date(rules.amended.in_force or rules.edition),
            )
        )
        raise typer.Exit(ExitCode.OK)


VersionOption = Annotated[
    bool,
    _said("help.option.version", typer.Option("--version", callback=_version, is_eager=True)),
]


@app.callback()
def _root(
    version: VersionOption = False,  # noqa: ARG001 - handled by its eager callback
    lang: LangOption = None,
) -> None:
    """kzps: where a person stands in K65301002 and what the next grade needs."""
    if lang is not None:  # `kzps --lang ru check …` speaks Russian in the command too
        os.environ["KZPS_LANG"] = lang


@contextmanager
def _guard(words: Catalog | None = None) -> Iterator[None]:
    """Turn a KzpsError into its lines on stderr and its exit code; nothing else."""
    try:
        yield
    except KzpsError as error:
        _report(error, words)
        raise typer.Exit(error.exit_code) from None


def _report(error: KzpsError, words: Catalog | None) -> None:
    for line in error.lines(words):
        typer.echo(f"kzps: {line}", err=True)


def _safe_language(lang: str | None) -> str:
    """The language asked for, or English when it is not one kzps speaks."""
    from kzps.i18n import LANGUAGES, choose_language

    chosen = choose_language(lang)
    return chosen if chosen in LANGUAGES else "en"


def _language(lang: str | None) -> str:
    from kzps.i18n import LANGUAGES, choose_language

    chosen = choose_language(lang)
    if chosen not in LANGUAGES:
        raise UsageError("--lang", [problem("", "error.language", value=chosen)])
    return chosen


def _standard(path: Path | None, overlays: list[Path] | None = None) -> Standard:
    """The standard, with the overlays of --overlay or else of $KZPS_OVERLAY applied."""
    from kzps.standard import load_standard

    standard = load_standard(path)
    chosen = overlays or [
        Path(p) for p in os.environ.get("KZPS_OVERLAY", "").split(os.pathsep) if p
    ]
    if not chosen:
        return standard
    from kzps.overlay import apply_overlays

    return apply_overlays(standard, chosen)


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from kzps.dates import as_of_problem

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("--as-of", [problem("", "error.date_format", value=value)]) from None
    wrong = as_of_problem("", day)
    if wrong is not None:
        raise UsageError("--as-of", [wrong])
    return day


@app.command()
def check(
    files: CandidatesArgument,
    as_of: AsOfOption = None,
    output: FormatOption = Format.TABLE,
    lang: LangOption = None,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Check candidates: current grade, next grade, eligible now or from when, and why."""
    from kzps.api import check as check_one
    from kzps.api import read_candidate

    code = ExitCode.OK
    results = []
    with _guard():
        language = _language(lang)
    words = _words(language)
    with _guard(words):
        day = _as_of(as_of)
        standard = _standard(standard_path, overlay)
    for file in files:
        try:
            results.append(check_one(standard, read_candidate(file), day, language, str(file)))
        except KzpsError as error:
            _report(error, words)
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
    import shutil

    from kzps.i18n import catalog
    from kzps.render import result_lines

    width = min(shutil.get_terminal_size().columns, 100)
    color = False if os.environ.get("NO_COLOR") else None  # None: only on a terminal
    for i, result in enumerate(results):
        if i:
            typer.echo("─" * width)
        for line in result_lines(result, catalog(language), width):
            typer.echo(line, color=color)


@app.command()
def cards(
    lang: LangOption = None,
    output: FormatOption = Format.TABLE,
    standard_path: StandardOption = None,
) -> None:
    """List the standard's cards: paragraph, occupation codes, profession, grades."""
    with _guard():
        language = _language(lang)
    with _guard(_words(language)):
        standard = _standard(standard_path)
    if output is Format.JSON:
        from kzps.render import to_json
        from kzps.result import as_data

        typer.echo(to_json(as_data(standard.rules.cards)))
        return
    from rich.console import Console

    from kzps.render import cards_table

    Console().print(cards_table(standard, _words(language)))


@app.command()
def card(
    card_id: CardArgument,
    lang: LangOption = None,
    output: FormatOption = Format.TABLE,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Show one whole card of the standard."""
    with _guard():
        language = _language(lang)
    with _guard(_words(language)):
        standard = _standard(standard_path, overlay)
        matches = _cards_named(standard, card_id)
    if output is Format.JSON:
        from kzps.render import to_json

        typer.echo(to_json([_card_data(standard, c) for c in matches]))
        return
    from rich.console import Console

    from kzps.render import card_view

    console = Console()
    for found in matches:
        for part in card_view(standard, found, _words(language)):
            console.print(part)


def _card_data(standard: Standard, card: CardText) -> dict[str, Any]:
    """A card's text and the rules kzps applies to its grades, as plain data."""
    from kzps.result import as_data

    grades = [g for g in standard.rules.grades if g.card == card.paragraph]
    codes = {g.code for g in grades}
    return {
        "text": card.model_dump(mode="json"),
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
    from kzps.standard import load_standard

    with _guard():
        language = _language(lang)
    words = _words(language)
    with _guard(words):
        standard = load_standard(file)
        text = standard.text
        if overlay:
            from kzps.overlay import apply_overlays

            standard = apply_overlays(standard, overlay)
    typer.echo(
        words.say(
            "validate.valid", file=file, grades=len(standard.rules.grades), cards=len(text.cards)
        )
    )


class SchemaKind(StrEnum):
    """Which file's schema."""

    STANDARD = "standard"
    CANDIDATE = "candidate"
    OVERLAY = "overlay"


SchemaArgument = Annotated[SchemaKind, _said("help.argument.schema", typer.Argument())]


@app.command()
def schema(
    which: SchemaArgument = SchemaKind.CANDIDATE,
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of the candidate file or of the standard file."""
    from kzps.render import to_json

    with _guard():
        _language(lang)
    if which is SchemaKind.CANDIDATE:
        from kzps.candidate import Candidate
        from kzps.schemas import json_schema

        typer.echo(to_json(json_schema(Candidate)))
        return
    if which is SchemaKind.OVERLAY:
        from kzps.overlay import Overlay

        typer.echo(to_json(Overlay.model_json_schema()))
        return
    from kzps.models import Rules
    from kzps.schemas import json_schema
    from kzps.text_model import StandardText

    typer.echo(
        to_json(
            {
                "$comment": "cards.yaml holds two YAML documents: the rules, then the text",
                "rules": json_schema(Rules),
                "text": StandardText.model_json_schema(),
            }
        )
    )


def _asked_language(argv: list[str]) -> str | None:
    """The value of --lang anywhere on the command line, so that --help speaks it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


RosterFileArgument = Annotated[
    Path, _said("help.roster.file", typer.Argument(metavar="STAFF_LIST"))
]
RosterOutputOption = Annotated[
    Path | None, _said("help.roster.output", typer.Option("--output", "-o"))
]
RosterColumnsOption = Annotated[
    Path | None, _said("help.roster.columns", typer.Option("--columns"))
]
RosterAsOfOption = Annotated[str | None, _said("help.roster.as_of", typer.Option("--as-of"))]
RosterSheetOption = Annotated[str | None, _said("help.roster.sheet", typer.Option("--sheet"))]
ShowIinOption = Annotated[bool, _said("help.roster.show_iin", typer.Option("--show-iin"))]
QuietOption = Annotated[bool, _said("help.roster.quiet", typer.Option("--quiet", "-q"))]


@app.command()
def roster(
    file: RosterFileArgument,
    output: RosterOutputOption = None,
    columns: RosterColumnsOption = None,
    sheet: RosterSheetOption = None,
    as_of: RosterAsOfOption = None,
    show_iin: ShowIinOption = False,
    quiet: QuietOption = False,
    lang: LangOption = None,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Check a whole staff list (CSV or Excel): one report row per input row."""
    from kzps.report import open_report, report_format
    from kzps.roster import (
        STDIN,
        Checker,
        Tally,
        check_rows,
        open_roster,
        read_column_map,
        stdin_copy,
    )
    from kzps.roster_view import heading, progress_bar, summary_view

    with _guard():
        language = _language(lang)
    words = _words(language)
    with _guard(words):
        day = _as_of(as_of) or dt.date.today()
        standard = _standard(standard_path, overlay)
        kind = report_format(output)
        mapping = read_column_map(columns) if columns else {}
        piped = str(file) == "-"
        with (
            stdin_copy(sys.stdin.buffer) if piped else nullcontext(file) as path,
            open_roster(path, mapping, sheet) as source,
        ):
            checker = Checker(standard, source.layout, day, show_iin)
            tally = Tally(day, source.layout)
            with (
                open_report(
                    output, kind, source.layout, source.delimiter, sys.stdout, roster=file
                ) as report,
                progress_bar(words, shown=not quiet) as progress,
            ):
                check_rows(source, checker, report.write, tally, progress)
            title = heading(STDIN if piped else path.name, source.description, day, words)
    if not quiet:
        from rich.console import Console

        console = Console(stderr=output is None, highlight=False)
        for part in summary_view(tally, words, standard, title, str(output) if output else None):
            console.print(part)
    raise typer.Exit(ExitCode.ROWS_WITH_ERRORS if tally.errors else ExitCode.OK)


translate(_safe_language(None))


def main() -> None:
    """Console-script entry point."""
    # kzps uses no pydantic plugins; looking for them costs a scan of every
    # installed distribution's metadata at each run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    translate(_safe_language(_asked_language(sys.argv[1:])))
    app(prog_name="kzps")
    sys.exit(ExitCode.OK)
