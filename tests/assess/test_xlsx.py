"""The .xlsx sheet as a spreadsheet sees it: its sheets, its header, the marks' dropdown,
locked item text and unlocked mark cells, and an A4 print layout that repeats the
table's header on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kzps.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Card 11's sheet for the person of examples/economist-master.yaml."""
    out = tmp_path_factory.mktemp("sheet") / "sheet.xlsx"
    done = runner.invoke(
        app,
        [
            "sheet", "11", "-o", str(out),
            "--person", str(EXAMPLES / "economist-master.yaml"),
            "--organisation", "Отдел выплат", "--date", "25.11.2026",
            "--commission", "Ахметова Ж. К.", "--commission", "Иванов П. С.",
        ],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    return out


def rows(path: Path, name: str) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(path) as workbook:
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def test_two_sheets_the_record_very_hidden(sheet: Path) -> None:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    with CalamineWorkbook.from_path(sheet) as workbook:
        assert workbook.sheet_names == ["K65301002-11", "kzps"]
        visible = [m.visible for m in workbook.sheets_metadata]
    assert visible == [SheetVisibleEnum.Visible, SheetVisibleEnum.VeryHidden]
    record = {row[0]: row[1] for row in rows(sheet, "kzps")}
    assert record | {"kzps": "x"} == {
        "format": "kzps-attestation-sheet/1",
        "standard": "K65301002",
        "edition": "2026-07-12",
        "card": "11",
        "grade": "6.2",
        "lang": "en",
        "sheet": "K65301002-11",
        "kzps": "x",
    }


def test_the_header_block_and_the_table_header(sheet: Path) -> None:
    grid = rows(sheet, "K65301002-11")
    header = {row[0]: row[1] for row in grid[:12] if row[0]}
    assert header["Person assessed"] == "Әбенов Дәурен"
    assert header["Personnel number"] == "E-0317"
    assert header["Current grade"] == "6.1"
    assert header["Target grade"] == "6.2"  # the person's next grade, on this card
    assert header["Date"] == "2026-11-25"
    assert header["Commission"] == "Ахметова Ж. К.; Иванов П. С."
    top = next(i for i, row in enumerate(grid) if row[0] == "ID")
    assert grid[top] == ["ID", "What the person must show", "Mark", "Method", "Comment"]
    assert grid[top + 1][:2] == [
        "11.F1",
        "Labour function 1 (mandatory): control over the processing of documents for the "
        "payment of pensions, benefits and social payments",
    ]
    assert "K65301002" in grid[1][0]
    assert "2026-07-12" in grid[1][0]


def test_marks_dropdown_locked_text_and_print_layout(sheet: Path) -> None:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    worksheet = openpyxl.load_workbook(sheet).worksheets[0]
    lists = {str(v.sqref): v for v in worksheet.data_validations.dataValidation}
    top = next(c.row for c in worksheet["A"] if c.value == "ID")
    last = next(c.row for c in worksheet["A"] if c.value == "11.PC4")
    marks = lists[f"C{top + 1}:C{last}"]
    assert marks.type == "list"
    assert marks.formula1 == '"demonstrated,partly,not demonstrated,not assessed"'
    assert marks.showErrorMessage
    assert lists[f"D{top + 1}:D{last}"].errorStyle == "information"  # free text allowed
    item = top + 4  # 11.F1.S1.A1
    assert worksheet[f"A{item}"].value == "11.F1.S1.A1"
    assert worksheet.protection.sheet
    assert worksheet[f"B{item}"].protection.locked
    assert not worksheet[f"C{item}"].protection.locked
    assert not worksheet[f"E{item}"].protection.locked
    assert worksheet.print_title_rows == f"${top}:${top}"
    assert worksheet.page_setup.paperSize == 9  # A4
    assert (worksheet.page_setup.fitToWidth or 1) == 1  # 1 is the default, left out
    assert worksheet.page_setup.fitToHeight == 0
    assert worksheet.sheet_properties.pageSetUpPr.fitToPage
    assert worksheet.row_dimensions[item].height > 15  # wrapped text has its room


def test_each_language_has_its_own_marks(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    expected = {
        "kk": '"көрсетті,ішінара,көрсетпеді,бағаланбады"',
        "ru": '"продемонстрировано,частично,не продемонстрировано,не оценивалось"',
    }
    for lang, marks in expected.items():
        out = tmp_path / f"{lang}.xlsx"
        assert runner.invoke(app, ["sheet", "9", "--lang", lang, "-o", str(out)]).exit_code == 0
        worksheet = openpyxl.load_workbook(out).worksheets[0]
        assert marks in {v.formula1 for v in worksheet.data_validations.dataValidation}
