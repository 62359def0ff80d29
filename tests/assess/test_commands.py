"""`kzps sheet` and `kzps assess` as a user meets them: the exact line for each mistake,
exit codes as for `kzps check`, a unit's summary, the overlay's rule, three languages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kzps.cli import app, translate

FIXTURES = Path(__file__).parents[1] / "fixtures" / "assess"
SHEETS = FIXTURES / "sheets"
EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


GRADES = ", ".join(
    ["4", "4.1", "4.2", "4.3", "5.3", "6", "6.1", "6.2", "6.3"]
    + [f"8.{g}-{n}" for g in (3, 2) for n in (1, 2, 3, 4)]
)
USAGE = [
    (
        ["sheet", "11", "-o", "sheet.pdf"],
        "sheet.pdf: unknown sheet format '.pdf'; give a file ending in .xlsx, .html or .md",
    ),
    (
        ["sheet", "11", "--grade", "4.2"],
        "--grade: '4.2' is not a grade of card 11; its grades are 6, 6.1, 6.2, 6.3",
    ),
    (
        ["sheet", "11", "--grade", "7"],
        f"--grade: '7' is not a grade of this standard; valid: {GRADES}",
    ),
    (
        ["sheet", "2413-9-005"],
        "card: '2413-9-005' is on cards 10, 11; give the paragraph (9–13) or a --grade of one of"
        " them",
    ),
    (
        ["sheet", "11", "--date", "31.02.2026"],
        "--date: expected a date YYYY-MM-DD or DD.MM.YYYY, got '31.02.2026'",
    ),
    (["sheet", "11", "--lang", "de"], "--lang: unknown language 'de'; expected kk, ru or en"),
    (["assess", "missing.xlsx"], "missing.xlsx: no such file"),
    (
        ["sheet", "11", "-o", "/nonexistent/sheet.xlsx"],
        "/nonexistent/sheet.xlsx: cannot write the sheet (No such file or directory)",
    ),
]


@pytest.mark.parametrize(("args", "line"), USAGE)
def test_usage_errors_exit_2_with_one_line(args: list[str], line: str) -> None:
    done = runner.invoke(app, args)
    assert done.exit_code == 2
    assert done.stderr == f"kzps: {line}\n"


def test_a_grade_chooses_among_the_cards_of_an_occupation_code() -> None:
    done = runner.invoke(app, ["sheet", "2413-9-005", "--grade", "6.1"])
    assert done.exit_code == 0
    assert done.stdout.startswith('# Attestation sheet · card 11: Occupation card "Pension')
    assert "- **Target grade:** 6.1" in done.stdout


def test_a_person_that_does_not_validate_exits_3(tmp_path: Path) -> None:
    person = tmp_path / "p.yaml"
    person.write_text("name: X\n", encoding="utf-8")
    done = runner.invoke(app, ["sheet", "11", "--person", str(person)])
    assert done.exit_code == 3
    assert done.stderr == f"kzps: {person}: education: required key is missing\n"


def test_markdown_on_standard_output_in_russian() -> None:
    done = runner.invoke(app, ["sheet", "9", "--lang", "ru", "--commission", "Ахметова Ж. К."])
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("# Аттестационный лист · карточка 9")
    assert "| Код | Что работник должен показать | Оценка | Способ | Комментарий |" in lines
    assert "- Председатель комиссии: ____________________ Ахметова Ж. К." in lines


def test_the_html_sheet_prints_and_escapes(tmp_path: Path) -> None:
    out = tmp_path / "sheet.html"
    done = runner.invoke(app, ["sheet", "11", "-o", str(out), "--organisation", "<b>A & B</b>"])
    assert done.exit_code == 0
    page = out.read_text("utf-8")
    assert "@page { size: A4 portrait" in page
    assert "thead { display: table-header-group; }" in page
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in page
    assert '<tr class="item" id="11.F1.S2.A3">' in page


def test_a_unit_in_a_folder(tmp_path: Path) -> None:
    shutil.copytree(SHEETS, tmp_path / "unit")
    (tmp_path / "unit" / "~$partly.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    done = runner.invoke(app, ["assess", str(tmp_path / "unit"), "--format", "json"])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["sheets"]) == 5
    needs = [(n["id"], n["count"], n["of"]) for n in data["training_needs"]]
    assert needs == [("11.F2.S1", 2, 4), ("9.F1.S2", 1, 1), ("11.F1.S1", 1, 4)]
    assert data["training_needs"][0]["people"] == [
        "Сейітова Айгүл (E-0042)",
        "Иванов Пётр (E-0105)",
    ]
    assert len(data["training_needs"][0]["courses"]) == 2
    assert [c["id"] for c in data["competencies"]] == ["9.PC1", "11.PC2"]


def test_several_sheets_one_broken_exit_3_and_the_rest_reported() -> None:
    broken = FIXTURES / "broken" / "unknown-mark.xlsx"
    done = runner.invoke(app, ["assess", str(SHEETS / "partly.xlsx"), str(broken)])
    assert done.exit_code == 3
    assert done.stderr.startswith(f"kzps: {broken}: C29: 'yes' is not a mark")
    assert "Training needs of the unit (skills most people lack first)" in done.stdout
    assert "1 sheet read" in done.stdout.splitlines()


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    done = runner.invoke(app, ["assess", str(tmp_path)])
    assert done.exit_code == 2
    assert (
        done.stderr
        == f"kzps: {tmp_path}: no attestation sheets (.xlsx, .xlsm, .ods) in this folder\n"
    )


def test_a_file_that_is_not_a_workbook_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    done = runner.invoke(app, ["assess", str(path)])
    assert done.exit_code == 2
    assert done.stderr == f"kzps: {path}: not a readable workbook (Cannot detect file format)\n"


def test_the_table_says_why_there_is_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    done = runner.invoke(app, ["assess", str(SHEETS / "partly.xlsx")])
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert lines[1] == (
        "Needs review: 29 of 40 items demonstrated (72%), 10 partly, 1 not, 0 not assessed"
    )
    assert (
        lines[2]
        == "  the standard sets no pass mark; an overlay may set one (assessment: pass_share)"
    )
    assert "Training needs" in lines
    assert (
        "    11.F1.S1.A1 (partly) Exercising control over the initial verification and analysis of"
        " documents" in lines
    )


RULES = [
    ({"pass_share": 1.5}, "assessment.pass_share: expected a share from 0 to 1, got 1.5"),
    (
        {"pass_share": 0.8, "partly_counts_as": "half"},
        "assessment.partly_counts_as: expected a number",
    ),
    ({"every_function": True}, "assessment.pass_share: required key is missing"),
    (
        {"pass_share": 0.8, "pass_mark": 3},
        "assessment.pass_mark: unknown key (not in the format; check the spelling)",
    ),
]


@pytest.mark.parametrize(("assessment", "line"), RULES)
def test_an_overlays_rule_that_does_not_validate_exits_3(
    tmp_path: Path, assessment: dict[str, object], line: str
) -> None:
    overlay = tmp_path / "o.yaml"
    data = {"overlay": {"name": "T", "version": "1"}, "assessment": assessment}
    overlay.write_text(yaml.safe_dump(data), encoding="utf-8")
    done = runner.invoke(app, ["assess", str(SHEETS / "partly.xlsx"), "--overlay", str(overlay)])
    assert done.exit_code == 3
    assert done.stderr == f"kzps: {overlay}: {line}\n"


def test_a_later_overlays_rule_replaces_an_earlier_one(tmp_path: Path) -> None:
    strict = tmp_path / "strict.yaml"
    data = {"overlay": {"name": "Strict", "version": "2"}, "assessment": {"pass_share": 0.95}}
    strict.write_text(yaml.safe_dump(data), encoding="utf-8")
    args = ["assess", str(SHEETS / "partly.xlsx"), "--format", "json"]
    done = runner.invoke(
        app, [*args, "--overlay", str(FIXTURES / "overlay.yaml"), "--overlay", str(strict)]
    )
    verdict = json.loads(done.stdout)["verdict"]
    assert verdict["status"] == "not_passed"
    assert verdict["rule"]["source"] == "overlay Strict 2: assessment"
    assert verdict["rule"]["partly_counts_as"] == 0.0


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_help_in_every_language(lang: str) -> None:
    translate(lang)
    try:
        for command in ("sheet", "assess"):
            done = runner.invoke(app, [command, "--help"])
            assert done.exit_code == 0
            assert "--lang" in done.stdout
    finally:
        translate("en")
