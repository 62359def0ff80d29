"""`kzps sheet` and `kzps assess`: attestation sheets out of the standard, filled sheets
back in (para 1: "to form criteria for hiring and attestation of personnel")."""

from __future__ import annotations

import shutil
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
    echo,
    guard,
    load,
    report,
    said,
    speaking,
)
from kzps.errors import ExitCode, KzpsError, Problem, UsageError, problem

if TYPE_CHECKING:
    from kzps.assess.items import CardItems
    from kzps.assess.layout import Header, Sheet
    from kzps.assess.unit import Assessment
    from kzps.standard.load import Standard
    from kzps.words.catalog import Catalog

CardArgument = Annotated[str, said("help.argument.card", typer.Argument(metavar="CARD"))]
SheetOutputOption = Annotated[
    Path | None, said("help.sheet.output", typer.Option("--output", "-o"))
]
GradeOption = Annotated[str | None, said("help.sheet.grade", typer.Option("--grade"))]
PersonOption = Annotated[Path | None, said("help.sheet.person", typer.Option("--person"))]
OrganisationOption = Annotated[
    str | None, said("help.sheet.organisation", typer.Option("--organisation"))
]
CommissionOption = Annotated[
    list[str] | None, said("help.sheet.commission", typer.Option("--commission"))
]
DateOption = Annotated[str | None, said("help.sheet.date", typer.Option("--date"))]
SheetsArgument = Annotated[
    list[Path], said("help.assess.sheets", typer.Argument(metavar="SHEET..."))
]
#: What `kzps sheet -o` writes, by the file's extension.
SHEET_FORMATS = (".xlsx", ".html", ".md")
#: What `kzps assess` reads from a folder.
WORKBOOKS = (".xlsx", ".xlsm", ".ods")


@app.command()
def sheet(
    card_id: CardArgument,
    output: SheetOutputOption = None,
    grade: GradeOption = None,
    person: PersonOption = None,
    organisation: OrganisationOption = None,
    commission: CommissionOption = None,
    date: DateOption = None,
    lang: LangOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Make an attestation sheet for one card: every labour function, skill, ability,
    knowledge item and personal competency, with columns for the assessor."""
    from kzps.assess.items import card_items, find_card
    from kzps.assess.layout import sheet_of

    _, words = speaking(lang)
    with guard(words):
        kind = _sheet_format(output)
        standard = load(standard_path)
        grade_card = _grade_card(standard, grade)
        card = find_card(standard.text, card_id, (grade_card,) if grade_card else ())
        items = card_items(card)
        header = _header(standard, items, grade, person, organisation, commission, date, words)
        content = _render(kind, sheet_of(standard, items, header, words), words)
        if output is None:
            echo(content.decode("utf-8").rstrip("\n"))
            return
        _write(output, content)


def _sheet_format(output: Path | None) -> str:
    if output is None:
        return ".md"
    kind = output.suffix.lower()
    if kind not in SHEET_FORMATS:
        raise UsageError(str(output), [problem("", "error.sheet_format", value=output.suffix)])
    return kind


def _grade_card(standard: Standard, grade: str | None) -> int | None:
    """The card of the grade asked for, or None when none was."""
    if grade is None:
        return None
    levels = {str(level): standard.grade(str(level)).card for level in standard.levels}
    if grade.strip() not in levels:
        raise UsageError(
            "--grade",
            [problem("", "error.grade_unknown", value=grade, expected=list(levels))],
        )
    return levels[grade.strip()]


def _header(
    standard: Standard,
    items: CardItems,
    grade: str | None,
    person: Path | None,
    organisation: str | None,
    commission: list[str] | None,
    date: str | None,
    words: Catalog,
) -> Header:
    """The header block: the person from a candidate file, the rest from the options."""
    from kzps.assess.layout import Header

    card_levels = [str(lv) for lv in standard.levels if standard.grade(str(lv)).card == items.card]
    if grade is not None and grade.strip() not in card_levels:
        raise UsageError(
            "--grade",
            [problem("", "error.sheet_grade", value=grade, card=items.card, expected=card_levels)],
        )
    header = Header(
        target=grade.strip() if grade else "",
        organisation=organisation or "",
        date=_date(date, words),
        commission=tuple(commission or ()),
    )
    if person is None:
        return header
    from kzps.api import check, read_candidate

    candidate = read_candidate(person)
    found = check(standard, candidate, origin=str(person))
    target = header.target
    if not target and found.next is not None and str(found.next.level) in card_levels:
        target = str(found.next.level)
    return header._replace(
        name=candidate.name or "",
        person_id=candidate.id or "",
        current=str(candidate.current.level) if candidate.current else "",
        target=target,
    )


def _date(value: str | None, words: Catalog) -> str:
    if not value:
        return ""
    from kzps.decide.values import parse_date
    from kzps.errors import InvalidValueError

    try:
        return words.date(parse_date(value))
    except InvalidValueError:
        raise UsageError("--date", [problem("", "error.sheet_date", value=value)]) from None


def _render(kind: str, made: Sheet, words: Catalog) -> bytes:
    """The sheet in the format its file's extension asks for."""
    if kind == ".xlsx":
        from kzps.assess.sheet_xlsx import xlsx_bytes

        return xlsx_bytes(made, words)
    if kind == ".html":
        from kzps.assess.sheet_html import html

        return html(made, words).encode("utf-8")
    from kzps.assess.sheet_md import markdown

    return markdown(made, words).encode("utf-8")


def _write(path: Path, content: bytes) -> None:
    """The file, written whole or not at all: a temporary file beside it, renamed into
    place once complete (a sheet half-written is worse than none)."""
    import os
    import tempfile

    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(str(path), [_unwritable(error)]) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UsageError(str(path), [_unwritable(error)]) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unwritable(error: OSError) -> Problem:
    return problem("", "error.sheet_unwritable", reason=error.strerror or str(error))


@app.command()
def assess(
    files: SheetsArgument,
    output: FormatOption = Format.TABLE,
    lang: LangOption = None,
    overlay: OverlayOption = None,
    standard_path: StandardOption = None,
) -> None:
    """Read filled attestation sheets: marks per labour function and skill, training needs,
    and a verdict where an overlay sets a rule."""
    from kzps.assess.read import read_sheet
    from kzps.assess.unit import assess as assess_one

    _, words = speaking(lang)
    with guard(words):
        standard = load(standard_path, overlay)
        paths = _sheets(files)
    code = ExitCode.OK
    done: list[Assessment] = []
    for path in paths:
        try:
            done.append(assess_one(read_sheet(path, standard), standard.rules.assessment))
        except KzpsError as error:
            report(error, words)
            code = max(code, ExitCode(error.exit_code))
    _show(done, output, words, many=len(paths) > 1)
    raise typer.Exit(code)


def _sheets(files: list[Path]) -> list[Path]:
    """The files given, a folder standing for the workbooks in it (Excel's and
    LibreOffice's lock files left out)."""
    found: list[Path] = []
    for path in files:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in WORKBOOKS and not p.name.startswith(("~$", ".~lock", "."))
        )
        if not inside:
            raise UsageError(str(path), [problem("", "error.sheet_no_files")])
        found += inside
    return found


def _show(done: list[Assessment], output: Format, words: Catalog, many: bool) -> None:
    from kzps.assess import view
    from kzps.assess.unit import team

    if output is Format.JSON:
        from kzps.views.data import to_json

        if many:
            echo(to_json(view.team_data(team(done), words)))
        elif done:
            echo(to_json(view.assessment_data(done[0], words)))
        return
    width = min(shutil.get_terminal_size().columns, 100)
    if many:  # a unit: who stands where, and what to train; each sheet's detail in JSON
        for line in view.team_lines(team(done), words, width) if done else ():
            echo(line)
        return
    for one in done:
        for line in view.assessment_lines(one, words, width):
            echo(line)
