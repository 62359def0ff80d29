"""Invariants of `kzps roster` over random rosters (Hypothesis).

- N rows in, valid or not, give N rows out, in the same order;
- a row's result is what `kzps check` says of the same person written as a candidate file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kzps.cli import app

AS_OF = dt.date(2026, 11, 25)
runner = CliRunner()
HEADER = [
    "n",
    "id",
    "name",
    "iin",
    "education_level",
    "education_code",
    "education_field",
    "current_level",
    "level_since",
    "specialty_years",
    "social_protection_years",
    "management_years",
    "organization",
]
# (roster cells, candidate-file diplomas)
EDUCATION: list[tuple[tuple[str, str, str], list[dict[str, str]]]] = [
    (("", "0519023", ""), [{"level": "tvet", "code": "0519023"}]),
    (("tvet", "051902 3", ""), [{"level": "tvet", "code": "051902 3"}]),
    (("", "1304000", ""), [{"level": "tvet", "code": "1304000"}]),
    (("post_secondary", "0519000", ""), [{"level": "post_secondary", "code": "0519000"}]),
    (("applied_bachelor", "0519000", ""), [{"level": "applied_bachelor", "code": "0519000"}]),
    (("", "6B04101", ""), [{"level": "bachelor", "code": "6B04101"}]),
    (("", "6B10201", ""), [{"level": "bachelor", "code": "6B10201"}]),
    (("", "5B090500", ""), [{"level": "bachelor", "code": "5B090500"}]),
    (("", "7M11401", ""), [{"level": "master", "code": "7M11401"}]),
    (("bachelor", "", "legal"), [{"level": "bachelor", "field": "legal"}]),
    (
        ("", "0519023;6B04101", ""),
        [{"level": "tvet", "code": "0519023"}, {"level": "bachelor", "code": "6B04101"}],
    ),
    (("college", "6B04101", ""), [{"level": "college", "code": "6B04101"}]),  # invalid
    (("", "6B04101", "medical"), [{"level": "bachelor", "code": "6B04101", "field": "medical"}]),
]
GRADES = ["4", "4.1", "4.2", "4.3", "5.3", "6", "6.1", "6.2", "6.3", "8.3-2", "8.2-3", "4.5"]
ORGANISATIONS = [("republican", "republican"), ("2", "2"), ("районного значения", "district")]
days = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2027, 3, 1))
years = st.integers(min_value=0, max_value=15 * 12)


def written_years(months: int, style: int) -> str:
    """Months as a roster writes them: `4.5`, `4,5`, `4 г. 6 мес.` or `4y 6m`."""
    whole, rest = divmod(months, 12)
    decimal = f"{whole + rest / 12:.4f}".rstrip("0").rstrip(".")
    return [decimal, decimal.replace(".", ","), f"{whole} г. {rest} мес.", f"{whole}y {rest}m"][
        style
    ]


@st.composite
def people(draw: st.DrawFn) -> tuple[list[str], dict[str, Any]]:
    """A person as a roster row and as a candidate file."""
    cells, diplomas = draw(st.sampled_from(EDUCATION))
    row = dict.fromkeys(HEADER, "")
    row["id"] = draw(st.from_regex(r"E-[0-9]{3}", fullmatch=True))
    row["education_level"], row["education_code"], row["education_field"] = cells
    candidate: dict[str, Any] = {"id": row["id"], "education": diplomas}
    if draw(st.booleans()):
        grade, since = draw(st.sampled_from(GRADES)), draw(days)
        row["current_level"] = grade
        row["level_since"] = since.strftime("%d.%m.%Y") if draw(st.booleans()) else str(since)
        candidate["current"] = {"level": grade, "since": str(since)}
    totals = {}
    for column, kind in (
        ("specialty_years", "specialty"),
        ("social_protection_years", "social_protection"),
        ("management_years", "management"),
    ):
        if draw(st.booleans()):
            months, style = draw(years), draw(st.integers(0, 3))
            row[column] = written_years(months, style)
            totals[kind] = row[column]
    if totals:
        candidate["experience"] = totals
    if draw(st.booleans()):
        written, key = draw(st.sampled_from(ORGANISATIONS))
        row["organization"] = written
        candidate["organization"] = key
    return [row[c] for c in HEADER], candidate


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": "en"})
    # exit 1 is also what a crash gives: only kzps's own exits count
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def roster_rows(folder: Path, rows: list[list[str]], delimiter: str, encoding: str) -> list[Any]:
    """Run `kzps roster` on these rows; the report as JSON objects."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADER, *rows])
    staff = folder / "staff.csv"
    staff.write_bytes(buffer.getvalue().encode(encoding))
    report = folder / "report.jsonl"
    code, _, err = run("roster", str(staff), "-o", str(report), "--as-of", str(AS_OF), "-q")
    assert code in {0, 1}, err
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]


BAD_CELLS = st.sampled_from(
    ["", "31.02.2024", "2024/01/01", "высшая", "4.7", "05-19", "много", "=1+1", "900101300008"]
)


@st.composite
def any_rows(draw: st.DrawFn) -> list[str]:
    """A row that may be valid or broken in any cell, or have the wrong number of cells."""
    cells, _ = draw(people())
    for i in draw(st.lists(st.integers(1, len(HEADER) - 1), max_size=3)):
        cells[i] = draw(BAD_CELLS)
    change = draw(st.sampled_from([0, 0, 0, -2, 1]))
    return cells[: len(cells) + change] if change < 0 else cells + ["extra"] * change


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(any_rows(), min_size=1, max_size=12),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_n_rows_in_give_n_rows_out_in_order(
    rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    for number, row in enumerate(rows):
        row[0] = f"#{number}"  # the passed-through column that tells rows apart
    with tempfile.TemporaryDirectory() as folder:
        out = roster_rows(Path(folder), rows, delimiter, encoding)
    assert [r["n"] for r in out] == [f"#{i}" for i in range(len(rows))]
    for row, result in zip(rows, out, strict=True):
        assert (result["error"] is None) == (result["status"] is not None or _top(result))
        if len(row) != len(HEADER):
            assert result["error"].startswith(f"the row has {len(row)} cells")


def _top(result: dict[str, Any]) -> bool:
    """A checked row at the top of the standard has no next grade and no status."""
    return result["error"] is None and result["next_level"] is None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people(), min_size=1, max_size=6))
def test_a_row_says_what_kzps_check_says(persons: list[tuple[list[str], dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        out = roster_rows(folder, [cells for cells, _ in persons], ";", "utf-8")
        for (_, candidate), row in zip(persons, out, strict=True):
            file = folder / "candidate.yaml"
            file.write_text(yaml.safe_dump(candidate, allow_unicode=True), encoding="utf-8")
            code, stdout, _ = run("check", str(file), "--as-of", str(AS_OF), "--format", "json")
            if code == 3:  # the candidate does not validate: the row says why
                assert row["error"] is not None
                continue
            assert code == 0
            assert row["error"] is None
            expected = json.loads(stdout)["next"]
            if expected is None:
                assert (row["next_level"], row["status"]) == (None, None)
                continue
            assert (row["next_level"], row["status"], row["eligible_on"], row["missing"]) == (
                expected["level"],
                expected["status"],
                expected["eligible_on"],
                expected["missing"],
            )
