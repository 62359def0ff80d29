"""A long CSV list checked by several processes gives the report and summary of one
process, byte for byte, whatever the rows hold and whichever helper fails."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzps.roster import parallel
from kzps.roster.forecast import forecast_data
from kzps.roster.iin import control_digit
from kzps.roster.repeats import Seen
from kzps.roster.run import Run, run_roster
from kzps.roster.sources import open_roster
from kzps.standard import load_standard

STANDARD = load_standard()
AS_OF = dt.date(2026, 11, 25)
HEADER = "id;name;iin;education_code;current_level;level_since;specialty_years;organization\n"
GRADES = ["", "4", "4.1", "4.2", "4.3", "6", "6.1", "6.2", "6.3"]
CODES = ["0519023", "6B04101", "5B050600", "0501023"]


def iin(number: int) -> str:
    """A valid IIN of its own for each employee: a birth date, the century digit, a
    serial number and its control digit."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=number % 16000)
    serial = (number // 16000) * 2
    while (digit := control_digit(head := f"{born:%y%m%d}3{serial:04d}")) is None:
        serial += 1  # an odd serial is never another employee's
    return f"{head}{digit}"


def staff(rows: int, *, quoted: bool = True) -> bytes:
    """A staff list with all a real one holds: grades on every kind of day, blank rows,
    rows with errors, a cell with a line break (unless not `quoted`: then every line is
    a row, and helpers pass over the rows before their parts by their bytes alone), an
    unreadable byte, a short row, and an employee number and an IIN that stand on two
    rows far apart."""
    lines = [HEADER.encode()]
    for n in range(1, rows + 1):
        grade = GRADES[n % len(GRADES)]
        code = CODES[n % len(CODES)] if grade[:1] != "6" else "6B04101"
        since = (AS_OF - dt.timedelta(days=(n * 37) % 3000 + 1)).isoformat() if grade else ""
        years = f"{(n * 7) % 150 / 10}" if n % 3 else ""
        name = f"Person {n}"
        number = f"E-{n}"
        person_iin = iin(n)
        if n % 97 == 0:
            lines.append(b";;;;;;;\n")  # blank
            continue
        if n % 89 == 0:
            since = "31.02.2024"  # no such day: an error
        if n % 113 == 0 and quoted:
            name = f'"Person\n{n}"'  # a line break inside a quoted cell
        if n == rows - 3:
            number, person_iin = "E-3", iin(3)  # the same employee as row 3
        line = f"{number};{name};{person_iin};{code};{grade};{since};{years};областного значения\n"
        data = line.encode()
        if n % 151 == 0:
            data = data.replace(b"Person", b"Pers\xffon")  # a byte UTF-8 cannot read
        if n % 173 == 0:
            data = f"{number};{name}\n".encode()  # too few cells
        lines.append(data)
    return b"".join(lines)


def checked(
    path: Path, output: Path | None, jobs: int, forecast: int | None = 12
) -> tuple[Run, bytes]:
    """A run and its report's bytes (standard output's without a file)."""
    if output is not None:
        done = run_roster(path, STANDARD, AS_OF, output=output, forecast=forecast, jobs=jobs)
        return done, output.read_bytes()
    captured = io.BytesIO()
    stdout = sys.stdout
    sys.stdout = io.TextIOWrapper(captured, encoding="utf-8")
    try:
        done = run_roster(path, STANDARD, AS_OF, forecast=forecast, jobs=jobs)
        sys.stdout.flush()
        return done, captured.getvalue()
    finally:
        sys.stdout = stdout


def counted(done: Run) -> dict[str, Any]:
    """Everything a summary or a forecast shows of a run."""
    tally = done.tally
    return {
        "counts": list(tally.counts.items()),
        "blank": tally.blank,
        "first_errors": tally.first_errors,
        "eligible_first": tally.eligible_first,
        "soon": tally.soon,
        "soon_first": tally.soon_first,
        "warned": tally.warned,
        "repeated": tally.repeated,
        "forecast": json.dumps(forecast_data(tally.forecast, STANDARD)) if tally.forecast else None,
    }


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Parts of a few dozen rows, and the helpers forked, counted."""
    monkeypatch.setattr(parallel, "PART_ROWS", 40)
    made: list[int] = []
    fork = os.fork

    def counting() -> int:
        pid = fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting)
    return made


@pytest.mark.parametrize("quoted", [True, False])
@pytest.mark.parametrize("jobs", [2, 3, 4])
def test_parts_give_the_report_and_summary_of_one_process(
    tmp_path: Path, forks: list[int], jobs: int, quoted: bool
) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(900, quoted=quoted))
    one, alone = checked(path, tmp_path / "one.csv", jobs=1)
    assert forks == []
    several, parts = checked(path, tmp_path / "parts.csv", jobs=jobs)
    assert len(forks) == 2 * (jobs - 1)  # checked twice: a number repeats, found at the end
    assert parts == alone
    assert counted(several) == counted(one)
    assert one.tally.repeated == 2  # rows 3 and 897, in different parts
    assert one.tally.blank == 9
    assert one.tally.errors > 0
    assert one.tally.forecast is not None
    assert one.tally.forecast.within > 0


def test_parts_on_standard_output_give_the_same_report(tmp_path: Path, forks: list[int]) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(500))
    one, alone = checked(path, None, jobs=1, forecast=None)
    several, parts = checked(path, None, jobs=3)
    assert len(forks) == 2  # standard output: repeats are found first, by a pass of reading
    assert parts == alone
    assert alone.startswith(b"id;name;iin")  # one header, no BOM on standard output
    assert parts.count(b"id;name;iin") == 1
    assert counted(several)["counts"] == counted(one)["counts"]


def test_a_failed_helper_is_no_loss(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(600))
    one, alone = checked(path, tmp_path / "one.csv", jobs=1)

    def broken(*_: object, **__: object) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(pickle, "dump", broken)  # how a helper sends its counts back
    several, parts = checked(path, tmp_path / "parts.csv", jobs=3)
    assert len(forks) == 2 * 2  # each pass's helpers fail; the report is made twice
    assert parts == alone
    assert counted(several) == counted(one)


def test_a_short_list_a_workbook_and_other_reports_use_one_process(
    tmp_path: Path, forks: list[int]
) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(60))  # fewer rows than two parts need
    checked(path, tmp_path / "one.csv", jobs=4)
    assert forks == []
    path.write_bytes(staff(400))
    run_roster(path, STANDARD, AS_OF, output=tmp_path / "r.jsonl", jobs=4)
    assert forks == []


def test_a_list_is_cut_by_its_estimated_rows(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(100))
    assert 90 <= parallel.estimated_rows(path) <= 110
    assert parallel.estimated_rows(tmp_path / "missing.csv") == 0
    path.write_bytes(b"")
    assert parallel.estimated_rows(path) == 0
    assert parallel.cuts(path, 1, 4, passable=True) == []


def test_later_parts_are_smaller_since_their_helpers_skip_rows_first() -> None:
    ends = parallel.part_ends(1, 100_000, 4)
    sizes = [b - a for a, b in zip([1, *ends], [*ends, 100_001], strict=True)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] > sizes[-1] * 1.5
    assert parallel.part_ends(1, 100_000, 2) == [1 + round(100_000 / 1.8)]
    # Rows passed over by their bytes cost little: the parts are nearly equal.
    assert parallel.part_ends(1, 100_000, 2, parallel.PASS_COST) == [1 + round(100_000 / 1.95)]


@given(
    header=st.integers(1, 10),
    rows=st.integers(0, 10**7),
    parts=st.integers(0, 8),
)
def test_parts_cover_the_rows_in_order(header: int, rows: int, parts: int) -> None:
    ends = parallel.part_ends(header, rows, parts)
    assert len(ends) == max(0, parts - 1)
    assert ends == sorted(ends)
    assert all(header <= end <= header + rows for end in ends)


def test_jobs_default_to_the_cores_at_most_four() -> None:
    assert 1 <= parallel.available_jobs() <= parallel.MOST_JOBS


def _kzps() -> str:
    return str(Path(sys.executable).with_name("kzps"))


def test_jobs_on_the_command_line_give_the_same_report(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(2 * parallel.PART_ROWS + 2000))  # long enough for two parts
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.csv"
        done = subprocess.run(  # noqa: S603 - the project's own command
            [_kzps(), "roster", str(path), "-o", str(out), "--as-of", "2026-11-25", "-j", jobs],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "KZPS_LANG": "en", "COLUMNS": "200"},
        )
        assert done.returncode == 1, done.stderr  # the list has rows with errors
        assert "Total: " in done.stdout
        reports.append((out.read_bytes(), done.stdout.replace(out.name, "report")))
    assert reports[0] == reports[1]


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(10))
    done = subprocess.run(  # noqa: S603 - the project's own command
        [_kzps(), "roster", str(path), "--jobs", "0", "-q"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KZPS_LANG": "en"},
    )
    assert done.returncode == 2
    assert done.stderr == "kzps: --jobs: expected a number of processes of at least 1, got 0\n"
    assert done.stdout == ""


def test_the_numbers_a_helper_saw_reach_this_process_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(300))
    with open_roster(path, {}) as source:
        helper, here = Seen(source), Seen(source)
        rows = [cells for cells in source.records() if isinstance(cells, list) and len(cells) == 8]
    for cells in rows[:150]:
        here.add(cells)
    for cells in rows[150:]:
        helper.add(cells)
    with tempfile.TemporaryFile() as stream:
        helper.save(stream)
        stream.truncate(stream.tell() - 8)  # one hash short
        stream.seek(0)
        with pytest.raises(ValueError, match="incomplete"):
            here.load(stream)
    assert not here.repeats()  # nothing was added
    with tempfile.TemporaryFile() as stream:
        helper.save(stream)
        stream.seek(0)
        here.load(stream)
    repeats = here.repeats()
    later = next(cells for cells in rows[150:] if cells[0] == "E-3")
    assert repeats.of(rows[2])  # E-3, seen here
    assert repeats.of(later)  # E-3 again, seen by the helper
    assert not repeats.of(rows[10])
