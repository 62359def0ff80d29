"""`kzps plan`: one person's steps to the top of the standard, each with its date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kzps.cli.frame import (
    Format,
    FormatOption,
    LangOption,
    OverlayOption,
    StandardOption,
    app,
    as_of_day,
    echo,
    guard,
    load,
    option_day,
    said,
    speaking,
)
from kzps.errors import ExitCode, UsageError, problem

if TYPE_CHECKING:
    from kzps.words.catalog import Catalog
    from kzps.words.plan import PlanResult

CandidateArgument = Annotated[
    Path, said("help.plan.candidate", typer.Argument(metavar="CANDIDATE"))
]
PlanAsOfOption = Annotated[str | None, said("help.plan.as_of", typer.Option("--as-of"))]
UntilOption = Annotated[str | None, said("help.plan.until", typer.Option("--until"))]


@app.command()
def plan(
    file: CandidateArgument,
    as_of: PlanAsOfOption = None,
    until: UntilOption = None,
    output: FormatOption = Format.TABLE,
    lang: LangOption = None,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Plan a person's steps to the top of the standard: each grade, its date, and what
    time cannot fix."""
    from kzps.api import plan as plan_of
    from kzps.api import read_candidate

    language, words = speaking(lang)
    with guard(words):
        day = as_of_day(as_of)
        last = option_day("--until", until)
        standard = load(standard_path, overlay)
        candidate = read_candidate(file)
        start = day or candidate.as_of or dt.date.today()
        if last is not None and last < start:
            found = problem("", "error.until_before_as_of", until=str(last), as_of=str(start))
            raise UsageError("--until", [found])
        result = plan_of(standard, candidate, start, last, language, str(file))
    _show(result, output, words)
    raise typer.Exit(ExitCode.OK)


def _show(result: PlanResult, output: Format, words: Catalog) -> None:
    if output is Format.JSON:
        from kzps.views.data import to_json

        echo(to_json(result.model_dump(mode="json")))
        return
    import shutil

    from kzps.views.plan import plan_lines

    width = min(shutil.get_terminal_size().columns, 100)
    color = False if os.environ.get("NO_COLOR") else None  # None: only on a terminal
    for line in plan_lines(result, words, width):
        echo(line, color=color)
