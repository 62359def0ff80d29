"""The command line: exit codes and the exact lines a user sees (CONTRACT §Exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": "en"})
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


VALID = (
    'education:\n  - level: tvet\n    code: "0519023"\n'
    'current:\n  level: "4.1"\n  since: 2025-03-10\n'
)


def test_check_table_opens_with_one_sentence(tmp_path: Path) -> None:
    code, out, _ = run("check", write(tmp_path, VALID), "--as-of", "2026-11-25")
    assert code == 0
    assert out.splitlines()[0] == (
        "Not yet: eligible for 4.2 from 2027-03-10 — 3 months 13 days more at 4.1"
    )
    assert "✗" in out
    assert "para 9" in out


def test_check_table_lists_each_finding_wrapped_to_the_terminal(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["check", write(tmp_path, VALID), "--as-of", "2026-11-25"],
        env={"KZPS_LANG": "en", "COLUMNS": "60"},
    )
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Not yet: eligible for 4.2 from 2027-03-10 — 3 months 13 days",
        "more at 4.1",
    ]
    assert lines[2:11] == [
        "Current grade: 4.1 (category II), 2025-03-10",
        "",
        "✓ Education · para 9",
        "    Required: technical and vocational education or higher",
        "              in 0500000, 0501000, 0501023, 0519000, 0519023",
        "    Has:      technical and vocational education 0519023",
        "              (listed)",
        "✗ Experience · para 9",
        "    Required: 2 years at 4.1",
    ]
    assert all(len(line) <= 60 for line in lines)
    assert "\x1b[" not in result.stdout  # no colour codes when not on a terminal


def test_check_json_is_the_api_result(tmp_path: Path) -> None:
    code, out, _ = run("check", write(tmp_path, VALID), "--as-of", "2026-11-25", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["next"]["level"] == "4.2"
    assert data["next"]["status"] == "not_yet"
    assert data["next"]["eligible_on"] == "2027-03-10"
    assert data["current"] == {
        "level": "4.1",
        "card": 9,
        "label": "category II",
        "since": "2025-03-10",
    }


def test_check_several_files_gives_a_list() -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.yaml") if p.name != "overlay.yaml")
    code, out, _ = run("check", *files, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    assert len(data) == len(files)


def test_missing_file_is_a_usage_error() -> None:
    code, _, err = run("check", "no-such-file.yaml")
    assert code == 2
    assert err == "kzps: no-such-file.yaml: no such file\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (VALID + "grade: 4\n", "grade: unknown key (not in the format; check the spelling)"),
        (
            VALID.replace("2025-03-10", "2025-02-30"),
            "current.since: '2025-02-30' is not a real date",
        ),
        (
            VALID.replace("2025-03-10", "10/03/2025"),
            "current.since: expected a date YYYY-MM-DD or DD.MM.YYYY, got '10/03/2025'",
        ),
        (
            VALID.replace('"4.1"', '"4.5"'),
            "current.level: '4.5' is not a grade of this standard; valid: 4, 4.1, 4.2, 4.3, 5.3,"
            " 6, 6.1, 6.2, 6.3, 8.3-1, 8.3-2, 8.3-3, 8.3-4, 8.2-1, 8.2-2, 8.2-3, 8.2-4",
        ),
        (
            VALID.replace("2025-03-10", "2027-01-01"),
            "current.since: 2027-01-01 is after the as-of date 2026-11-25",
        ),
        (
            VALID.replace("tvet", "college"),
            "education[0].level: unknown level 'college'; expected one of tvet, post_secondary,"
            " applied_bachelor, bachelor, master, doctorate",
        ),
        (
            VALID.replace('"0519023"', '"05-19"'),
            "education[0].code: '05-19' is not a classifier code (7 digits such as 0519023,"
            " or 6B04101)",
        ),
        (
            VALID + "history:\n  - level: '4'\n    from: 2024-01-01\n    to: 2023-01-01\n",
            "history[0]: the period ends (2023-01-01) before it starts (2024-01-01)",
        ),
        (
            VALID + "experience:\n  management: 900101300008\n",
            "experience.management: expected at most 80 years, got '900101300008'",
        ),
        (
            "education:\n  - [tvet, '0519023']\n",
            "education[0]: expected a mapping of keys",
        ),
        (
            VALID + "history:\n  - ['2020-01-01', '2021-01-01', '4']\n",
            "history[0]: expected a mapping of keys",
        ),
        (
            "education: [\n",
            "line 2, column 1: not valid YAML or JSON (did not find expected node content)",
        ),
    ],
)
def test_invalid_candidate_names_the_key(tmp_path: Path, text: str, line: str) -> None:
    path = write(tmp_path, text)
    code, out, err = run("check", path, "--as-of", "2026-11-25")
    assert code == 3
    assert f"kzps: {path}: {line}\n" in err
    assert out == ""


def test_bad_as_of_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("check", write(tmp_path, VALID), "--as-of", "25/11/2026")
    assert code == 2
    assert err == "kzps: --as-of: expected a date YYYY-MM-DD or DD.MM.YYYY, got '25/11/2026'\n"


def test_an_as_of_in_the_file_outside_the_calendar_is_invalid(tmp_path: Path) -> None:
    path = write(tmp_path, "as_of: 1899-12-31\n" + VALID)
    code, _, err = run("check", path)
    assert code == 3
    assert err == (
        f"kzps: {path}: as_of: '1899-12-31' is outside the days kzps checks on"
        " (1900-01-01 to 2999-12-31)\n"
    )


@pytest.mark.parametrize("day", ["9999-12-01", "0050-01-01"])
def test_an_as_of_outside_the_calendar_kzps_counts_in_is_a_usage_error(
    tmp_path: Path, day: str
) -> None:
    code, _, err = run("check", write(tmp_path, VALID), "--as-of", day)
    assert code == 2
    assert err == (
        f"kzps: --as-of: '{day}' is outside the days kzps checks on (1900-01-01 to 2999-12-31)\n"
    )


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    good = write(tmp_path, VALID, "good.yaml")
    bad = write(tmp_path, VALID + "x: 1\n", "bad.yaml")
    code, out, err = run("check", good, bad, "--as-of", "2026-11-25", "--format", "json")
    assert code == 3
    assert len(json.loads(out)) == 1
    assert "bad.yaml: x: unknown key" in err


def test_json_candidate(tmp_path: Path) -> None:
    text = json.dumps({"education": [{"level": "bachelor", "code": "6B04101"}]})
    code, out, _ = run("check", write(tmp_path, text, "c.json"), "--format", "json")
    assert code == 0
    assert json.loads(out)["next"]["level"] == "6"


def test_cards_lists_all_five() -> None:
    code, out, _ = run("cards")
    assert code == 0
    for code_ in ("3350-0-010", "2413-9-005", "2631-0-017", "1344-0-001", "1344-0-005"):
        assert code_ in out


@pytest.mark.parametrize("card_id", ["11", "2413-9-005"])
def test_card_by_paragraph_or_code(card_id: str) -> None:
    code, out, _ = run("card", card_id)
    assert code == 0
    assert "6B041 – Business and administration (economics)" in out
    code, out, _ = run("card", card_id, "--original")
    assert code == 0
    assert "6В041 – Бизнес және басқару (экономика)" in out


def test_card_json_is_the_data() -> None:
    code, out, _ = run("card", "9", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data[0]["text"]["occupation_codes"] == ["3350-0-010"]
    assert [g["code"] for g in data[0]["grades"]] == ["4", "4.1", "4.2", "4.3"]


def test_unknown_card() -> None:
    code, _, err = run("card", "99")
    assert code == 2
    assert err.startswith("kzps: card: no card '99'; cards are 9 (3350-0-010)")


def test_version_names_the_edition() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert "K65301002" in out
    assert "No. 109" in out


def test_schema_of_the_candidate_file() -> None:
    code, out, _ = run("schema", "candidate")
    assert code == 0
    schema = json.loads(out)
    assert {"education", "current", "history", "as_of"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_schema_of_the_standard_file() -> None:
    code, out, _ = run("schema", "standard")
    assert code == 0
    assert {"rules", "text"} <= set(json.loads(out))


@pytest.mark.parametrize(
    ("written", "canonical"), [("8.3.-1", "8.3-1"), ("4.1.", "4.1"), (" 6 ", "6")]
)
def test_grades_as_the_source_spells_them(tmp_path: Path, written: str, canonical: str) -> None:
    text = (
        "education:\n  - level: bachelor\n    code: 6B04101\n"
        f'current:\n  level: "{written}"\n  since: 2020-01-01\n'
    )
    code, out, _ = run("check", write(tmp_path, text), "--format", "json")
    assert code == 0
    assert json.loads(out)["current"]["level"] == canonical


def test_a_grade_that_is_no_grade_lists_the_valid_ones(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('"4.1"', '"senior"'))
    code, _, err = run("check", path, "--as-of", "2026-11-25")
    assert code == 3
    assert err == (
        f"kzps: {path}: current.level: 'senior' is not a grade of this standard; valid: 4, 4.1,"
        " 4.2, 4.3, 5.3, 6, 6.1, 6.2, 6.3, 8.3-1, 8.3-2, 8.3-3, 8.3-4, 8.2-1, 8.2-2, 8.2-3, 8.2-4\n"
    )
