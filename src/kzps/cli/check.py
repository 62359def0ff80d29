"""`kzps check`: one or more candidate files, each checked and shown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kzps.cli.frame import (
    AsOfOption,
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
    report,
    said,
    speaking,
    words_of,
)
from kzps.errors import ExitCode, KzpsError

if TYPE_CHECKING:
    from kzps.words.result import Result

CandidatesArgument = Annotated[
    list[Path], said("help.argument.candidates", typer.Argument(metavar="CANDIDATE..."))
]


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
    language, words = speaking(lang)
    with guard(words):
        day = as_of_day(as_of)
        standard = load(standard_path, overlay)
    for file in files:
        try:
            results.append(check_one(standard, read_candidate(file), day, language, str(file)))
        except KzpsError as error:
            report(error, words)
            code = max(code, ExitCode(error.exit_code))
    _show_results(results, output, language, many=len(files) > 1)
    raise typer.Exit(code)


def _show_results(results: list[Result], output: Format, language: str, many: bool) -> None:
    if output is Format.JSON:
        from kzps.views.data import to_json

        data = [r.model_dump(mode="json") for r in results]
        if data or many:
            echo(to_json(data if many else data[0]))
        return
    import shutil

    from kzps.views.check import result_lines

    width = min(shutil.get_terminal_size().columns, 100)
    color = False if os.environ.get("NO_COLOR") else None  # None: only on a terminal
    for i, result in enumerate(results):
        if i:
            echo("─" * width)
        for line in result_lines(result, words_of(language), width):
            echo(line, color=color)
