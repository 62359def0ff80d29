"""Assessment cases as data: one YAML file per outcome under tests/fixtures/assess/cases,
each naming a filled sheet (and an overlay), run through `kzps assess --format json` as
a user runs it, its figures, verdict, training needs or error lines checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from kzps.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "assess"
CASES = sorted((FIXTURES / "cases").glob("*.yaml"))
runner = CliRunner()


def run(case: dict[str, Any]) -> tuple[Any, str, str]:
    """The case's sheet assessed: exit code, stdout, stderr."""
    args = ["assess", str(FIXTURES / case["sheet"]), "--format", "json"]
    args += ["--lang", case.get("lang", "en")]
    if case.get("overlay"):
        args += ["--overlay", str(FIXTURES / case["overlay"])]
    done = runner.invoke(app, args)
    return done.exit_code, done.stdout, done.stderr


def subset(found: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    for key, value in expected.items():
        assert found[key] == value, f"{where}.{key}: {found[key]!r}, expected {value!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text("utf-8"))
    expect = case["expect"]
    assert len(expect) > 1, "a case needs an expectation besides its exit code"
    code, out, err = run(case)
    assert code == expect["exit"], err
    if "stderr" in expect:
        sheet = FIXTURES / case["sheet"]
        assert err.splitlines() == [line.format(sheet=sheet) for line in expect["stderr"]]
        assert out == ""
        return
    data = json.loads(out)
    assert data["verdict"]["status"] == expect["status"]
    subset(data["total"], expect.get("total", {}), "total")
    subset(data["person"], expect.get("person", {}), "person")
    subset(data["competencies"], expect.get("competencies", {}), "competencies")
    functions = {f["id"]: f for f in data["functions"]}
    for key, figures in expect.get("functions", {}).items():
        subset(functions[key], figures, key)
    if "training_needs" in expect:
        assert [n["skill"] for n in data["training_needs"]] == expect["training_needs"]
    if "courses" in expect:
        assert all(len(n["courses"]) == expect["courses"] for n in data["training_needs"])
    for key in ("reasons",):
        if key in expect:
            assert data["verdict"][key] == expect[key]
    for key in ("summary", "warnings"):
        if key in expect:
            assert data[key] == expect[key]
