"""Organisation overlays (para 1, para 7): set, tighten, add positions, read codes; never
loosen without saying so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from typer.testing import CliRunner

from kzps.api import check
from kzps.cli import app
from kzps.errors import OverlayError
from kzps.standard.overlay import apply_overlays

if TYPE_CHECKING:
    from kzps.standard import Standard

EXAMPLE = Path(__file__).parents[2] / "examples" / "overlay.yaml"
AS_OF = dt.date(2026, 11, 25)
runner = CliRunner()
AT_6_2 = {
    "education": [{"level": "bachelor", "code": "6B04101"}],
    "current": {"level": "6.2", "since": "2024-03-01"},
}


def write(tmp_path: Path, data: dict[str, Any], name: str = "o.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def overlay(**parts: Any) -> dict[str, Any]:
    about = {"name": "Test", "version": "1"} | parts.pop("about", {})
    return {"overlay": about} | parts


def grade_rule(grade: str, years: int, grades: list[str], **more: Any) -> dict[str, Any]:
    rule = {"kind": "grade", "grades": grades, "years": years}
    return {"grade": grade, "experience": [rule]} | more


def test_without_an_overlay_6_3_needs_review(standard: Standard) -> None:
    result = check(standard, AT_6_2, AS_OF)
    assert result.next is not None
    assert result.next.status == "needs_review"
    assert result.next.eligible_on is None


def test_the_example_overlay_decides_6_3(standard: Standard) -> None:
    """RULES §4: 6.3 is silent; the overlay's 3 years at 6.2 give a date."""
    result = check(apply_overlays(standard, [EXAMPLE]), AT_6_2, AS_OF)
    assert result.next is not None
    assert result.next.status == "not_yet"
    assert result.next.eligible_on == dt.date(2027, 3, 1)
    experience = [f for f in result.next.findings if f.requirement == "experience"]
    assert experience[0].source == (
        "overlay Corporate standard of the pension payment department 2026.1:"
        " requirements[0].experience[0]"
    )
    assert result.overlays == ["Corporate standard of the pension payment department 2026.1"]


def test_a_derived_position(standard: Standard) -> None:
    """Senior economist: category I (6.2) plus 2 years at 6.2 or 6.3."""
    result = check(apply_overlays(standard, [EXAMPLE]), AT_6_2, AS_OF)
    (position,) = result.positions
    assert position.key == "senior_economist"
    assert position.status == "eligible"
    assert position.eligible_on == dt.date(2026, 3, 1)
    younger = AT_6_2 | {"current": {"level": "6.2", "since": "2025-06-01"}}
    (position,) = check(apply_overlays(standard, [EXAMPLE]), younger, AS_OF).positions
    assert position.status == "not_yet"
    assert position.eligible_on == dt.date(2027, 6, 1)


def test_an_equivalence_reads_an_old_code(standard: Standard) -> None:
    old = {"education": [{"level": "bachelor", "code": "5B050600"}]}
    assert check(standard, old, AS_OF).next.status == "needs_review"  # type: ignore[union-attr]
    result = check(apply_overlays(standard, [EXAMPLE]), old, AS_OF)
    assert result.next is not None
    assert result.next.status == "eligible"
    (education,) = result.next.findings
    assert education.source.startswith("para 11; overlay Corporate standard")
    assert "equivalences[0]" in education.source


def test_a_stricter_requirement(tmp_path: Path, standard: Standard) -> None:
    path = write(tmp_path, overlay(requirements=[grade_rule("4.3", 4, ["4.2"])]))
    candidate = {
        "education": [{"level": "tvet", "code": "0519023"}],
        "current": {"level": "4.2", "since": "2023-02-01"},
    }
    assert check(standard, candidate, AS_OF).next.status == "eligible"  # type: ignore[union-attr]
    result = check(apply_overlays(standard, [path]), candidate, AS_OF)
    assert result.next is not None
    assert result.next.status == "not_yet"
    assert result.next.eligible_on == dt.date(2027, 2, 1)
    assert result.warnings == []


def test_a_stricter_education(tmp_path: Path, standard: Standard) -> None:
    rule = {"grade": "6", "education": {"codes": ["6B041"]}}
    path = write(tmp_path, overlay(requirements=[rule]))
    social = {"education": [{"level": "bachelor", "code": "6B11401"}]}
    assert check(standard, social, AS_OF).next.status == "eligible"  # type: ignore[union-attr]
    result = check(apply_overlays(standard, [path]), social, AS_OF)
    assert result.next is not None
    assert result.next.status == "not_eligible"


@pytest.mark.parametrize(
    ("parts", "line"),
    [
        (
            {"requirements": [grade_rule("4.3", 2, ["4.2"])]},
            "requirements[0].experience: would loosen the national requirement of 4.3 (para 9);"
            " add allow_relaxation: true to the overlay to allow it",
        ),
        (
            {"requirements": [grade_rule("4.3", 3, ["4.1", "4.2"])]},
            "requirements[0].experience: would loosen the national requirement of 4.3 (para 9)",
        ),
        (
            {"requirements": [{"grade": "6", "education": {"codes": ["6B061"]}}]},
            "requirements[0].education: would loosen the national requirement of 6 (para 11)",
        ),
        (
            {"requirements": [grade_rule("7.1", 3, ["6.2"])]},
            "requirements[0].grade: grade '7.1' does not exist",
        ),
        (
            {"requirements": [grade_rule("6.3", 3, ["6.9"])]},
            "requirements[0].experience[0].grades: grade '6.9' does not exist",
        ),
        (
            {"requirements": [grade_rule("6.3", 3, ["6.2"])], "colour": "blue"},
            "colour: unknown key (not in the format; check the spelling)",
        ),
        (
            {"requirements": [grade_rule("6.3", -1, ["6.2"])]},
            "requirements[0].experience[0].years: expected a number greater than 0",
        ),
        (
            {"positions": [{"key": "senior", "base": "6.1", "label": {"kk": "a", "ru": "b",
             "en": "c"}, "experience": [{"kind": "grade", "grades": ["6.1"], "years": 2}]}]},
            "positions[0].base: a derived position builds on category I: base must be one of"
            " 4.2, 6.2, not '6.1'",
        ),
        (
            {"positions": [{"key": "senior", "base": "6.2", "label": {"kk": "a", "ru": "b",
             "en": "c"}, "experience": [{"kind": "grade", "grades": ["6.2"], "years": 1}]}]},
            "positions[0].experience: would loosen the national requirement of 6.2 (para 7)",
        ),
        (
            {"equivalences": [{"code": "5B050600", "counts_as": "6B999"}]},
            "equivalences[0].counts_as: '6B999' is not a listed code",
        ),
    ],
)  # fmt: skip
def test_a_bad_overlay_is_rejected(tmp_path: Path, parts: dict[str, Any], line: str) -> None:
    path = write(tmp_path, overlay(**parts))
    result = runner.invoke(app, ["validate", "data/cards.yaml", "--overlay", str(path)])
    assert result.exit_code == 3
    assert f"kzps: {path}: {line}" in result.stderr


def test_relaxation_when_allowed_is_applied_with_a_warning(
    tmp_path: Path, standard: Standard
) -> None:
    about = {"allow_relaxation": True}
    path = write(tmp_path, overlay(about=about, requirements=[grade_rule("4.3", 2, ["4.2"])]))
    candidate = {
        "education": [{"level": "tvet", "code": "0519023"}],
        "current": {"level": "4.2", "since": "2024-06-01"},
    }
    result = check(apply_overlays(standard, [path]), candidate, AS_OF)
    assert result.next is not None
    assert result.next.status == "eligible"
    assert result.next.eligible_on == dt.date(2026, 6, 1)
    assert result.warnings == [
        "A rule loosened by an organisation overlay was applied (overlay Test 1:"
        " requirements[0].experience[0]); the national standard is stricter"
    ]


def test_overlays_apply_in_order(tmp_path: Path, standard: Standard) -> None:
    three = write(tmp_path, overlay(requirements=[grade_rule("6.3", 3, ["6.2"])]), "a.yaml")
    two = write(tmp_path, overlay(requirements=[grade_rule("6.3", 2, ["6.2"])]), "b.yaml")
    first = check(apply_overlays(standard, [three, two]), AT_6_2, AS_OF).next
    second = check(apply_overlays(standard, [two, three]), AT_6_2, AS_OF).next
    assert first is not None
    assert second is not None
    assert (first.status, first.eligible_on) == ("eligible", dt.date(2026, 3, 1))
    assert (second.status, second.eligible_on) == ("not_yet", dt.date(2027, 3, 1))


def test_a_missing_overlay_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "examples/college-graduate.yaml", "--overlay", "x.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "kzps: x.yaml: no such file\n"


def test_the_overlay_from_the_environment(tmp_path: Path) -> None:
    candidate = write(tmp_path, AT_6_2 | {"as_of": "2026-11-25"}, "c.yaml")
    plain = runner.invoke(app, ["check", str(candidate), "--format", "json"])
    env = {"KZPS_OVERLAY": str(EXAMPLE)}
    overlaid = runner.invoke(app, ["check", str(candidate), "--format", "json"], env=env)
    assert '"status": "needs_review"' in plain.stdout
    assert '"status": "not_yet"' in overlaid.stdout


def test_card_shows_overlay_rules_marked() -> None:
    wide = {"COLUMNS": "250"}
    result = runner.invoke(app, ["card", "11", "--overlay", str(EXAMPLE), "--lang", "en"], env=wide)
    assert result.exit_code == 0
    assert "at least 3 years as an economist of category I" in result.stdout
    assert "senior economist" in result.stdout
    plain = runner.invoke(app, ["card", "11", "--lang", "en"], env=wide).stdout
    assert "senior economist" not in plain


def test_an_overlay_error_is_invalid_data() -> None:
    assert OverlayError.exit_code == 3
