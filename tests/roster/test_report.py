"""Roster reports: formats, IIN masking, CSV injection, and atomic writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import TextIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kzps.cli import app
from kzps.roster import csv_report, json_report
from kzps.roster import reports as report_module
from kzps.roster.formulas import neutralised
from kzps.roster.header import Layout
from kzps.roster.reports import CsvReport, json_keys
from kzps.roster.sentences import Sentences
from kzps.roster.verdict import Verdict
from kzps.standard import load_standard

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roster"
STAFF = FIXTURES / "ru-utf8-bom-semicolon.csv"
AS_OF = "2026-11-25"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": "en", "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def roster(tmp_path: Path, name: str, *options: str, source: Path = STAFF) -> Path:
    out = tmp_path / name
    code, _, err = run("roster", str(source), "-o", str(out), "--as-of", AS_OF, "-q", *options)
    assert code in {0, 1}, err
    return out


def test_csv_report_has_a_bom_the_input_delimiter_and_the_result_columns(tmp_path: Path) -> None:
    data = roster(tmp_path, "r.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-8:] == [
        "Подразделение",
        "next_level",
        "status",
        "eligible_on",
        "missing",
        "error",
        "warning",
        "summary",
    ]
    assert rows[1] == [
        "E-001",
        "Сейітова Айгүл",
        "850325*****9",
        "0519023",
        "4.1",
        "10.03.2025",
        "",
        "",
        "Отдел выплат",
        "4.2",
        "not_yet",
        "2027-03-10",
        "experience",
        "",
        "",
        "Not yet: eligible for 4.2 from 2027-03-10 — 3 months 13 days more at 4.1",
    ]
    assert rows[8][3] == "0519023;6B04101"  # quoted, as it came
    assert len(rows) == 10


def test_csv_on_stdout_without_a_bom() -> None:
    code, out, err = run("roster", str(STAFF), "--as-of", AS_OF)
    assert code == 0
    assert not out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [f"E-00{i}" for i in range(1, 10)]
    assert "Total: 9 rows; checked: 9; with errors: 0." in err  # the summary goes to stderr


def test_json_and_jsonl_carry_typed_results(tmp_path: Path) -> None:
    whole = json.loads(roster(tmp_path, "r.json").read_text(encoding="utf-8"))
    lines = roster(tmp_path, "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert whole == [json.loads(line) for line in lines]
    first, top = whole[0], whole[4]
    assert first["Таб. номер"] == "E-001"
    assert first["ИИН"] == "850325*****9"
    assert (first["next_level"], first["eligible_on"], first["missing"]) == (
        "4.2",
        "2027-03-10",
        ["experience"],
    )
    assert (top["next_level"], top["status"], top["eligible_on"], top["error"]) == (
        None,
        None,
        None,
        None,
    )


HEADERS = {
    "en": ("Next grade", "Status", "Eligible on", "Missing", "Explanation", "Error", "Warning"),
    "ru": (
        "Следующий уровень",
        "Статус",
        "Дата",
        "Не хватает",
        "Пояснение",
        "Ошибка",
        "Предупреждение",
    ),
    "kk": ("Келесі деңгей", "Мәртебе", "Күні", "Жетіспейді", "Түсіндірме", "Қате", "Ескерту"),
}
SHEETS = {
    "en": ["Report", "Summary", "About"],
    "ru": ["Отчёт", "Сводка", "Об отчёте"],
    "kk": ["Есеп", "Жиынтық", "Есеп туралы"],
}


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_xlsx_report_is_made_for_people(tmp_path: Path, lang: str) -> None:
    """Read back as a spreadsheet program reads it (calamine), and its parts (the package)."""
    import re
    import zipfile

    from python_calamine import CalamineWorkbook

    out = roster(tmp_path, "r.xlsx", "--lang", lang)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == SHEETS[lang]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Таб. номер"
    assert tuple(rows[0][-7:]) == HEADERS[lang]
    assert rows[1][2] == "850325*****9"
    assert rows[1][-7] == "4.2"
    assert rows[1][-5] == dt.date(2027, 3, 10)  # a date cell, not text
    assert rows[1][5] == dt.date(2025, 3, 10)  # the input's date, typed as a date
    said = {"en": "Not yet: eligible for 4.2", "ru": "Пока нет: 4.2", "kk": "Әзірге жоқ: 4.2"}
    assert str(rows[1][-3]).startswith(said[lang])
    assert len(rows) == 10
    summary = book.get_sheet_by_index(1).to_python()
    counts = {str(row[0]): row[1] for row in summary if len(row) > 1}
    assert (counts["4.1"], counts["8.2-1"]) == (1, 1)
    grades = ("4.1", "4.2", "4.3", "6.1", "6.3", "8.3-2", "8.2-1")
    assert sum(float(str(counts[g])) for g in grades) == 7
    about = [row[1] for row in book.get_sheet_by_index(2).to_python() if len(row) > 1]
    assert "2026-11-25" in about or "25.11.2026" in about
    book.close()
    with zipfile.ZipFile(out) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
        assert re.search(r'<pane [^>]*state="frozen"', sheet)
        assert re.search(r'<autoFilter ref="A1:[A-Z]+10"', sheet)
        widths = [float(w) for w in re.findall(r'<col [^>]*width="([\d.]+)"', sheet)]
        assert len(widths) == len(rows[0])
        assert max(widths) <= 50
        assert min(widths) >= 6
        assert widths[1] > widths[0]  # names are wider than employee numbers
        setup = re.search(r"<pageSetup [^>]*>", sheet)
        assert setup is not None
        for part in ('paperSize="9"', 'orientation="landscape"', 'fitToHeight="0"'):
            assert part in setup.group()
        assert "<fitToPage" in sheet or 'fitToPage="1"' in sheet
        assert "_xlnm.Print_Titles" in package.read("xl/workbook.xml").decode()
        assert any(name.startswith("xl/charts/chart") for name in package.namelist())


@pytest.mark.parametrize("name", ["r.csv", "r.json", "r.jsonl", "r.xlsx"])
def test_iins_are_masked_in_every_format_unless_asked(tmp_path: Path, name: str) -> None:
    masked = roster(tmp_path, name).read_bytes()
    shown = roster(tmp_path, "shown-" + name, "--show-iin").read_bytes()
    if name.endswith(".xlsx"):
        masked, shown = _xlsx_text(tmp_path / name), _xlsx_text(tmp_path / ("shown-" + name))
    for iin in ("850325400129", "900101300007", "010203600778"):
        assert iin.encode() not in masked
        assert iin.encode() in shown
    assert b"850325*****9" in masked


def _xlsx_text(path: Path) -> bytes:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.load_workbook(path, read_only=True)
    text = "\n".join(str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row)
    book.close()
    return text.encode()


def test_a_wrong_iin_is_masked_too(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id;iin;education_code\nE-1;900101300008;0519023\nE-2; 900101300007 ;0519023\n"
        "E-3;9001013000;0519023;extra\n",
        encoding="utf-8",
    )
    text = roster(tmp_path, "r.csv", source=bad).read_bytes().decode("utf-8-sig")
    assert "900101300008" not in text
    assert "900101300007" not in text
    assert "9001013000" not in text
    assert "E-1;900101*****8;0519023;;;;;iin: the control digit does not match" in text
    assert "E-2;900101*****7;0519023;4;eligible;;;;;Eligible for 4 (no category)\r\n" in text
    assert "E-3;**********;0519023;;;;;the row has 4 cells, but the header has 3;;" in text


FORMULAS = ["=1+1", "+7 701 000 00 00", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("name", ["r.csv", "r.xlsx"])
def test_cells_that_start_a_formula_are_neutralised(tmp_path: Path, name: str) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        'id;name;"=cmd|calc";education_code\n'
        + "".join(f'E-{i};"{text}";x;6B04101\n' for i, text in enumerate(FORMULAS)),
        encoding="utf-8",
    )
    out = roster(tmp_path, name, source=staff)
    expected = ["'" + text for text in FORMULAS]
    if name.endswith(".csv"):
        text = out.read_bytes().decode("utf-8-sig")
        found = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    else:
        expected[-1] = "'\nCR"  # XML reads a carriage return as a line feed
        import openpyxl  # type: ignore[import-untyped,unused-ignore]

        book = openpyxl.load_workbook(out, read_only=True)
        found = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
    assert found[0][2] == "'=cmd|calc"
    assert [r[1] for r in found[1:]] == expected
    assert all(r[-6] == "eligible" for r in found[1:])


def test_json_is_not_neutralised(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text('id;name;education_code\nE-1;"=1+1";6B04101\n', encoding="utf-8")
    [row] = json.loads(roster(tmp_path, "r.json", source=staff).read_text(encoding="utf-8"))
    assert row["name"] == "=1+1"


LAYOUT = Layout(("a", "b", "c"), {"id": 0, "education_code": 1}, 1)
cell = st.text(alphabet=st.sampled_from(list('ab;,"\n\r\t=+-@ ё1')), max_size=6)


@given(
    st.lists(st.lists(cell, min_size=3, max_size=3), max_size=8),
    st.sampled_from([";", ","]),
    st.booleans(),
)
def test_the_fast_path_writes_what_csv_writer_writes(
    rows: list[list[str]], sep: str, binary: bool
) -> None:
    """On a file's stream (bytes to its buffer) or a text stream without one."""
    verdict = Verdict(next_level="4.2", status="not_yet", missing=("education", "experience"))
    sentences = Sentences(load_standard(), "en", dt.date(2026, 11, 25))
    buffer, text = io.BytesIO(), io.StringIO()
    stream: TextIO = io.TextIOWrapper(buffer, encoding="utf-8", newline="") if binary else text
    report = CsvReport(stream, LAYOUT, sep, sentences)
    for row in rows:
        report.write(list(row), verdict)
    report.close()
    stream.flush()
    written = buffer.getvalue().decode() if binary else text.getvalue()
    slow = io.StringIO()
    writer = csv.writer(slow, delimiter=sep, lineterminator="\r\n")
    writer.writerow(LAYOUT.output_header)
    tail = [*verdict.texts, sentences.of(verdict)]
    writer.writerows([neutralised(c) for c in row + tail] for row in rows)
    assert written == slow.getvalue()
    read = list(csv.reader(io.StringIO(written), delimiter=sep))
    assert [r[:3] for r in read[1:]] == [[neutralised(c) for c in row] for row in rows]


def test_json_keys_are_unique() -> None:
    assert json_keys(["id", "", "id", " Имя ", "id"]) == ["id", "column_2", "id_2", "Имя", "id_3"]


def test_earlier_result_columns_are_replaced(tmp_path: Path) -> None:
    first = roster(tmp_path, "first.csv")
    again = roster(tmp_path, "again.csv", source=first)
    header = again.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert header.count("status") == 1
    assert again.read_bytes() == first.read_bytes()


def test_unknown_report_format(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    code, _, err = run("roster", str(STAFF), "-o", str(out))
    assert (code, err) == (
        2,
        f"kzps: {out}: unknown report format '.txt';"
        " expected .csv, .xlsx, .json, .jsonl or .html\n",
    )
    assert not out.exists()


def test_the_report_must_not_replace_the_roster(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_bytes(STAFF.read_bytes())
    code, _, err = run("roster", str(staff), "-o", str(staff))
    assert code == 2
    assert err == (
        f"kzps: {staff}: the report would replace the staff list itself; choose another name\n"
    )
    assert staff.read_bytes() == STAFF.read_bytes()


def test_a_report_in_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "r.csv"
    code, _, err = run("roster", str(STAFF), "-o", str(out))
    assert code == 2
    assert err == f"kzps: {out}: cannot write the report: No such file or directory\n"


class BoomError(Exception):
    """A failure in the middle of a report."""


@pytest.mark.parametrize("name", ["r.csv", "r.json", "r.jsonl", "r.xlsx"])
def test_a_failure_midway_leaves_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    out = tmp_path / name
    rows = {"n": 0}
    original = neutralised

    def failing(text: str) -> str:
        rows["n"] += 1
        if rows["n"] > 40:
            raise BoomError
        return original(text)

    from kzps.roster import workbook_report

    monkeypatch.setattr(csv_report, "neutralised", failing)
    monkeypatch.setattr(workbook_report, "neutralised", failing)
    monkeypatch.setattr(report_module.CsvReport, "_plain", lambda _self, _head: False)
    monkeypatch.setattr(json_report, "json_row", _failing_json_row(rows))
    result = runner.invoke(app, ["roster", str(STAFF), "-o", str(out), "-q", "--as-of", AS_OF])
    assert isinstance(result.exception, BoomError)
    assert sorted(os.listdir(tmp_path)) == []


def _failing_json_row(rows: dict[str, int]) -> object:
    original = json_report.json_row

    def failing(*args: object) -> object:
        rows["n"] += 10
        if rows["n"] > 40:
            raise BoomError
        return original(*args)  # type: ignore[arg-type]

    return failing


def test_a_failure_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.csv"
    out.write_text("the previous report\n", encoding="utf-8")

    def failing(*_args: object) -> None:
        raise BoomError

    monkeypatch.setattr(report_module.CsvReport, "write", failing)
    result = runner.invoke(app, ["roster", str(STAFF), "-o", str(out), "-q"])
    assert isinstance(result.exception, BoomError)
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(os.listdir(tmp_path)) == ["r.csv"]


def test_an_interrupted_run_leaves_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.xlsx"

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    from kzps.roster.workbook_report import PeopleReport

    monkeypatch.setattr(PeopleReport, "write", interrupted)
    result = runner.invoke(app, ["roster", str(STAFF), "-o", str(out), "-q"])
    assert result.exit_code != 0
    assert os.listdir(tmp_path) == []


def test_a_report_replaces_an_older_one_keeping_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    roster(tmp_path, "r.csv")
    assert out.read_text(encoding="utf-8-sig").startswith("Таб. номер;")
    assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_rests_while_rows_are_checked_and_comes_back_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    import gc

    during: list[bool] = []
    original = CsvReport.write

    def noting(self: CsvReport, cells: list[str], verdict: Verdict) -> None:
        during.append(gc.isenabled())
        original(self, cells, verdict)

    monkeypatch.setattr(CsvReport, "write", noting)
    (gc.enable if enabled else gc.disable)()
    try:
        roster(tmp_path, "r.csv")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert during
    assert not any(during)
