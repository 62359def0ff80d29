"""Rows of a roster: each kind of bad row keeps its place and names its column and problem."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from kzps.cli import app
from kzps.roster.rows import Checker
from kzps.roster.run import check_rows
from kzps.roster.sources import open_roster
from kzps.roster.tally import Tally

if TYPE_CHECKING:
    from kzps.roster.verdict import Verdict
    from kzps.standard import Standard

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roster"
AS_OF = dt.date(2026, 11, 25)
GRADES = "4, 4.1, 4.2, 4.3, 5.3, 6, 6.1, 6.2, 6.3, " + ", ".join(
    f"{grade}-{n}" for grade in ("8.3", "8.2") for n in range(1, 5)
)
runner = CliRunner()

#: bad-rows.csv, row by row: the id and the `error` column exactly (None: checked).
BAD_ROWS = [
    ("B-01", None),
    ("B-02", "level_since: '31.02.2024' is not a real date"),
    ("B-03", "level_since: expected a date YYYY-MM-DD or DD.MM.YYYY, got '2024/02/01'"),
    ("B-04", f"current_level: '4.7' is not a grade of this standard; valid: {GRADES}"),
    ("B-05", f"current_level: 'старшая' is not a grade of this standard; valid: {GRADES}"),
    ("", "id: empty; every row needs an employee number"),
    (
        "B-07",
        "education_code: empty: give the diploma's code (several separated by ';'), or its field",
    ),
    (
        "B-08",
        "education_code: '05-19' is not a classifier code (7 digits such as 0519023, or 6B04101)",
    ),
    ("B-09", "the row has 5 cells, but the header has 11"),
    ("B-10", "the row has 12 cells, but the header has 11"),
    (
        "B-11",
        "specialty_years: expected years such as 4.5, '4 жыл 6 ай', '4 г. 6 мес.' or '4y 6m',"
        " got 'много'",
    ),
    (
        "B-12",
        "organization: unknown value 'городская';"
        " expected republican (1), oblast (2), district (3), rural (4)",
    ),
    ("B-13", "level_since: given, but current_level is empty"),
    ("B-14", "level_since: empty; the date the grade was assigned is needed with the grade"),
    ("B-15", "level_since: 2027-01-01 is after the as-of date 2026-11-25"),
    (
        "B-16",
        "iin: the control digit does not match: the IIN is mistyped or belongs to someone else",
    ),
    ("B-17", "iin: expected 12 digits, got 11 characters"),
    (
        "B-18",
        "education_level: unknown level 'college'; expected one of tvet, post_secondary,"
        " applied_bachelor, bachelor, master, doctorate",
    ),
    ("B-19", "education_field: expected one of 'social', 'economic', 'financial' or 'legal'"),
    ('=HYPERLINK("http://evil.example";"click")', None),  # B-22: its name, unchanged in JSON
    ("B-25", None),
    (
        "B-23",
        f"current_level: '4.7' is not a grade of this standard; valid: {GRADES};"
        " iin: the control digit does not match: the IIN is mistyped or belongs to someone else",
    ),
    ("B-24", None),
]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": "en", "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_every_bad_row_keeps_its_place_and_says_why(tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    code, _, _ = run(
        "roster", str(FIXTURES / "bad-rows.csv"), "-o", str(report), "--as-of", str(AS_OF), "-q"
    )
    assert code == 1
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    found = [(r["name"] if r["id"] == "B-22" else r["id"], r["error"]) for r in rows]
    assert found == BAD_ROWS
    for row in rows:
        if row["error"] is not None:
            assert (row["next_level"], row["status"], row["eligible_on"]) == (None, None, None)
    assert rows[0]["next_level"] == "4.2"
    assert rows[-1]["next_level"] == "6"


def test_the_summary_names_the_first_errors_by_row(tmp_path: Path) -> None:
    code, out, _ = run(
        "roster",
        str(FIXTURES / "bad-rows.csv"),
        "-o",
        str(tmp_path / "r.csv"),
        "--as-of",
        str(AS_OF),
    )
    assert code == 1
    lines = out.splitlines()
    assert "Total: 23 rows; checked: 4; with errors: 19. Skipped as blank: 2 rows." in lines
    assert "  row 3: level_since: '31.02.2024' is not a real date" in lines
    assert "  row 7: id: empty; every row needs an employee number" in lines
    assert "  … (not shown: 14 rows)" in lines


def check_text(standard: Standard, tmp_path: Path, text: str) -> list[tuple[list[str], Verdict]]:
    """Every row of a CSV text with its verdict, through the roster's own reading."""
    path = tmp_path / "staff.csv"
    path.write_text(text, encoding="utf-8")
    written: list[tuple[list[str], Verdict]] = []
    with open_roster(path, {}) as source:
        checker = Checker(standard, source.layout, AS_OF)
        tally = Tally(AS_OF, source.layout)
        check_rows(source, checker, lambda c, v: written.append((c, v)), tally)
    return written


HEADER = "id;education_level;education_code;education_field;current_level;level_since;"
HEADER += "specialty_years;social_protection_years;management_years;organization\n"


@pytest.mark.parametrize("since", ["2023-02-01", "01.02.2023", "1.2.2023", " 01.02.2023 "])
def test_dates_are_iso_or_day_month_year(standard: Standard, tmp_path: Path, since: str) -> None:
    [(_, verdict)] = check_text(standard, tmp_path, HEADER + f"E;;0519023;;4.2;{since};;;;\n")
    assert (verdict.next_level, verdict.status) == ("4.3", "eligible")
    assert verdict.eligible_on == dt.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("code", "level", "next_level"),
    [
        ("0519023", "tvet", "4"),
        ("051902 3", "tvet", "4"),
        ("6B04101", "bachelor", "6"),
        ("6В04101", "bachelor", "6"),  # Cyrillic В
        ("7M04101", "master", "6"),
        ("8D04101", "doctorate", "6"),
    ],
)
def test_the_education_level_defaults_from_the_code(
    standard: Standard, tmp_path: Path, code: str, level: str, next_level: str
) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER + f"A;;{code};;;;;;;\nB;{level};{code};;;;;;;\n",
    )
    [(_, defaulted), (_, stated)] = rows
    assert defaulted.next_level == stated.next_level == next_level
    assert defaulted.status == stated.status == "eligible"


def test_a_code_that_does_not_tell_its_level(standard: Standard, tmp_path: Path) -> None:
    [(_, verdict)] = check_text(standard, tmp_path, HEADER + "E;;6R04101;;;;;;;\n")
    assert verdict.error == (
        "education_level: empty, and the code '6R04101' does not tell the level: give it"
        " (tvet, post_secondary, applied_bachelor, bachelor, master, doctorate)"
    )


def test_several_codes_are_several_diplomas(standard: Standard, tmp_path: Path) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER
        + 'A;;"0519023; 6B04101";;;;;;;\n'
        + 'B;"tvet;";"0519023;6B04101";;;;;;;\n'
        + 'C;"tvet;bachelor;master";"0519023;6B04101";;;;;;;\n',
    )
    assert [v.next_level for _, v in rows[:2]] == ["6", "6"]  # the higher entry grade
    assert rows[2][1].error == (
        "education_level: give one value for all codes, or one per code separated by ';'"
    )


def test_a_diploma_with_a_field_and_no_code(standard: Standard, tmp_path: Path) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER + "A;bachelor;;legal;6.3;2020-01-01;;;;district\nB;;;legal;;;;;;\n",
    )
    assert (rows[0][1].next_level, rows[0][1].status) == ("8.3-3", "eligible")
    assert rows[1][1].error == "education_level: empty; needed for a diploma without a code"


@pytest.mark.parametrize(
    ("level", "field", "organization"),
    [
        ("Высшее", "Юридическое", "районного значения"),
        ("жоғары", "құқықтық", "аудандық"),
        ("BACHELOR", "Legal", "District"),
        ("higher", "legal", "3"),
    ],
)
def test_russian_and_kazakh_values(
    standard: Standard, tmp_path: Path, level: str, field: str, organization: str
) -> None:
    [(_, verdict)] = check_text(
        standard, tmp_path, HEADER + f"E;{level};;{field};6.3;2020-01-01;;;;{organization}\n"
    )
    assert (verdict.next_level, verdict.status, verdict.error) == ("8.3-3", "eligible", None)


@pytest.mark.parametrize("years", ["3.5", "3,5", "3 г. 6 мес.", "3 жыл 6 ай", "3y 6m", "3.55"])
def test_years_decimal_or_written_out(standard: Standard, tmp_path: Path, years: str) -> None:
    [(_, verdict)] = check_text(
        standard, tmp_path, HEADER + f'E;;6B04101;;8.3-2;2024-01-01;;;"{years}";\n'
    )
    # 8.2 needs 5 years of management: 3 years 6 months before the as-of date, and growing.
    assert (verdict.next_level, verdict.status) == ("8.2-2", "not_yet")
    assert verdict.eligible_on == dt.date(2028, 5, 25)


def test_totals_that_do_not_matter_are_still_checked(standard: Standard, tmp_path: Path) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER + "A;;0519023;;4.1;2025-03-10;;;много;\nB;;0519023;;4.1;2025-03-10;;;2;\n",
    )
    assert rows[0][1].error is not None
    assert rows[0][1].error.startswith("management_years: expected years")
    assert rows[1][1].next_level == "4.2"


def test_more_years_than_a_working_life_mark_their_row(standard: Standard, tmp_path: Path) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER + "A;;6B04101;;8.3-2;2008-01-01;;;900101300008;\nB;;0519023;;4.1;2025-03-10;;;;\n",
    )
    assert rows[0][1].error == "management_years: expected at most 80 years, got '900101300008'"
    assert rows[1][1].next_level == "4.2"


def test_an_unreadable_byte_marks_its_row(standard: Standard, tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    good = "E-{};Иванова Айгүл;0519023\n"
    data = b"id;name;education_code\n" + good.format(1).encode()
    data += b"E-2;\xd0\x98\xff\xfe;0519023\n" + b"E-3;\xd0\x98\xff;0519023\n"
    data += good.format(4).encode()
    path.write_bytes(data)
    written: list[tuple[list[str], Verdict]] = []
    with open_roster(path, {}) as source:
        assert source.description["encoding"] == "utf-8"
        checker = Checker(standard, source.layout, AS_OF)
        check_rows(
            source, checker, lambda c, v: written.append((c, v)), Tally(AS_OF, source.layout)
        )
    errors = [v.error for _, v in written]
    assert errors[0] is None
    assert errors[1] == "name: holds bytes that are not utf-8 text (shown as �)"
    assert errors[2] == "name: holds bytes that are not utf-8 text (shown as �)"
    assert errors[3] is None
    assert [c[0] for c, _ in written] == ["E-1", "E-2", "E-3", "E-4"]


def test_a_row_the_csv_module_rejects_keeps_its_place(standard: Standard, tmp_path: Path) -> None:
    huge = "x" * 200_000  # beyond the csv module's field limit
    rows = check_text(
        standard,
        tmp_path,
        f"id;name;education_code\nE-1;a;0519023\nE-2;{huge};0519023\nE-3;b;0519023\n",
    )
    assert [v.error for _, v in rows][::2] == [None, None]
    assert rows[1][1].error == (
        "the row cannot be read as CSV (field larger than field limit (131072))"
    )
    assert len(rows) == 3


def test_an_xlsx_value_beyond_the_header(standard: Standard, tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    path = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "education_code"])
    sheet.append(["E-1", "0519023"])
    sheet.append(["E-2", "0519023", None, "note"])
    sheet.append(["E-3"])
    book.save(path)
    written: list[tuple[list[str], Verdict]] = []
    with open_roster(path, {}) as source:
        checker = Checker(standard, source.layout, AS_OF)
        check_rows(
            source, checker, lambda c, v: written.append((c, v)), Tally(AS_OF, source.layout)
        )
    assert [v.error for _, v in written] == [
        None,
        "the row has a value in column 4, beyond the header's 2 columns",
        "education_code: empty: give the diploma's code (several separated by ';'), or its field",
    ]


def test_the_same_situation_is_decided_once(standard: Standard, tmp_path: Path) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER + "".join(f"E-{i};;0519023;;4.1;2025-03-10;;;;\n" for i in range(50)),
    )
    assert len({id(v) for _, v in rows}) == 1
    assert rows[0][1].eligible_on == dt.date(2027, 3, 10)


def test_totals_the_next_grade_ignores_do_not_split_situations(
    standard: Standard, tmp_path: Path
) -> None:
    rows = check_text(
        standard,
        tmp_path,
        HEADER
        + "A;;0519023;;4.1;2025-03-10;1;2;3;rural\n"
        + "B;;0519023;;4.1;2025-03-10;4;5;6;district\n",
    )
    assert rows[0][1] is rows[1][1]


def test_memory_stays_bounded(
    standard: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzps.roster import cells, rows

    for module, name in (
        (rows, "ROW_MEMO"),
        (cells, "CELL_MEMO"),
        (rows, "CELL_MEMO"),
        (rows, "SITUATION_MEMO"),
    ):
        monkeypatch.setattr(module, name, 8)
    start = dt.date(2024, 3, 1)  # after 29 February, so that +2 years is plain
    days = [start + dt.timedelta(days=i) for i in range(60)]
    text = HEADER + "".join(f"E-{i};;0519023;;4.1;{d};;;;\n" for i, d in enumerate(days))
    path = tmp_path / "staff.csv"
    path.write_text(text, encoding="utf-8")
    found: list[Verdict] = []
    with open_roster(path, {}) as source:
        checker = Checker(standard, source.layout, AS_OF)
        check_rows(source, checker, lambda _, v: found.append(v), Tally(AS_OF, source.layout))
    assert max(len(checker._memo or {}), len(checker._verdicts), len(checker._dates)) <= 8
    assert [v.eligible_on for v in found] == [d.replace(year=d.year + 2) for d in days]


def _checker_after(
    standard: Standard, tmp_path: Path, lines: list[str]
) -> tuple[Checker, list[Verdict]]:
    path = tmp_path / "staff.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    found: list[Verdict] = []
    with open_roster(path, {}) as source:
        checker = Checker(standard, source.layout, AS_OF)
        check_rows(source, checker, lambda _, v: found.append(v), Tally(AS_OF, source.layout))
    return checker, found


def test_whole_rows_are_remembered_only_while_they_repeat(
    standard: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzps.roster import rows

    monkeypatch.setattr(rows, "ROW_MEMO", 8)
    start = dt.date(2024, 3, 1)
    days = [start + dt.timedelta(days=i) for i in range(40)]
    new = [f"E-{i};;0519023;;4.1;{d};;;;\n" for i, d in enumerate(days)]
    checker, found = _checker_after(standard, tmp_path, new)
    assert checker._memo is None  # every row new: looking rows up was given up
    assert [v.eligible_on for v in found] == [d.replace(year=d.year + 2) for d in days]
    same = [f"E-{i};;0519023;;4.1;{days[i % 3]};;;;\n" for i in range(40)]
    checker, found = _checker_after(standard, tmp_path, same)
    assert checker._memo is not None
    assert len(checker._memo) == 3
    assert [v.eligible_on for v in found] == [days[i % 3].replace(year=2026) for i in range(40)]
