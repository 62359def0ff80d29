"""The plan (issue 14): rule cases as data, and invariants over random candidates.

Each file in tests/plans is one rule of the ladder as the plan walks it, naming its
paragraph: a candidate, an as-of date (and optionally `until` and an overlay), and the
steps and stop that must come out. The invariants say that a plan is the engine's own
work: its first step is `kzps check`'s next, and every later step is the engine's
decision on the person the plan projects.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzps.api import check, parse_candidate
from kzps.api import plan as plan_result
from kzps.decide.engine import Judge, decide
from kzps.decide.outcome import Message, Status
from kzps.decide.plan import broadest, deciding, plan, promoted
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.decide.plan import Step
    from kzps.standard import Standard

CASES = sorted((Path(__file__).parents[1] / "plans").glob("*.yaml"))
#: What a case may expect of a step; each is compared as the key says.
STEP_KEYS = {
    "level",
    "status",
    "eligible_on",
    "promoted_on",
    "after",
    "fork",
    "path",
    "source",
    "options",
    "reasons",
    "opens",
}


def _said(message: Message) -> str:
    """A message as a case writes it: its key, then its values (lists spread out)."""
    parts = [message.key]
    for value in message.values.values():
        items = value if isinstance(value, tuple) else (value,)
        parts += [item.key if isinstance(item, Message) else str(item) for item in items]
    return " ".join(parts)


def _step_facts(step: Step) -> dict[str, Any]:
    return {
        "level": step.level,
        "status": str(step.decision.status),
        "eligible_on": step.decision.eligible_on,
        "promoted_on": step.promoted_on,
        "after": step.after,
        "fork": step.fork,
        "path": deciding(step.decision).key,
        "source": step.source,
        "options": [b.decision.level for b in step.beside],
        "reasons": [m.key for m in step.reasons],
        "opens": [_said(m) for m in step.opens],
    }


def test_there_are_plan_cases() -> None:
    """A case for each way a plan goes on, stops or forks."""
    assert len(CASES) >= 10


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_plan_case(path: Path, standard: Standard, tmp_path: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert str(case.get("source", "")).startswith(("para ", "RULES")), "name the paragraph"
    if "overlay" in case:  # applied as `--overlay` applies it
        from kzps.standard.overlay import apply_overlays

        overlay = tmp_path / "overlay.yaml"
        overlay.write_text(yaml.safe_dump(case["overlay"], allow_unicode=True), encoding="utf-8")
        standard = apply_overlays(standard, [overlay])
    expect: dict[str, Any] = case["expect"]
    assert set(expect) == {"steps", "stop"}, "a case says its steps and its stop"
    candidate = parse_candidate(case["candidate"], path.name)
    made = plan(standard, candidate, case["as_of"], case.get("until"))
    assert len(made.steps) == len(expect["steps"]), [s.level for s in made.steps]
    for i, (step, wanted) in enumerate(zip(made.steps, expect["steps"], strict=True)):
        assert wanted, "a step with no expectation cannot fail"
        assert set(wanted) <= STEP_KEYS, f"unknown expectations: {set(wanted) - STEP_KEYS}"
        facts = _step_facts(step)
        for key, value in wanted.items():
            assert facts[key] == value, f"step {i} {key}: expected {value!r}, got {facts[key]!r}"
    if expect["stop"] is None:
        assert made.stop is None
    else:
        assert made.stop is not None
        assert (made.stop.after, _said(made.stop.reason)) == (
            expect["stop"]["after"],
            expect["stop"]["reason"],
        )


def test_broadest_keeps_the_codes_no_other_covers() -> None:
    assert broadest(("6B03", "6B031", "6B04", "6B041", "6B11", "6B114")) == ("6B03", "6B04", "6B11")
    assert broadest(("0500000", "0501000", "0501023", "0519000", "0519023")) == ("0500000",)


def test_promotion_makes_the_held_grade_history() -> None:
    candidate = parse_candidate(
        {
            "education": [{"level": "tvet", "code": "0519023"}],
            "current": {"level": "4.1", "since": "2025-03-10"},
            "experience": {"specialty": 2},
        },
        "t",
    )
    moved = promoted(candidate, Level("4.2"), dt.date(2027, 3, 10), dt.date(2026, 11, 25))
    assert moved.current == ("4.2", dt.date(2027, 3, 10))
    assert moved.experience is None
    assert [(p.level, p.start, p.end, p.counts_as) for p in moved.history] == [
        (None, dt.date(2024, 11, 25), dt.date(2026, 11, 24), ("specialty",)),
        ("4.1", dt.date(2025, 3, 10), dt.date(2027, 3, 9), ()),
    ]


# -- invariants over random candidates ---------------------------------------------------

AS_OF = dt.date(2026, 11, 25)
LEVELS = ["4", "4.1", "4.2", "4.3", "5.3", "6", "6.1", "6.2", "6.3", "8.3-2", "8.2-3"]
DIPLOMAS = [
    {"level": "tvet", "code": "0519023"},
    {"level": "tvet", "code": "1304000"},
    {"level": "post_secondary", "code": "0519000"},
    {"level": "applied_bachelor", "code": "0519000"},
    {"level": "bachelor", "code": "6B04101"},
    {"level": "bachelor", "code": "5B050600"},
    {"level": "master", "code": "7M11401"},
    {"level": "bachelor", "field": "legal"},
]
days = st.dates(min_value=dt.date(2008, 1, 1), max_value=AS_OF)


@st.composite
def periods(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(days)
    end = min(start + dt.timedelta(days=draw(st.integers(0, 2500))), AS_OF)
    period: dict[str, Any] = {"from": start, "to": end}
    if draw(st.booleans()):
        period["level"] = draw(st.sampled_from(LEVELS))
    else:
        kinds = st.sampled_from(["specialty", "social_protection", "management"])
        period["counts_as"] = draw(st.lists(kinds, min_size=1, unique=True))
    return period


@st.composite
def candidates(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "education": draw(st.lists(st.sampled_from(DIPLOMAS), min_size=1, max_size=3)),
        "history": draw(st.lists(periods(), max_size=3)),
    }
    if draw(st.booleans()):
        data["current"] = {"level": draw(st.sampled_from(LEVELS)), "since": draw(days)}
    if draw(st.booleans()):
        data["organization"] = draw(st.sampled_from(["republican", "oblast", "district", "rural"]))
    if draw(st.booleans()):
        data["experience"] = {"social_protection": draw(st.integers(0, 6))}
    return data


SLOW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(candidates(), st.sampled_from(["kk", "ru", "en"]))
def test_the_first_step_is_checks_next(standard: Standard, data: dict[str, Any], lang: str) -> None:
    """What `kzps plan` says first is what `kzps check` says next, in every language."""
    checked = check(standard, data, AS_OF, lang).model_dump(mode="json")
    planned = plan_result(standard, data, AS_OF, lang=lang).model_dump(mode="json")
    nxt = checked["next"]
    if nxt is None:
        assert planned["steps"] == []
        assert planned["stop"] is None
        return
    first = planned["steps"][0]
    keys = ("level", "card", "label", "status", "eligible_on", "missing")
    assert {k: first[k] for k in keys} == {k: nxt[k] for k in keys}
    assert first["after"] == (checked["current"] or {}).get("level")


@SLOW
@given(candidates())
def test_every_step_is_the_engines_decision_on_the_projected_person(
    standard: Standard, data: dict[str, Any]
) -> None:
    """Replayed by hand: each ladder step is `decide(...).next` on the person promoted
    through the steps before it; a fork is the engine's decision on the same person."""
    candidate = parse_candidate(data, "t")
    made = plan(standard, candidate, AS_OF)
    person, day = candidate, AS_OF
    for step in made.steps:
        if step.fork:
            assert Judge(standard, person, day).decide(step.level) == step.decision
        else:
            assert decide(standard, person, day).next == step.decision
        if step.promoted_on is not None:
            person = promoted(person, step.level, step.promoted_on, AS_OF)
            day = step.promoted_on
    if made.stop is None:
        assert decide(standard, person, day).next is None, "no stop: the top is reached"


@SLOW
@given(candidates())
def test_steps_climb_and_dates_never_go_back(standard: Standard, data: dict[str, Any]) -> None:
    made = plan(standard, parse_candidate(data, "t"), AS_OF)
    taken = [s for s in made.steps if s.promoted_on is not None]
    dates = [s.promoted_on for s in taken if s.promoted_on is not None]
    assert dates == sorted(dates)
    assert all(d >= AS_OF for d in dates)
    order = [standard.order[s.level.grade] for s in taken]
    assert order == sorted(set(order))
    for step in made.steps:
        if step.promoted_on is None:
            assert step.decision.status in {Status.NOT_ELIGIBLE, Status.NEEDS_REVIEW}
            assert step.opens, "a closed step says what would open it"
        elif step.decision.eligible_on is not None:
            assert step.promoted_on >= step.decision.eligible_on
    if made.stop is not None and made.stop.closed is not None:
        assert made.stop.closed is made.steps[-1]


@SLOW
@given(candidates(), st.integers(0, 8000))
def test_until_keeps_the_plan_up_to_that_day(
    standard: Standard, data: dict[str, Any], days_ahead: int
) -> None:
    """A plan until a day is the whole plan cut at that day: no step changes."""
    candidate = parse_candidate(data, "t")
    until = AS_OF + dt.timedelta(days=days_ahead)
    whole = plan(standard, candidate, AS_OF)
    cut = plan(standard, candidate, AS_OF, until)
    assert cut.steps == whole.steps[: len(cut.steps)]
    assert all(s.promoted_on is None or s.promoted_on <= until for s in cut.steps)
    if len(cut.steps) < len(whole.steps):
        assert cut.stop is not None
        assert cut.stop.reason.key == "plan.stop.until"
