"""The closed-form decider of a staff list's rows gives what the engine gives: the same
next level, status, first day and missing requirements, on random people (Hypothesis),
with and without history, on every as-of day, 29 February and month ends included."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzps.api import parse_candidate
from kzps.decide.engine import decide_next
from kzps.decide.quick import QuickDecider

if TYPE_CHECKING:
    from kzps.standard import Standard

LEVELS = ["4", "4.1", "4.2", "4.3", "5.3", "6", "6.1", "6.2", "6.3", "8.3-1", "8.3-2", "8.2-3"]
DIPLOMAS = [
    {"level": "tvet", "code": "0519023"},
    {"level": "tvet", "code": "1304000"},
    {"level": "post_secondary", "code": "0519000"},
    {"level": "applied_bachelor", "code": "0519000"},
    {"level": "applied_bachelor", "code": "0501023"},
    {"level": "bachelor", "code": "6B04101"},
    {"level": "bachelor", "code": "5B050600"},
    {"level": "bachelor", "code": "6B10201"},
    {"level": "master", "code": "7M11401"},
    {"level": "bachelor", "field": "legal"},
]
days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2030, 12, 31))
#: Totals: any, and as often the few years the standard asks (its boundaries).
years = st.one_of(
    st.none(),
    st.integers(0, 30),
    st.integers(1, 6),
    st.decimals(0, 30, places=1).map(str),
    st.just("2 г. 11 мес."),
)


@st.composite
def rows(draw: st.DrawFn, history: bool) -> tuple[dict[str, Any], dt.date]:
    as_of = draw(st.one_of(days, st.sampled_from([dt.date(2028, 2, 29), dt.date(2027, 1, 31)])))
    data: dict[str, Any] = {
        "education": draw(st.lists(st.sampled_from(DIPLOMAS), min_size=1, max_size=3))
    }
    if draw(st.booleans()):
        since = draw(st.dates(min_value=dt.date(2004, 1, 1), max_value=as_of))
        data["current"] = {"level": draw(st.sampled_from(LEVELS)), "since": since}
    if draw(st.booleans()):
        data["organization"] = draw(st.sampled_from(["republican", "oblast", "district", "rural"]))
    totals = {
        kind: value
        for kind in ("specialty", "social_protection", "management")
        if (value := draw(years)) is not None
    }
    if totals:
        data["experience"] = totals
    if history and draw(st.booleans()):
        start = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=as_of))
        data["history"] = [
            {"from": start, "to": as_of, "counts_as": ["specialty", "social_protection"]}
        ]
    return data, as_of


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows(history=True))
def test_the_closed_form_decides_as_the_engine(standard: Standard, row: Any) -> None:
    data, as_of = row
    candidate = parse_candidate(data, "row")
    full = decide_next(standard, candidate, as_of)
    quick = QuickDecider(standard, as_of).next(candidate)
    if full is None:
        assert quick is None
        return
    assert quick is not None
    deciding = tuple(f.requirement for f in full.findings if f.status is full.status)
    assert (quick.level, quick.status, quick.eligible_on, quick.missing, quick.deciding) == (
        full.level,
        full.status,
        full.eligible_on,
        full.missing,
        deciding,
    )


def test_one_decider_remembers_diplomas_across_people(standard: Standard) -> None:
    decider = QuickDecider(standard, dt.date(2026, 11, 25))
    first = parse_candidate({"education": [DIPLOMAS[0]]}, "a")
    second = parse_candidate(
        {"education": [DIPLOMAS[0]], "current": {"level": "4", "since": "2025-11-25"}}, "b"
    )
    assert decider.next(first) == ("4", "eligible", None, (), ("education",))
    found = decider.next(second)
    assert found is not None
    assert (found.level, found.status, found.eligible_on) == (
        "4.1",
        "eligible",
        dt.date(2026, 11, 25),
    )


def test_the_closed_form_decides_as_the_engine_on_every_boundary(standard: Standard) -> None:
    """Every held grade, with each kind of total at and around the years the standard
    asks, on an ordinary day, a month end and 29 February: the random rows above rarely
    hit a total of exactly the years required, where one day decides."""
    as_ofs = [dt.date(2026, 11, 25), dt.date(2027, 1, 31), dt.date(2028, 2, 29)]
    amounts: list[Any] = [1, 2, 3, 4, 5, "2 г. 11 мес.", "4 г. 11 мес."]
    wrong = []
    for as_of in as_ofs:
        decider = QuickDecider(standard, as_of)
        for level in [None, *LEVELS]:
            for diploma in (DIPLOMAS[0], DIPLOMAS[5], DIPLOMAS[8]):
                for since in (as_of - dt.timedelta(days=365), dt.date(2024, 2, 29)):
                    for kind in ("specialty", "social_protection", "management"):
                        for amount in amounts:
                            data: dict[str, Any] = {
                                "education": [diploma],
                                "experience": {kind: amount},
                                "organization": "oblast",
                            }
                            if level is not None:
                                data["current"] = {"level": level, "since": since}
                            candidate = parse_candidate(data, "row")
                            full = decide_next(standard, candidate, as_of)
                            quick = decider.next(candidate)
                            expected = full and (full.level, full.status, full.eligible_on)
                            got = quick and (quick.level, quick.status, quick.eligible_on)
                            if expected != got:
                                wrong.append((as_of, data, expected, got))
    assert not wrong, wrong[:3]
