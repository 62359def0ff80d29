"""Rule cases as data: every file in tests/cases is one rule or boundary of the standard.

Each case names the paragraph it exercises, gives a candidate and an as-of date, and
says what must come out. A case with no expectation, or with an expectation kzps
does not know, fails: a case that cannot fail is a defect.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from kzps.api import check, parse_candidate
from kzps.decide.engine import decide
from kzps.errors import OverlayError

if TYPE_CHECKING:
    from kzps.standard import Standard

CASES = sorted((Path(__file__).parents[1] / "cases").glob("*.yaml"))
KNOWN = {
    "next",
    "status",
    "eligible_on",
    "qualifies_for",
    "options",
    "missing",
    "met",
    "warnings",
    "paths",
    "current_card",
    "refused",
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_there_are_enough_cases() -> None:
    """One case per rule and boundary of RULES.md: at least 40."""
    assert len(CASES) >= 40


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, standard: Standard, tmp_path: Path) -> None:
    case = _load(path)
    if "overlay" in case:  # an organisation's overlay, applied as `--overlay` applies it
        from kzps.standard.overlay import apply_overlays

        overlay = tmp_path / "overlay.yaml"
        overlay.write_text(yaml.safe_dump(case["overlay"], allow_unicode=True), encoding="utf-8")
        if "refused" in case["expect"]:
            with pytest.raises(OverlayError) as refused:
                apply_overlays(standard, [overlay])
            said = [f"{p.where}: {p.key}" for p in refused.value.details]
            assert said == [case["expect"]["refused"]]
            return
        standard = apply_overlays(standard, [overlay])
    assert str(case.get("source", "")).startswith(("para ", "RULES")), "name the paragraph"
    expect: dict[str, Any] = case["expect"]
    assert expect, "a case with no expectation cannot fail"
    assert set(expect) <= KNOWN, f"unknown expectations: {set(expect) - KNOWN}"
    as_of: dt.date = case["as_of"]
    candidate = parse_candidate(case["candidate"], path.name)
    result = check(standard, candidate, as_of).model_dump(mode="json")
    outcome = decide(standard, candidate, as_of)
    nxt = result["next"]
    actual: dict[str, Any] = {
        "next": nxt["level"] if nxt else None,
        "status": nxt["status"] if nxt else None,
        "eligible_on": nxt["eligible_on"] if nxt else None,
        "qualifies_for": result["qualifies_for"],
        "options": [o["level"] for o in result["options"]],
        "missing": nxt["missing"] if nxt else [],
        "met": {f["requirement"]: f["met"] for f in nxt["findings"]} if nxt else {},
        "warnings": sorted(w.key for w in outcome.warnings),
        "paths": {p["key"]: p["status"] for p in nxt["paths"]} if nxt else {},
        "current_card": result["current"]["card"] if result["current"] else None,
    }
    for key, value in expect.items():
        wanted = value.isoformat() if isinstance(value, dt.date) else value
        if key == "warnings":
            wanted = sorted(wanted)
        assert actual[key] == wanted, f"{key}: expected {wanted!r}, got {actual[key]!r}"
