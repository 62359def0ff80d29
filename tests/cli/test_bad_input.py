"""Bad input gets one clear line and a documented exit code, never a traceback; odd but
valid input gets a warning; a closed pipe or a signal ends the run cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "economist-master.yaml"
STAFF = ROOT / "examples" / "staff.csv"
runner = CliRunner()
CANDIDATE = (
    "id: E-7\nname: Ахметова Гульнара\neducation:\n  - level: tvet\n    code: '0519023'\n"
    "current:\n  level: '4.1'\n  since: 2025-03-10\n"
)


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


# -- files that are not what they should be ------------------------------------------------


def test_validate_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    cp1251 = tmp_path / "cards.yaml"
    cp1251.write_bytes("rules: Категория\n".encode("cp1251"))
    code, out, err = run("validate", str(cp1251))
    assert (code, out) == (2, "")
    assert err == (
        f"kzps: {cp1251}: not UTF-8 text (undecodable byte at position 8); save the file as UTF-8\n"
    )


def test_validate_refuses_a_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "cards.yaml"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _, err = run("validate", str(binary))
    assert code == 2
    assert err == (
        f"kzps: {binary}: not a text file (it holds binary data); give a YAML, JSON or CSV file\n"
    )


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "a folder, not a file"), ("ru", "это папка, а не файл")]
)
def test_check_on_a_folder_says_so_in_the_users_language(
    tmp_path: Path, lang: str, said: str
) -> None:
    code, out, err = run("check", str(tmp_path), lang=lang)
    assert (code, out) == (2, "")
    assert err == f"kzps: {tmp_path}: {said}\n"


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-8-sig"])
def test_candidate_files_from_windows_editors_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(CANDIDATE.encode(encoding))
    code, out, err = run("check", str(path), "--as-of", "2026-11-25", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["name"] == "Ахметова Гульнара"


def test_a_key_given_twice_is_an_error_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("id: E-1\n" + CANDIDATE, encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 3
    assert err == (
        f"kzps: {path}: line 2, column 1: not valid YAML or JSON (the key 'id' is given twice)\n"
    )


# -- dates as HR writes them ------------------------------------------------------------------


def test_day_month_year_dates_in_files_and_options(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CANDIDATE.replace("2025-03-10", "10.03.2025"), encoding="utf-8")
    code, out, _ = run("check", str(path), "--as-of", "25.11.2026", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert (result["as_of"], result["current"]["since"], result["next"]["eligible_on"]) == (
        "2026-11-25",
        "2025-03-10",
        "2027-03-10",
    )


# -- the report file --------------------------------------------------------------------------


def test_a_read_only_report_is_not_replaced_without_force(tmp_path: Path) -> None:
    """Read-only by its mode (as root, os.access says every file is writable)."""
    report = tmp_path / "report.csv"
    report.write_text("kept\n", encoding="utf-8")
    report.chmod(0o444)
    code, _, err = run("roster", str(STAFF), "-o", str(report), "-q")
    assert code == 2
    assert err == (
        f"kzps: {report}: the file is read-only; kzps does not replace it"
        " (give --force to replace it anyway, or another name)\n"
    )
    assert report.read_text(encoding="utf-8") == "kept\n"
    code, _, _ = run("roster", str(STAFF), "-o", str(report), "-q", "--force")
    assert code in {0, 1}
    assert report.read_text(encoding="utf-8-sig").startswith("Таб. номер")


def test_a_report_name_without_an_extension_lists_the_extensions(tmp_path: Path) -> None:
    code, _, err = run("roster", str(STAFF), "-o", str(tmp_path / "r"))
    assert code == 2
    assert err == (
        f"kzps: {tmp_path / 'r'}: the report's name has no extension;"
        " give one of .csv, .xlsx, .json, .jsonl or .html (report.csv)\n"
    )


# -- repeated rows and implausible values ------------------------------------------------------


def test_repeated_employee_numbers_and_iins_warn_on_both_rows(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "id;iin;education_code\n"
        "E-1;900101300007;0519023\nE-2;850325300013;0519023\n"
        "E-1;880101300000;0519023\nE-3;900101300007;0519023\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.json"
    result = runner.invoke(app, ["roster", str(staff), "-o", str(report)], env={"KZPS_LANG": "en"})
    assert result.exit_code == 0, result.stderr
    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [r["warning"] for r in rows] == [
        "id: the employee number 'E-1' is on more than one row;"
        " iin: this IIN is on more than one row",
        None,
        "id: the employee number 'E-1' is on more than one row",
        "iin: this IIN is on more than one row",
    ]
    assert all(r["status"] == "eligible" for r in rows)  # every row is still checked
    assert "Rows with a repeated employee number or IIN: 3" in result.stdout


def test_an_early_grade_date_warns(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CANDIDATE.replace("2025-03-10", "1949-12-31"), encoding="utf-8")
    code, out, _ = run("check", str(path), "--format", "json", "--as-of", "2026-11-25")
    assert code == 0
    assert json.loads(out)["warnings"] == [
        "1949-12-31 is before 1950-01-01: check the date (it is counted as written)"
    ]


def test_a_grade_whose_n_disagrees_with_the_organisation_says_which_was_used(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "education:\n  - level: bachelor\n    code: 6B04101\norganization: district\n"
        "current:\n  level: 8.3-1\n  since: 2024-01-01\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(path), "--format", "json", "--as-of", "2026-11-25")
    assert code == 0
    result = json.loads(out)
    assert result["next"]["level"] == "8.2-3"
    assert result["warnings"] == [
        "the grade 8.3-1 and the organisation (district) give different significances:"
        " kzps used the organisation's, 3"
    ]


# -- what a user sees ---------------------------------------------------------------------------


def test_a_grade_met_by_holding_says_only_why() -> None:
    code, out, _ = run("check", str(ROOT / "examples" / "category-one-specialist.yaml"))
    assert code == 0
    implied = [line for line in out.splitlines() if "met by holding" in line]
    assert implied == []  # this person's next grade needs time, not a held grade
    code, out, _ = run("check", str(EXAMPLE), "--as-of", "2026-11-25")
    assert "0 days; met by" not in out


def test_the_card_names_its_paragraph_once() -> None:
    code, out, _ = run("card", "11", lang="ru")
    assert code == 0
    assert "(пункт 11) (п. 11)" not in out
    assert "(п. 11)" in out


def test_the_candidate_schema_names_no_document_users_lack() -> None:
    code, out, _ = run("schema", "candidate")
    assert code == 0
    assert "CONTRACT" not in out


def test_the_roster_summary_keeps_long_lines_whole_in_a_log(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "fixtures" / "roster" / "bad-rows.csv"
    code, out, _ = run("roster", str(bad), "-o", str(tmp_path / "r.csv"), "--as-of", "2026-11-30")
    assert code == 1
    line = next(x for x in out.splitlines() if "'4.7' is not a grade" in x)
    assert line.endswith("8.2-4")  # the whole list of grades, on the line it began


# -- a closed pipe and signals, as a shell gives them ---------------------------------------------


def _kzps() -> str:
    command = Path(sys.executable).with_name("kzps")
    assert command.exists(), f"kzps is not installed next to {sys.executable}"
    return str(command)


@pytest.mark.parametrize(
    "command",
    [
        "{kzps} --help | head -1",
        "{kzps} check {example} | head -1",
        "{kzps} cards | head -1",
        "{kzps} roster {big} 2>/dev/null | head -2",
    ],
)
def test_a_closed_pipe_ends_quietly_with_the_same_code(command: str, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text(
        "id;education_code\n" + "".join(f"E-{i};0519023\n" for i in range(20000)),
        encoding="utf-8",
    )
    script = command.format(kzps=_kzps(), example=EXAMPLE, big=big)
    codes = set()
    for _ in range(3):
        done = subprocess.run(  # noqa: S602 - a fixed pipeline, as a user's shell runs it
            f"{script}; exit ${{PIPESTATUS[0]}}",
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            text=True,
            check=False,
        )
        codes.add(done.returncode)
        assert done.stderr == ""
        assert done.stdout
    assert codes == {0}


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_removes_the_half_written_report(
    tmp_path: Path, sent: signal.Signals, code: int
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "id;education_code;current_level;level_since\n"
        + "".join(
            f"E-{i};0519023;4.1;2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n" for i in range(400000)
        ),
        encoding="utf-8",
    )
    report = tmp_path / "out" / "rep.csv"
    report.parent.mkdir()
    running = subprocess.Popen(  # noqa: S603 - the project's own command
        [_kzps(), "roster", str(staff), "-o", str(report), "-q", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: helpers left behind would be in it
    )
    deadline = time.monotonic() + 60
    while not list(report.parent.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(report.parent.iterdir()), "the report's temporary file never appeared"
    running.send_signal(sent)
    assert running.wait(timeout=60) == code
    assert list(report.parent.iterdir()) == []
    with pytest.raises(ProcessLookupError):  # the helpers checking its parts ended with it
        os.killpg(running.pid, 0)
