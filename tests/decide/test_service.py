"""Length-of-service arithmetic (RULES §4): anniversaries, 29 February, month ends, merges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzps.decide.service import (
    Duration,
    Span,
    first_day_reaching,
    merge,
    service_on,
    span_length,
    total,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("first", "day", "expected"),
    [
        ("2023-11-25", "2026-11-25", Duration(3, 0, 0)),  # the anniversary itself
        ("2023-11-25", "2026-11-24", Duration(2, 11, 30)),  # the day before: not yet 3 years
        ("2024-02-29", "2025-02-28", Duration(1, 0, 0)),  # 29 February → 28 February
        ("2024-01-31", "2024-02-29", Duration(0, 1, 0)),  # month end → shorter month end
        ("2024-01-31", "2024-02-28", Duration(0, 0, 28)),
        ("2024-03-01", "2024-03-02", Duration(0, 0, 1)),
    ],
)
def test_one_span_is_its_calendar_length(first: str, day: str, expected: Duration) -> None:
    """A span counted up to `day` runs to the day before (RULES §4)."""
    assert service_on([], [D(first)], D(day)) == expected


def test_a_single_run_is_not_normalised() -> None:
    """2 years 11 months 30 days stays short of 3 years when it is one run."""
    assert span_length(Span(D("2023-11-25"), D("2026-11-23"))) == Duration(2, 11, 30)


def test_several_runs_add_then_normalise() -> None:
    """RULES §4: components add, then 30 days make a month and 12 months a year."""
    runs = [Span(D("2020-01-01"), D("2021-12-31")), Span(D("2024-01-01"), D("2024-12-30"))]
    assert total(runs) == Duration(3, 0, 0)


def test_overlapping_and_adjacent_spans_merge() -> None:
    spans = [
        Span(D("2020-01-01"), D("2020-06-30")),
        Span(D("2020-03-01"), D("2020-12-31")),
        Span(D("2021-01-01"), D("2021-01-31")),
        Span(D("2021-03-01"), D("2021-03-31")),
    ]
    assert merge(spans) == [
        Span(D("2020-01-01"), D("2021-01-31")),
        Span(D("2021-03-01"), D("2021-03-31")),
    ]


def test_first_day_reaching_an_anniversary() -> None:
    day = first_day_reaching([], [D("2024-02-29")], Duration(1), D("2030-01-01"))
    assert day == D("2025-02-28")


def test_first_day_is_none_when_fixed_service_is_short() -> None:
    fixed = [Span(D("2020-01-01"), D("2020-12-31"))]
    assert first_day_reaching(fixed, [], Duration(2), D("2030-01-01")) is None


dates = st.dates(min_value=D("2000-01-01"), max_value=D("2030-12-31"))
spans = st.builds(
    lambda a, n: Span(a, a + dt.timedelta(days=n)), dates, st.integers(min_value=0, max_value=2000)
)


@given(st.lists(spans, max_size=6), st.lists(dates, max_size=2), st.integers(1, 5), dates)
def test_first_day_is_the_first(
    fixed: list[Span], ongoing: list[dt.date], years: int, start: dt.date
) -> None:
    """On eligible_on the requirement holds; on the day before it does not."""
    horizon = start + dt.timedelta(days=366 * (years + 1))
    day = first_day_reaching(fixed, ongoing, Duration(years), horizon)
    if day is None:
        assert service_on(fixed, ongoing, horizon) < Duration(years)
    else:
        assert service_on(fixed, ongoing, day) >= Duration(years)
        assert service_on(fixed, ongoing, day - dt.timedelta(days=1)) < Duration(years)


@given(st.lists(spans, max_size=6), dates)
def test_order_and_splitting_do_not_matter(fixed: list[Span], day: dt.date) -> None:
    """Service is the same whatever the order of the records or how a run is split."""
    split = []
    for span in fixed:
        middle = span.first + (span.last - span.first) / 2
        split += [Span(span.first, middle), Span(middle + dt.timedelta(days=1), span.last)]
    split = [s for s in split if s.first <= s.last]
    assert service_on(list(reversed(fixed)), [], day) == service_on(fixed, [], day)
    assert service_on(split, [], day) == service_on(fixed, [], day)


@given(st.lists(spans, max_size=5), dates, st.integers(0, 400))
def test_service_never_decreases(fixed: list[Span], day: dt.date, later: int) -> None:
    assert service_on(fixed, [], day) <= service_on(fixed, [], day + dt.timedelta(days=later))


@given(dates, st.integers(1, 6))
def test_one_run_reaches_on_its_anniversary(start: dt.date, years: int) -> None:
    """The closed form for one run agrees with counting day by day (RULES §4)."""
    horizon = start + dt.timedelta(days=366 * (years + 1))
    day = first_day_reaching([], [start], Duration(years), horizon)
    assert day is not None
    assert service_on([], [start], day) >= Duration(years)
    assert service_on([], [start], day - dt.timedelta(days=1)) < Duration(years)


@pytest.mark.parametrize("years", [1, 2, 3, 5, 80])
def test_whole_years_after_a_day_are_what_relativedelta_counts(years: int) -> None:
    """Every day of a leap cycle (29 February and month ends included)."""
    from dateutil.relativedelta import relativedelta

    from kzps.decide.service import after

    first = dt.date(2023, 1, 1)
    for offset in range(4 * 366):
        day = first + dt.timedelta(days=offset)
        assert after(day, Duration(years)) == day + relativedelta(years=years), day


@given(
    st.dates(max_value=dt.date(2900, 1, 1)),
    st.integers(0, 30),
    st.integers(0, 11),
    st.integers(0, 30),
)
def test_any_length_after_a_day_is_what_relativedelta_counts(
    day: dt.date, years: int, months: int, days: int
) -> None:
    from dateutil.relativedelta import relativedelta

    from kzps.decide.service import after

    expected = day + relativedelta(years=years, months=months, days=days)
    assert after(day, Duration(years, months, days)) == expected
