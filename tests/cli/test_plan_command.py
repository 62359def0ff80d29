"""`kzps plan`: every option value, the exact lines a user reads, and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kzps.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
SPECIALIST = EXAMPLES / "category-one-specialist.yaml"  # stops at 5.3
ECONOMIST = EXAMPLES / "economist-master.yaml"  # forks at 6.3
GRADE_FOUR = EXAMPLES / "grade-four-with-degrees.yaml"  # 4 to 8.2-3
OVERLAY = EXAMPLES / "overlay.yaml"
CANDIDATES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "overlay.yaml")
runner = CliRunner()


def run(*args: str, lang: str = "en", columns: int = 80) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": lang, "COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


def plan_json(*args: str, lang: str = "en") -> dict[str, Any]:
    code, out, err = run("plan", *args, "--format", "json", lang=lang)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_table_one_step_a_line_with_why_the_plan_stops() -> None:
    code, out, err = run("plan", str(SPECIALIST))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Stops after 4.3: 5.3 cannot be reached with time alone",
        "E-0042 — Сейітова Айгүл",
        "Current grade: 4.2 (category I), 2024-02-01",
        "As of: 2026-11-25",
        "",
        "  Grade  Date        Status        Card · Source",
        "  4.3    2027-02-01  not yet       9 · para 9     highest category",
        "  5.3    —           not eligible  10 · para 10",
        "         highest category (post-secondary education)",
        "         ✗ time cannot give the education: post-secondary education or higher in",
        "           0500000, 0519000, or applied bachelor's degree or higher in 0519000;",
        "           has no matching diploma (technical and vocational education 0501023)",
        "         → post-secondary education in 0500000 opens 5.3",
        "         → applied bachelor's degree in 0519000 opens 5.3",
        "         → higher education (bachelor's degree) in 6B03, 6B04 or 6B11 opens card",
        "           11",
    ]


def test_table_shows_the_fork_at_6_3() -> None:
    code, out, _ = run("plan", str(ECONOMIST), columns=100)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "To the top of this standard: 8.2-2 from 2032-04-01, in 3 steps"
    assert "  6.2    2027-04-01  not yet       11 · para 11   category I" in lines
    assert "         or 8.3-2 from 2026-11-25: eligible, card 12, para 12" in lines
    assert "  6.3    —           needs review  11 · para 11   highest category" in lines
    assert (
        "         → an organisation overlay (--overlay) that sets the experience for 6.3 would"
        " date it"
    ) in lines
    assert (
        "         ✗ The standard sets no experience requirement for the highest category"
    ) in lines
    assert "         ↳ a fork: taken instead of 6.3, which the plan cannot take" in lines
    assert "  8.2-2  2032-04-01  not yet       13 · para 13" in lines


def test_json_keys_and_values() -> None:
    data = plan_json(str(ECONOMIST))
    assert {"as_of", "id", "steps", "stop"} <= set(data)
    assert (data["as_of"], data["id"], data["stop"]) == ("2026-11-25", "E-0317", None)
    steps = data["steps"]
    assert [(s["level"], s["status"], s["eligible_on"], s["promoted_on"]) for s in steps] == [
        ("6.2", "not_yet", "2027-04-01", "2027-04-01"),
        ("6.3", "needs_review", None, None),
        ("8.3-2", "eligible", "2021-07-01", "2027-04-01"),
        ("8.2-2", "not_yet", "2032-04-01", "2032-04-01"),
    ]
    for step in steps:
        assert {"level", "card", "status", "eligible_on", "promoted_on", "source", "reason"} <= set(
            step
        )
    assert steps[1]["reason"] == (
        "The standard sets no experience requirement for the highest category"
    )
    assert steps[1]["opens"] == [
        "an organisation overlay (--overlay) that sets the experience for 6.3 would date it"
    ]
    assert (steps[2]["fork"], steps[2]["after"]) == (True, "6.2")


def test_json_says_where_the_plan_stops_and_what_opens_it() -> None:
    data = plan_json(str(SPECIALIST))
    assert data["stop"] == {
        "after": "4.3",
        "reason": (
            "5.3 cannot be reached with time alone: time cannot give the education: "
            "post-secondary education or higher in 0500000, 0519000, or applied bachelor's "
            "degree or higher in 0519000; has no matching diploma (technical and vocational "
            "education 0501023); post-secondary education in 0500000 opens 5.3; applied "
            "bachelor's degree in 0519000 opens 5.3; higher education (bachelor's degree) in "
            "6B03, 6B04 or 6B11 opens card 11"
        ),
    }


@pytest.mark.parametrize("path", CANDIDATES, ids=[p.stem for p in CANDIDATES])
def test_the_first_step_of_every_example_is_checks_next(path: Path) -> None:
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 0
    nxt = json.loads(out)["next"]
    steps = plan_json(str(path))["steps"]
    assert isinstance(steps, list)
    keys = ("level", "card", "status", "eligible_on")
    assert {k: steps[0][k] for k in keys} == {k: nxt[k] for k in keys}


@pytest.mark.parametrize(
    ("lang", "opening"),
    [
        ("en", "Stops after 4.3: 5.3 cannot be reached with time alone"),
        ("ru", "План останавливается после 4.3: 5.3 не достигается одним только стажем"),
        ("kk", "Жоспар 4.3 деңгейінен кейін тоқтайды: 5.3 деңгейіне тек жұмыс өтілімен жету"),
    ],
)
@pytest.mark.parametrize("output", ["table", "json"])
def test_every_language(lang: str, opening: str, output: str) -> None:
    code, out, err = run("plan", str(SPECIALIST), "--format", output, "--lang", lang)
    assert (code, err) == (0, "")
    if output == "json":
        data = json.loads(out)
        assert data["lang"] == lang
        assert data["summary"].startswith(opening)
        assert data["steps"][0]["status"] == "not_yet"  # values stay English
        assert data["steps"][0]["promoted_on"] == "2027-02-01"  # dates stay ISO
    else:
        assert out.startswith(opening)
        assert ("2027-02-01" if lang == "en" else "01.02.2027") in out


def test_until_cuts_the_plan_and_says_when_the_next_step_comes() -> None:
    code, out, _ = run("plan", str(GRADE_FOUR), "--until", "01.01.2030")
    assert code == 0
    assert out.splitlines()[0] == (
        "Stops after 4.2: the next step, 4.3, comes on 2031-11-25, after 2030-01-01"
    )
    data = plan_json(str(GRADE_FOUR), "--until", "2030-01-01")
    assert [s["level"] for s in data["steps"]] == ["4.1", "4.2"]
    assert data["until"] == "2030-01-01"
    assert data["stop"] == {
        "after": "4.2",
        "reason": "the next step, 4.3, comes on 2031-11-25, after 2030-01-01",
    }


def test_until_before_the_as_of_day_is_a_usage_error() -> None:
    code, out, err = run("plan", str(SPECIALIST), "--until", "2020-01-01")
    assert (code, out) == (2, "")
    assert err == "kzps: --until: 2020-01-01 is before the as-of date 2026-11-25\n"


def test_until_that_is_not_a_date_is_a_usage_error() -> None:
    code, _, err = run("plan", str(SPECIALIST), "--until", "2027-13-01")
    assert code == 2
    assert err == "kzps: --until: '2027-13-01' is not a real date\n"


def test_as_of_moves_the_start() -> None:
    data = plan_json(str(SPECIALIST), "--as-of", "2027-03-01")
    assert data["as_of"] == "2027-03-01"
    first = data["steps"][0]
    assert (first["level"], first["status"], first["promoted_on"]) == (
        "4.3",
        "eligible",
        "2027-03-01",
    )


def test_overlay_dates_6_3_and_the_ladder_goes_through_it() -> None:
    data = plan_json(str(ECONOMIST), "--overlay", str(OVERLAY))
    steps = data["steps"]
    assert [(s["level"], s["promoted_on"], s["fork"]) for s in steps] == [
        ("6.2", "2027-04-01", False),
        ("6.3", "2030-04-01", False),
        ("8.3-2", "2030-04-01", False),
        ("8.2-2", "2035-04-01", False),
    ]
    assert steps[1]["source"] == (
        "overlay Corporate standard of the pension payment department 2026.1:"
        " requirements[0].experience[0]"
    )
    assert data["overlays"] == ["Corporate standard of the pension payment department 2026.1"]
    code, out, _ = run("plan", str(ECONOMIST), "--overlay", str(OVERLAY))
    assert code == 0
    assert "  6.3    2030-04-01  not yet   11 · overlay   highest category" in out.splitlines()


def test_the_ladder_from_4_to_the_top_with_dates() -> None:
    data = plan_json(str(GRADE_FOUR), "--overlay", str(OVERLAY))
    steps = data["steps"]
    assert [s["level"] for s in steps] == [
        *("4.1", "4.2", "4.3", "5.3", "6", "6.1", "6.2", "6.3", "8.3-3", "8.2-3"),
    ]
    assert all(s["promoted_on"] for s in steps)
    assert steps[3]["path"] == "applied_bachelor"  # card 10's faster path
    assert data["stop"] is None


def test_a_missing_file_and_an_invalid_candidate(tmp_path: Path) -> None:
    code, _, err = run("plan", str(tmp_path / "nope.yaml"))
    assert (code, err) == (2, f"kzps: {tmp_path / 'nope.yaml'}: no such file\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("education: []\n", encoding="utf-8")
    code, _, err = run("plan", str(bad))
    assert code == 3
    assert err.startswith(f"kzps: {bad}: education: ")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Plan a person's steps to the top of the standard"),
        ("ru", "План ступеней до вершины стандарта"),
        ("kk", "Стандарттың ең жоғарғы деңгейіне дейінгі сатылар жоспары"),
    ],
)
def test_help_in_every_language(lang: str, said: str) -> None:
    from kzps.cli import translate

    translate(lang)
    try:
        code, out, _ = run("plan", "--help", lang=lang, columns=200)
    finally:
        translate("en")
    assert code == 0
    assert said in out
    assert "--until" in out


def test_the_installed_command_plans() -> None:
    command = Path(sys.executable).with_name("kzps")
    env = os.environ | {"NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run(  # noqa: S603 - the project's own command
        [str(command), "plan", str(ECONOMIST), "--format", "json", "--lang", "ru"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (
        json.loads(done.stdout)["summary"]
        == "До вершины стандарта: 8.2-2 с 01.04.2032, за 3 ступени"
    )
