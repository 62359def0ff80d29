"""The filled sheets under tests/fixtures/assess/ are what their recipes in sheets.yaml
make: `kzps sheet`, then a program filling it as an assessor would. Set
KZPS_REGENERATE_FIXTURES=1 to write them anew (after a change of layout or text)."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from kzps.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "assess"
ID = re.compile(r"^\d+\.(F\d+(\.S\d+(\.[AK]\d+)?)?|PC\d*)$")
ITEM = re.compile(r"^\d+\.(F\d+\.S\d+\.[AK]\d+|PC\d+)$")
RECIPES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "sheets.yaml").read_text("utf-8"))
runner = CliRunner()


def fill_sheet(
    blank: Path,
    out: Path,
    marks: Mapping[str, str] | Callable[[str], str],
    *,
    method: str = "interview",
    header: Mapping[str, str] | None = None,
    edit: Mapping[str, str] | None = None,
    delete_column: int | None = None,
) -> Path:
    """`blank` filled: a mark (a label as the dropdown offers it) per item identifier,
    header cells by their label, item texts edited, a column deleted."""
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    workbook = openpyxl.load_workbook(blank)
    sheet = workbook.worksheets[0]
    sheet.protection.sheet = False  # as an assessor must, before deleting a column
    for row in sheet.iter_rows():
        key = str(row[0].value or "")
        if header and key in header:
            row[1].value = header[key]
        if not ID.match(key):
            continue
        if edit and key in edit:
            row[1].value = edit[key]
        if ITEM.match(key):
            mark = marks(key) if callable(marks) else marks.get(key, "")
            row[2].value = mark or None
            row[3].value = method if mark else None
    if delete_column is not None:
        sheet.delete_cols(delete_column)
    workbook.save(out)
    return out


def marking(patterns: dict[str, str]) -> Callable[[str], str]:
    """A mark per identifier: the last pattern that matches it wins."""

    def mark(key: str) -> str:
        found = ""
        for pattern, label in patterns.items():
            if fnmatch.fnmatchcase(key, pattern):
                found = label
        return found

    return mark


def make(recipe: dict[str, Any], folder: Path) -> Path:
    """The workbook a recipe describes, made in `folder`."""
    out = folder / str(recipe["file"])
    out.parent.mkdir(parents=True, exist_ok=True)
    if recipe.get("plain"):
        import openpyxl  # type: ignore[import-untyped,unused-ignore]

        workbook = openpyxl.Workbook()
        workbook.active.append(["Табельный номер", "ФИО", "Оценка"])
        workbook.active.append(["0001", "Сейітова Айгүл", "5"])
        workbook.save(out)
        return out
    blank = folder / f"blank-{out.stem}.xlsx"
    lang = recipe.get("lang", "en")
    made = runner.invoke(
        app,
        [
            "sheet",
            str(recipe["card"]),
            "--grade",
            recipe["grade"],
            "--lang",
            lang,
            "-o",
            str(blank),
        ],
    )
    assert made.exit_code == 0, made.output
    return fill_sheet(
        blank,
        out,
        marking(recipe["marks"]),
        header=recipe.get("header"),
        edit=recipe.get("edit"),
        delete_column=recipe.get("delete_column"),
    )


def cells(path: Path) -> dict[str, Any]:
    """Every sheet's cells, the kzps version that made it left out."""
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(path) as workbook:
        found = {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in workbook.sheet_names
        }
    if "kzps" in found:
        found["kzps"] = [row for row in found["kzps"] if row[0] != "kzps"]
    return found


@pytest.mark.parametrize("recipe", RECIPES, ids=[r["file"] for r in RECIPES])
def test_the_fixture_is_what_its_recipe_makes(recipe: dict[str, Any], tmp_path: Path) -> None:
    made = make(recipe, tmp_path)
    committed = FIXTURES / recipe["file"]
    if os.environ.get("KZPS_REGENERATE_FIXTURES"):
        committed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, committed)
    assert cells(made) == cells(committed)
