"""`kzps roster`: a whole staff list, checked row by row, with its summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kzps.cli.frame import (
    LangOption,
    OverlayOption,
    StandardOption,
    app,
    as_of_day,
    guard,
    load,
    said,
    speaking,
)
from kzps.errors import ExitCode

RosterFileArgument = Annotated[Path, said("help.roster.file", typer.Argument(metavar="STAFF_LIST"))]
RosterOutputOption = Annotated[
    Path | None, said("help.roster.output_formats", typer.Option("--output", "-o"))
]
RosterColumnsOption = Annotated[Path | None, said("help.roster.columns", typer.Option("--columns"))]
RosterAsOfOption = Annotated[str | None, said("help.roster.as_of", typer.Option("--as-of"))]
RosterSheetOption = Annotated[str | None, said("help.roster.sheet", typer.Option("--sheet"))]
ShowIinOption = Annotated[bool, said("help.roster.show_iin", typer.Option("--show-iin"))]
ForceOption = Annotated[bool, said("help.roster.force", typer.Option("--force"))]
QuietOption = Annotated[bool, said("help.roster.quiet", typer.Option("--quiet", "-q"))]
JobsOption = Annotated[
    int | None, said("help.roster.jobs", typer.Option("--jobs", "-j", metavar="<n>"))
]
ForecastOption = Annotated[
    int | None, said("help.roster.forecast", typer.Option("--forecast", metavar="<months>"))
]
ForecastOutOption = Annotated[
    Path | None,
    said("help.roster.forecast_out", typer.Option("--forecast-out", metavar="<file.json>")),
]


@app.command()
def roster(
    file: RosterFileArgument,
    output: RosterOutputOption = None,
    columns: RosterColumnsOption = None,
    sheet: RosterSheetOption = None,
    as_of: RosterAsOfOption = None,
    show_iin: ShowIinOption = False,
    force: ForceOption = False,
    quiet: QuietOption = False,
    forecast: ForecastOption = None,
    forecast_out: ForecastOutOption = None,
    jobs: JobsOption = None,
    lang: LangOption = None,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Check a whole staff list (CSV or Excel): one report row per input row."""
    from functools import partial

    from kzps.roster.run import run_roster
    from kzps.roster.summary import heading, progress_bar, summary_view

    language, words = speaking(lang)
    with guard(words):
        day = as_of_day(as_of) or dt.date.today()
        standard = load(standard_path, overlay)
        run = run_roster(
            file,
            standard,
            day,
            lang=language,
            output=output,
            columns=columns,
            sheet=sheet,
            show_iin=show_iin,
            force=force,
            progress=partial(progress_bar, words, shown=not quiet),
            forecast=forecast,
            forecast_out=forecast_out,
            jobs=jobs,
        )
    piped = forecast_out is not None and str(forecast_out) == "-"
    if piped and run.tally.forecast is not None:
        from kzps.roster.run import forecast_json

        typer.echo(forecast_json(run.tally.forecast, standard), nl=False)
    if not quiet:
        from rich.console import Console

        # the summary keeps out of standard output when a report or the forecast is on it
        console = Console(stderr=output is None or piped, highlight=False)
        console.soft_wrap = not console.is_terminal  # a log keeps each line whole
        title = heading(run.name, run.description, day, words)
        shown = forecast is not None or forecast_out is not None
        report = str(output) if output else None
        for part in summary_view(run.tally, words, standard, title, report, forecast=shown):
            console.print(part)
    raise typer.Exit(ExitCode.ROWS_WITH_ERRORS if run.tally.errors else ExitCode.OK)
