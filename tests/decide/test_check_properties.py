"""Invariants of `check` over random candidates (Hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzps.api import check, parse_candidate
from kzps.decide.engine import decide
from kzps.decide.outcome import SEVERITY, Status

if TYPE_CHECKING:
    from kzps.standard import Standard

AS_OF = dt.date(2026, 11, 25)
LEVELS = ["4", "4.1", "4.2", "4.3", "5.3", "6", "6.1", "6.2", "6.3", "8.3-2", "8.2-3"]
DIPLOMAS = [
    {"level": "tvet", "code": "0519023"},
    {"level": "tvet", "code": "1304000"},
    {"level": "post_secondary", "code": "0519000"},
    {"level": "applied_bachelor", "code": "0519000"},
    {"level": "bachelor", "code": "6B04101"},
    {"level": "bachelor", "code": "6B10201"},
    {"level": "master", "code": "7M11401"},
    {"level": "bachelor", "field": "legal"},
]
days = st.dates(min_value=dt.date(2008, 1, 1), max_value=AS_OF)


@st.composite
def periods(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(days)
    end = start + dt.timedelta(days=draw(st.integers(0, 2500)))
    period: dict[str, Any] = {"from": start, "to": min(end, AS_OF)}
    if draw(st.booleans()):
        period["level"] = draw(st.sampled_from(LEVELS))
    else:
        period["counts_as"] = draw(
            st.lists(
                st.sampled_from(["specialty", "social_protection", "management"]),
                min_size=1,
                unique=True,
            )
        )
    return period


@st.composite
def candidates(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "education": draw(st.lists(st.sampled_from(DIPLOMAS), min_size=1, max_size=3)),
        "history": draw(st.lists(periods(), max_size=4)),
    }
    if draw(st.booleans()):
        data["current"] = {"level": draw(st.sampled_from(LEVELS)), "since": draw(days)}
    if draw(st.booleans()):
        data["organization"] = draw(st.sampled_from(["republican", "oblast", "district", "rural"]))
    return data


SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rank(standard: Standard, data: dict[str, Any]) -> dict[str, tuple[int, dt.date]]:
    """Every decided level with its severity and date (later dates are worse)."""
    outcome = decide(standard, parse_candidate(data, "t"), AS_OF)
    judged = {d.level: d for d in outcome.options}
    if outcome.next:
        judged[outcome.next.level] = outcome.next
    return {
        level: (SEVERITY[d.status], d.eligible_on or dt.date.max) for level, d in judged.items()
    }


@SLOW
@given(candidates(), periods())
def test_more_experience_never_worsens_the_next_grade(
    standard: Standard, data: dict[str, Any], extra: dict[str, Any]
) -> None:
    """Adding a period of work can only keep or improve the status of the next grade."""
    before = decide(standard, parse_candidate(data, "t"), AS_OF).next
    after = decide(
        standard, parse_candidate(data | {"history": [*data["history"], extra]}, "t"), AS_OF
    ).next
    if before is None or after is None:
        assert before is after is None
        return
    assert after.level == before.level
    assert SEVERITY[after.status] <= SEVERITY[before.status]
    if before.status is after.status is Status.NOT_YET:
        assert after.eligible_on is not None
        assert before.eligible_on is not None
        assert after.eligible_on <= before.eligible_on


@SLOW
@given(candidates(), st.randoms(use_true_random=False))
def test_history_order_does_not_matter(
    standard: Standard, data: dict[str, Any], shuffle: Any
) -> None:
    shuffled = list(data["history"])
    shuffle.shuffle(shuffled)
    first = check(standard, data, AS_OF).model_dump(mode="json")
    second = check(standard, data | {"history": shuffled}, AS_OF).model_dump(mode="json")
    assert first == second


@SLOW
@given(candidates())
def test_eligible_on_is_the_first_day(standard: Standard, data: dict[str, Any]) -> None:
    """Checked on eligible_on the grade is eligible; the day before it is not."""
    outcome = decide(standard, parse_candidate(data, "t"), AS_OF)
    target = outcome.next
    if target is None or target.status is not Status.ELIGIBLE or target.eligible_on is None:
        return
    day = target.eligible_on
    since = data.get("current", {}).get("since")
    if since is not None and day <= since:
        return  # before the current grade was assigned the candidate was elsewhere
    on_day = decide(standard, parse_candidate(data, "t"), day).next
    before = decide(standard, parse_candidate(data, "t"), day - dt.timedelta(days=1)).next
    assert on_day is not None
    assert on_day.status is Status.ELIGIBLE
    assert before is not None
    assert before.status is not Status.ELIGIBLE


CONTRACT_KEYS = {"id", "name", "as_of", "standard", "current", "next", "options"}
CONTRACT_KEYS |= {"qualifies_for", "warnings"}
NEXT_KEYS = {"level", "card", "status", "eligible_on", "findings"}
FINDING_KEYS = {"requirement", "required", "actual", "met", "source"}


@SLOW
@given(candidates(), st.sampled_from(["kk", "ru", "en"]))
def test_json_always_matches_the_contract(
    standard: Standard, data: dict[str, Any], lang: str
) -> None:
    result = check(standard, data, AS_OF, lang).model_dump(mode="json")
    assert set(result) >= CONTRACT_KEYS
    assert result["standard"] == {"code": "K65301002", "edition": "2026-07-12"}
    assert all(isinstance(w, str) for w in result["warnings"])
    nxt = result["next"]
    if nxt is not None:
        assert set(nxt) >= NEXT_KEYS
        assert nxt["status"] in {"eligible", "not_yet", "not_eligible", "needs_review"}
        if nxt["status"] in {"not_eligible"}:
            assert nxt["eligible_on"] is None
        if nxt["status"] == "not_yet":
            assert nxt["eligible_on"] > result["as_of"]
        for finding in nxt["findings"]:
            assert set(finding) == FINDING_KEYS
            assert finding["source"].startswith(("para ", "RULES"))
    for option in result["options"]:
        assert option["status"] == "eligible"
    order = [level.split("-")[0] for level in LEVELS]
    ranks = [order.index(level.split("-")[0]) for level in result["qualifies_for"]]
    assert ranks == sorted(ranks)


@SLOW
@given(candidates())
def test_decide_next_agrees_with_decide(standard: Standard, data: dict[str, Any]) -> None:
    """The roster's shortcut decides the next grade exactly as the full check does."""
    from kzps.decide.engine import decide_next

    candidate = parse_candidate(data, "t")
    assert decide_next(standard, candidate, AS_OF) == decide(standard, candidate, AS_OF).next
