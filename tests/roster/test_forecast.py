"""The promotion forecast: who counts in which month, what is kept, and how it is shown —
on the terminal, in the Excel summary and as JSON for scripts."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped,unused-ignore]
from typer.testing import CliRunner

from kzps.cli import app
from kzps.roster.forecast import NAMED, Forecast
from kzps.roster.header import Layout
from kzps.roster.tally import Tally
from kzps.roster.verdict import Verdict

STAFF = Path(__file__).parents[2] / "examples" / "staff.csv"
AS_OF = dt.date(2026, 11, 25)
LAYOUT = Layout(header=("id", "name"), index={"id": 0, "name": 1}, row=1)
runner = CliRunner()


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": lang, "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def tally(months: int = 12) -> Tally:
    return Tally(AS_OF, LAYOUT, forecast=Forecast(AS_OF, months))


def waiting(day: dt.date, level: str = "4.2", grade: str | None = "4.1") -> Verdict:
    return Verdict(next_level=level, status="not_yet", eligible_on=day, grade=grade)


def test_a_person_counts_in_the_month_their_date_falls() -> None:
    counted = tally()
    rows = [
        waiting(dt.date(2026, 11, 28)),  # the rest of the as-of month is the first month
        waiting(dt.date(2026, 12, 1), "6.2", "6.1"),
        waiting(dt.date(2027, 10, 31)),  # the last day of the twelfth month
        waiting(dt.date(2027, 11, 1)),  # after the forecast: counted, not placed in a month
        Verdict(next_level="6", status="eligible", grade=None),
        Verdict(next_level="6.2", status="eligible", eligible_on=dt.date(2026, 9, 1), grade="6.1"),
        Verdict(next_level="6.3", status="needs_review", eligible_on=dt.date(2027, 1, 1)),
        Verdict(next_level="5.3", status="not_eligible", missing=("education",)),
        Verdict(),  # the top of the standard
    ]
    for row, verdict in enumerate(rows, 2):
        counted.add(row, [f"E-{row}", f"Name {row}"], verdict)
    forecast = counted.forecast
    assert forecast is not None
    assert [forecast.total(m) for m in range(12)] == [1, 1] + [0] * 9 + [1]
    assert forecast.eligible_now == 2
    assert forecast.after == 1
    assert forecast.later == {"4.2": 1}
    assert {level: cell.people for level, cell in forecast.in_month(1).items()} == {"6.2": 1}
    assert [p.id for p in forecast.named_in(11)] == ["E-4"]
    assert forecast.now["6.2"].sources == {"6.1": 1}
    assert forecast.now["6"].sources == {None: 1}


def test_the_months_are_calendar_months_the_first_from_the_as_of_date() -> None:
    calendar = Forecast(dt.date(2026, 12, 31), 3).calendar()
    assert [(m.first, m.last) for m in calendar] == [
        (dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
        (dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
        (dt.date(2027, 2, 1), dt.date(2027, 2, 28)),
    ]
    assert Forecast(AS_OF, 12).until == dt.date(2027, 10, 31)


def test_a_month_names_its_soonest_people_and_counts_the_rest() -> None:
    counted = tally()
    for row in range(2, 2 + NAMED + 5):  # later rows, earlier dates
        counted.add(row, [f"E-{row}", ""], waiting(dt.date(2027, 1, 31 - row)))
    forecast = counted.forecast
    assert forecast is not None
    named = forecast.named_in(2)
    assert len(named) == NAMED
    assert forecast.total(2) == NAMED + 5
    assert named[0].eligible_on == dt.date(2027, 1, 31 - (NAMED + 6))
    assert named == sorted(named, key=lambda p: (p.eligible_on or dt.date.min, p.row))


verdicts = st.lists(
    st.tuples(
        st.sampled_from(["eligible", "not_yet", "needs_review", "not_eligible"]),
        st.integers(min_value=1, max_value=800),
        st.sampled_from(["4.2", "4.3", "6.2"]),
    ),
    max_size=80,
)


@given(verdicts)
def test_every_eligible_or_waiting_person_is_counted_once(
    found: list[tuple[str, int, str]],
) -> None:
    counted = tally()
    for row, (status, days, level) in enumerate(found, 2):
        day = AS_OF + dt.timedelta(days=days)
        counted.add(row, [str(row), ""], Verdict(next_level=level, status=status, eligible_on=day))
    forecast = counted.forecast
    assert forecast is not None
    waiting = [(AS_OF + dt.timedelta(days=d), lv) for s, d, lv in found if s == "not_yet"]
    assert forecast.eligible_now == sum(s == "eligible" for s, _, _ in found)
    assert forecast.within + forecast.after == len(waiting)
    for month in forecast.calendar():
        inside = [(d, lv) for d, lv in waiting if month.first <= d <= month.last]
        assert forecast.total(month.offset) == len(inside)
        for level, cell in forecast.in_month(month.offset).items():
            dates = sorted(d for d, lv in inside if lv == level)
            assert cell.people == len(dates)
            assert [p.eligible_on for p in cell.named] == dates[:NAMED]  # the soonest, in order


def test_the_summary_shows_the_forecast_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    code, stdout, stderr = run(
        "roster", str(STAFF), "--as-of", "2026-11-25", "-o", str(out), "--forecast", "12"
    )
    assert (code, stderr) == (1, "")
    lines = [line.rstrip() for line in stdout.splitlines()]
    start = lines.index("Promotion forecast for 12 months: 2026-11-25 – 2027-10-31")
    assert lines[start + 1 : start + 6] == [
        "  Month                            People                Next grade",
        "  Eligible now, not yet promoted        4                6: 1, 6.2: 1, 8.3-3: 1, 8.2-2: 1",
        "  November 2026                         0",
        "  December 2026                         1   ██████████   4.3: 1",
        "  January 2027                          0",
    ]
    assert lines[start + 15 :] == [
        "  After 2027-10-31                      1                6.2: 1",
        "Who becomes eligible, month by month",
        "  December 2026",
        "    0009 Ли Светлана Александровна → 4.3 from 2026-12-20",
        "  March 2027",
        "    0001 Сейітова Айгүл Маратқызы → 4.2 from 2027-03-10",
        f"Report: {out}",
    ]
    code, stdout, _ = run("roster", str(STAFF), "--as-of", "2026-11-25", "-o", str(out))
    assert "Promotion forecast" not in stdout


def test_the_forecast_in_russian_and_kazakh(tmp_path: Path) -> None:
    out = str(tmp_path / "r.csv")
    options = ("roster", str(STAFF), "--as-of", "2026-11-25", "-o", out, "--forecast", "3")
    ru = run(*options, lang="ru")[1].splitlines()
    assert "Прогноз повышений на 3 месяца: 25.11.2026 – 31.01.2027" in ru
    assert "    0009 Ли Светлана Александровна → 4.3 с 20.12.2026" in ru
    kk = [line.rstrip() for line in run(*options, lang="kk")[1].splitlines()]
    assert "Өсу болжамы (3 ай): 25.11.2026 – 31.01.2027" in kk
    assert "  2026 ж. желтоқсан" in kk


def test_forecast_out_writes_json_for_scripts(tmp_path: Path) -> None:
    out, forecast = tmp_path / "report.json", tmp_path / "forecast.json"
    code, _, _ = run(
        "roster", str(STAFF), "--as-of", "2026-11-25", "-o", str(out), "-q",
        "--forecast", "12", "--forecast-out", str(forecast),
    )  # fmt: skip
    assert code == 1
    assert isinstance(json.loads(out.read_text(encoding="utf-8")), list)  # the row report
    data = json.loads(forecast.read_text(encoding="utf-8"))
    assert (data["as_of"], data["months"], data["until"]) == ("2026-11-25", 12, "2027-10-31")
    assert data["standard"] == {"code": "K65301002", "edition": "2026-07-12"}
    assert data["overlays"] == []
    now = data["eligible_now"]
    assert now["people"] == 4
    assert [g["level"] for g in now["grades"]] == ["6", "6.2", "8.3-3", "8.2-2"]
    assert now["grades"][0]["current_levels"] == [{"level": None, "people": 1}]
    assert [m["people"] for m in data["by_month"]] == [0, 1, 0, 0, 1] + [0] * 7
    assert data["by_month"][0] | {"grades": []} == {
        "month": "2026-11", "from": "2026-11-25", "to": "2026-11-30", "people": 0, "grades": [],
    }  # fmt: skip
    assert data["by_month"][1]["grades"] == [
        {
            "level": "4.3",
            "people": 1,
            "current_levels": [{"level": "4.2", "people": 1}],
            "named": [
                {
                    "row": 10,
                    "id": "0009",
                    "name": "Ли Светлана Александровна",
                    "current_level": "4.2",
                    "eligible_on": "2026-12-20",
                }
            ],
            "not_named": 0,
        }
    ]
    assert data["later"] == {"people": 1, "grades": [{"level": "6.2", "people": 1}]}
    assert "850325" not in forecast.read_text(encoding="utf-8")  # no IIN, not even masked


def test_forecast_out_dash_prints_only_the_json(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    code, stdout, stderr = run(
        "roster", str(STAFF), "--as-of", "2026-11-25", "-o", str(out), "--forecast-out", "-"
    )
    assert code == 1
    assert json.loads(stdout)["months"] == 12  # --forecast-out alone: 12 months
    assert "Promotion forecast for 12 months" in stderr  # the summary keeps out of the way


def test_wrong_forecast_options_are_usage_errors(tmp_path: Path) -> None:
    out = str(tmp_path / "r.csv")
    json_out = str(tmp_path / "r.json")
    cases = [
        (
            ["--forecast", "0", "-o", out],
            "--forecast: expected a number of months from 1 to 120, got 0",
        ),
        (
            ["--forecast-out", str(tmp_path / "f.csv"), "-o", out],
            f"{tmp_path / 'f.csv'}: the forecast is written as JSON:"
            " give a name ending in .json, or - for standard output",
        ),
        (
            ["--forecast-out", "-"],
            "--forecast-out: standard output already carries the CSV report;"
            " give the report a file with -o, or the forecast a file",
        ),
        (
            ["--forecast-out", json_out, "-o", json_out],
            f"{json_out}: the forecast would replace the report; choose another name",
        ),
    ]
    for options, message in cases:
        code, stdout, stderr = run("roster", str(STAFF), "--as-of", "2026-11-25", *options)
        assert (code, stderr) == (2, f"kzps: {message}\n")
        assert stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_the_excel_summary_has_the_forecast_and_its_chart(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    options = ("roster", str(STAFF), "--as-of", "2026-11-25", "-o", str(out), "-q")
    assert run(*options, "--forecast", "12")[0] == 1
    sheet = load_workbook(out)["Summary"]
    cells = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    start = next(
        i
        for i, row in enumerate(cells)
        if row[0] == ("Promotion forecast for 12 months: 2026-11-25 – 2027-10-31")
    )
    assert cells[start + 1][:8] == ("Month", "Total", "4.2", "4.3", "6", "6.2", "8.3-3", "8.2-2")
    assert cells[start + 2][:8] == ("Eligible now, not yet promoted", 4, 0, 0, 1, 1, 1, 1)
    assert cells[start + 4][:4] == ("December 2026", 1, 0, 1)
    assert cells[start + 15][:6] == ("After 2027-10-31", 1, 0, 0, 0, 1)
    who = next(i for i, row in enumerate(cells) if row[0] == "Who becomes eligible, month by month")
    assert [row[1] for row in cells[who + 2 : who + 6]] == ["6", "6.2", "8.3-3", "8.2-2"]
    assert cells[who + 2][3:5] == ("0003", "Қасымова Гүлнар Ерланқызы")
    assert cells[who + 6][0:2] == ("December 2026", "4.3")
    assert cells[who + 6][3:5] == ("0009", "Ли Светлана Александровна")
    with zipfile.ZipFile(out) as book:
        charts = [n for n in book.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 3
        assert b'<c:grouping val="stacked"/>' in book.read("xl/charts/chart3.xml")
    assert run(*options)[0] == 1
    plain = [row[0] for row in load_workbook(out)["Summary"].iter_rows(values_only=True)]
    assert not any(str(text).startswith("Promotion forecast") for text in plain)
