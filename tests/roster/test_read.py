"""Reading staff lists (CONTRACT §Roster): encodings, delimiters, header aliases, .xlsx, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app
from kzps.errors import DataError, UsageError
from kzps.roster.columns import ALIASES, COLUMNS, header_key, read_column_map
from kzps.roster.header import match_header
from kzps.roster.sources import open_roster
from kzps.words.catalog import catalog

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roster"
AS_OF = "2026-11-25"
runner = CliRunner()

#: What `kzps check` says of each fixture person on 2026-11-25 (see tests/test_roster_properties.py
#: for the general equivalence): next level, status, eligible_on, missing.
EXPECTED = {
    "E-001": ("4.2", "not_yet", "2027-03-10", ["experience"]),
    "E-002": ("8.3-3", "eligible", "2025-01-01", []),
    "E-003": ("6", "eligible", None, []),
    "E-004": ("5.3", "not_eligible", None, ["education"]),
    "E-005": (None, None, None, []),
    "E-006": ("6", "needs_review", None, ["education"]),
    "E-007": ("8.2-2", "eligible", "2026-01-01", []),
    "E-008": ("6.2", "not_yet", "2028-01-15", ["experience"]),
    "E-009": ("4.3", "not_yet", "2026-12-20", ["experience"]),
}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": "en", "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def report_rows(tmp_path: Path, roster: Path, *options: str) -> list[dict[str, object]]:
    """The roster's report as JSON Lines, one object per input row."""
    report = tmp_path / "report.jsonl"
    code, _, err = run("roster", str(roster), "-o", str(report), "--as-of", AS_OF, *options)
    assert code == 0, err
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("ru-utf8-bom-semicolon.csv", ()),
        ("ru-cp1251-semicolon.csv", ()),
        ("ru-utf8-semicolon-title.csv", ()),
        ("en-utf8-comma.csv", ()),
        ("kk-utf8-tab.csv", ()),
        ("kk-utf16-tab.txt", ()),
        ("ru.xlsx", ()),
        ("custom-headers.csv", ("--columns", str(FIXTURES / "custom-headers.yaml"))),
    ],
)
def test_every_input_gives_the_same_results(
    tmp_path: Path, name: str, options: tuple[str, ...]
) -> None:
    rows = report_rows(tmp_path, FIXTURES / name, *options)
    found = {
        str(next(iter(r.values()))): (r["next_level"], r["status"], r["eligible_on"], r["missing"])
        for r in rows
    }
    assert list(found) == list(EXPECTED)  # every row, in input order
    assert found == EXPECTED
    assert all(r["error"] is None for r in rows)


@pytest.mark.parametrize(
    ("name", "description", "code"),
    [
        ("ru-utf8-bom-semicolon.csv", {"encoding": "utf-8-sig", "delimiter": "';'"}, 3),
        ("ru-cp1251-semicolon.csv", {"encoding": "cp1251", "delimiter": "';'"}, 3),
        ("en-utf8-comma.csv", {"encoding": "utf-8", "delimiter": "','"}, 4),
        ("kk-utf8-tab.csv", {"encoding": "utf-8", "delimiter": "TAB"}, 3),
        ("kk-utf16-tab.txt", {"encoding": "utf-16", "delimiter": "TAB"}, 3),
        ("ru.xlsx", {"sheet": "Сотрудники"}, 3),
    ],
)
def test_encoding_and_delimiter_are_detected(
    name: str, description: dict[str, str], code: int
) -> None:
    with open_roster(FIXTURES / name, {}) as source:
        assert source.description == description
        assert source.layout.index["id"] == 0
        assert source.layout.index["education_code"] == code


def test_windows_1251_text_is_read_as_cyrillic(tmp_path: Path) -> None:
    rows = report_rows(tmp_path, FIXTURES / "ru-cp1251-semicolon.csv")
    assert rows[0]["ФИО"] == "Сейтова Айгуль"
    assert rows[0]["Подразделение"] == "Отдел выплат"


def test_a_title_above_the_header_is_not_a_row(tmp_path: Path) -> None:
    with open_roster(FIXTURES / "ru-utf8-semicolon-title.csv", {}) as source:
        assert source.layout.row == 3
    rows = report_rows(tmp_path, FIXTURES / "ru-utf8-semicolon-title.csv")
    assert len(rows) == 9


def test_russian_and_kazakh_aliases_map_to_the_columns() -> None:
    with open_roster(FIXTURES / "ru-utf8-bom-semicolon.csv", {}) as source:
        assert source.layout.index == {
            "id": 0,
            "name": 1,
            "iin": 2,
            "education_code": 3,
            "current_level": 4,
            "level_since": 5,
            "management_years": 6,
            "organization": 7,
        }
    with open_roster(FIXTURES / "kk-utf8-tab.csv", {}) as source:
        assert set(source.layout.index) == {
            "id",
            "name",
            "iin",
            "education_code",
            "current_level",
            "level_since",
            "management_years",
            "organization",
        }


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("ФИО", "name"),
        ("Ф.И.О.", "name"),
        ("Аты-жөні", "name"),
        ("ИИН", "iin"),
        ("ЖСН", "iin"),
        ("Таб. номер", "id"),
        ("Таб.№", "id"),
        ("Табельный номер", "id"),
        ("Категория", "current_level"),
        ("Санат", "current_level"),
        ("Дата присвоения категории", "level_since"),
        ("Код специальности", "education_code"),
        ("Значимость организации", "organization"),
        ("EDUCATION_CODE", "education_code"),
        ("  Level Since ", "level_since"),
    ],
)
def test_header_names_are_matched_case_and_punctuation_insensitively(
    header: str, column: str
) -> None:
    cells = [header] + [c for c in ("id", "education_code", "level_since") if c != column]
    index, problems = match_header(cells, {})
    assert index[column] == 0
    assert problems == []


def test_no_alias_names_two_columns() -> None:
    seen: dict[str, str] = {}
    for column, names in ALIASES.items():
        assert column in COLUMNS
        for name in (column, *names):
            key = header_key(name)
            assert seen.setdefault(key, column) == column, f"{name!r}: {seen[key]} and {column}"


def test_xlsx_numbers_and_dates_become_text(tmp_path: Path) -> None:
    rows = report_rows(tmp_path, FIXTURES / "ru.xlsx", "--show-iin")
    by_id = {r["Таб. номер"]: r for r in rows}
    assert by_id["E-001"]["Категория"] == "4.1"
    assert by_id["E-001"]["Дата присвоения категории"] == "2025-03-10"
    assert by_id["E-005"]["ИИН"] == "010203600778"  # a number had lost its leading zero
    assert by_id["E-007"]["Стаж на руководящих должностях"] == "2.5"


def test_a_column_map_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "map.yaml"
    bad.write_text("identity: Персонал №\nname: [1]\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_column_map(bad)
    assert catalog("en").error_lines(caught.value) == [
        f"{bad}: 'identity' is not a roster column; the columns are id, name, iin,"
        " education_level, education_code, education_field, current_level, level_since,"
        " specialty_years, social_protection_years, management_years, organization",
        f"{bad}: name: expected the header as written in the file, or a list of headers",
    ]


def test_a_mapped_header_that_is_not_there(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("id: Personal No\n", encoding="utf-8")
    code, out, err = run("roster", str(FIXTURES / "custom-headers.csv"), "--columns", str(mapping))
    assert code == 3
    assert out == ""
    assert (
        f"kzps: {FIXTURES / 'custom-headers.csv'}: --columns: id is mapped to 'Personal No',"
        " but no header is named so\n"
    ) in err


def write(tmp_path: Path, text: str, name: str = "staff.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_missing_file_is_a_usage_error() -> None:
    code, out, err = run("roster", "no-such-staff.csv")
    assert (code, out, err) == (2, "", "kzps: no-such-staff.csv: no such file\n")


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("roster", str(tmp_path))
    assert code == 2
    assert err == f"kzps: {tmp_path}: a folder, not a file\n"


def test_an_empty_file_is_invalid_data(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    code, out, err = run("roster", path)
    assert (code, out) == (3, "")
    assert err == (
        f"kzps: {path}: the file is empty: expected a header row, then one row per employee\n"
    )


def test_blank_lines_only_is_empty_too(tmp_path: Path) -> None:
    code, _, err = run("roster", write(tmp_path, "\n;;;\n\n"))
    assert code == 3
    assert "the file is empty" in err


def test_no_recognisable_header(tmp_path: Path) -> None:
    path = write(tmp_path, "Фамилия;Должность;Стаж\nИванов;экономист;5\n")
    code, out, err = run("roster", path)
    assert (code, out) == (3, "")
    assert err.splitlines() == [
        f"kzps: {path}: no recognisable header in the first 10 rows;"
        " the closest is row 1: 'Фамилия', 'Должность', 'Стаж'",
        f"kzps: {path}: row 1: no id column (a header such as 'id', 'Таб. номер',"
        " 'Табель нөмірі'; map other names with --columns)",
        f"kzps: {path}: row 1: no education_code column (a header such as 'education_code',"
        " 'Код специальности', 'Мамандық коды'; map other names with --columns)",
    ]


@pytest.mark.parametrize(("lang", "row"), [("ru", "строка 1: "), ("kk", "1-жол: ")])
def test_the_row_of_a_header_problem_is_said_in_the_language(
    tmp_path: Path, lang: str, row: str
) -> None:
    path = write(tmp_path, "Фамилия;Должность;Стаж\nИванов;экономист;5\n")
    result = runner.invoke(app, ["roster", path, "--lang", lang], env={"COLUMNS": "200"})
    assert result.exit_code == 3
    assert result.stderr.splitlines()[1].startswith(f"kzps: {path}: {row}")


def test_two_columns_for_one_is_invalid_data(tmp_path: Path) -> None:
    path = write(tmp_path, "ИИН;ЖСН;Таб. номер;Код специальности\n")
    code, _, err = run("roster", path)
    assert code == 3
    assert (
        f"kzps: {path}: row 1: both 'ИИН' and 'ЖСН' are iin:"
        " remove one, or choose one with --columns\n"
    ) in err


def test_a_grade_column_needs_a_date_column(tmp_path: Path) -> None:
    path = write(tmp_path, "id;education_code;Категория\nE-1;0519023;4.1\n")
    code, _, err = run("roster", path)
    assert code == 3
    assert "row 1: no level_since column (a header such as 'level_since'," in err


def test_a_damaged_xls_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "staff.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    code, _, err = run("roster", str(path))
    assert code == 2
    assert err.startswith(f"kzps: {path}: not a readable workbook (")


def test_an_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, "id;education_code\n", name="staff.xlsx")
    code, _, err = run("roster", path)
    assert (code, err) == (
        2,
        f"kzps: {path}: named as a workbook, but it is not one (.xlsx, .xlsm, .xlsb, .xls, .ods)\n",
    )


def test_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    code, _, err = run("roster", str(path))
    assert code == 2
    assert err.startswith(f"kzps: {path}: not a readable workbook (")


def test_binary_data_is_not_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(b"id;education_code\x00\x00\x01")
    code, _, err = run("roster", str(path))
    assert (code, err) == (
        2,
        f"kzps: {path}: not a CSV text file (it holds NUL bytes): save it as CSV or .xlsx\n",
    )


def test_header_errors_come_from_the_core_as_data_errors() -> None:
    with pytest.raises(DataError), open_roster(FIXTURES / "custom-headers.csv", {}):
        pass


def test_the_default_as_of_date_is_today(tmp_path: Path) -> None:
    path = write(
        tmp_path, "id;education_code;current_level;level_since\nE-1;0519023;4;2020-01-01\n"
    )
    report = tmp_path / "r.json"
    code, _, _ = run("roster", path, "-o", str(report))
    assert code == 0
    [row] = json.loads(report.read_text(encoding="utf-8"))
    assert row["next_level"] == "4.1"
    assert row["status"] == "eligible"
    assert row["eligible_on"] == "2021-01-01"
    assert dt.date.fromisoformat(row["eligible_on"]) <= dt.date.today()


def _two_sheets(tmp_path: Path) -> Path:
    """A workbook whose first sheet is a cover page and whose second holds the staff."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Титул"
    cover.append(["Отчёт по персоналу"])
    staff = book.create_sheet("Сотрудники")
    staff.append(["Таб. номер", "Код специальности", "Категория", "Дата присвоения категории"])
    staff.append(["E-1", "0519023", "4.1", "10.03.2025"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("sheet", ["Сотрудники", "сотрудники", "2"])
def test_sheet_chooses_the_worksheet_by_name_or_number(tmp_path: Path, sheet: str) -> None:
    rows = report_rows(tmp_path, _two_sheets(tmp_path), "--sheet", sheet)
    assert [(r["Таб. номер"], r["next_level"], r["status"]) for r in rows] == [
        ("E-1", "4.2", "not_yet")
    ]


def test_without_sheet_the_first_worksheet_is_read(tmp_path: Path) -> None:
    code, _, err = run("roster", str(_two_sheets(tmp_path)), "--as-of", AS_OF)
    assert code == 3
    assert "no recognisable header" in err


def test_an_unknown_sheet_names_the_sheets_there_are(tmp_path: Path) -> None:
    path = _two_sheets(tmp_path)
    code, _, err = run("roster", str(path), "--sheet", "Staff")
    assert (code, err) == (
        2,
        f"kzps: {path}: the workbook has no sheet 'Staff'; it has: 1 'Титул', 2 'Сотрудники'\n",
    )


def test_sheet_is_refused_for_a_csv_file() -> None:
    path = FIXTURES / "en-utf8-comma.csv"
    code, _, err = run("roster", str(path), "--sheet", "1")
    assert (code, err) == (
        2,
        f"kzps: --sheet: {path} is a CSV file; --sheet chooses a worksheet of an .xlsx workbook\n",
    )


@pytest.mark.parametrize("name", ["ru-cp1251-semicolon.csv", "ru.xlsx"])
def test_dash_reads_the_staff_list_from_standard_input(tmp_path: Path, name: str) -> None:
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    from_file = report_rows(tmp_path, FIXTURES / name)
    report = tmp_path / "stdin.jsonl"
    result = runner.invoke(
        app,
        ["roster", "-", "-o", str(report), "--as-of", AS_OF],
        input=(FIXTURES / name).read_bytes(),
        env={"KZPS_LANG": "en", "COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.stderr
    from_stdin = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert from_stdin == from_file
    assert "Staff list stdin (" in result.stdout


def test_a_problem_with_standard_input_names_it() -> None:
    result = runner.invoke(app, ["roster", "-"], input=b"a;b\n", env={"KZPS_LANG": "en"})
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0].startswith(
        "kzps: stdin: no recognisable header in the first 10 rows;"
    )
