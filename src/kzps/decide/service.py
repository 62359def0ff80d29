"""Length-of-service arithmetic (RULES §4), with python-dateutil and nothing hand-made.

A span is inclusive of its first and last day. One span's length is
`relativedelta(last + 1 day, first)`; several spans add component by component,
then 30 days make a month and 12 months a year. Overlapping and adjacent spans of
the same kind are one continuous span: service is counted once, however it is
split into records.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from kzps.errors import Problem, problem

ONE_DAY = dt.timedelta(days=1)
#: The days kzps checks on: projections run years ahead of the as-of date and totals
#: decades back from it, so both must stay well inside the calendar Python counts.
FIRST_AS_OF = dt.date(1900, 1, 1)
LAST_AS_OF = dt.date(2999, 12, 31)
DAYS_PER_MONTH = 30
MONTHS_PER_YEAR = 12


class Span(NamedTuple):
    """Days `first` to `last`, both included."""

    first: dt.date
    last: dt.date


class Duration(NamedTuple):
    """A length of service in years, months and days, compared in that order."""

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def of(cls, years: int = 0, months: int = 0, days: int = 0) -> Duration:
        """Normalise: 30 days make a month, 12 months a year."""
        months += days // DAYS_PER_MONTH
        return cls(
            years + months // MONTHS_PER_YEAR, months % MONTHS_PER_YEAR, days % DAYS_PER_MONTH
        )

    def __add__(self, other: tuple[int, ...]) -> Duration:  # type: ignore[override]
        years, months, days = other
        return Duration.of(self.years + years, self.months + months, self.days + days)


def as_of_problem(where: str, day: dt.date) -> Problem | None:
    """The problem with `day` as an as-of date, or None when kzps can check on it."""
    if FIRST_AS_OF <= day <= LAST_AS_OF:
        return None
    return problem(
        where, "error.as_of_range", value=str(day), first=str(FIRST_AS_OF), last=str(LAST_AS_OF)
    )


@functools.lru_cache(maxsize=1 << 14)
def span_length(span: Span) -> Duration:
    """The calendar length of one span, as relativedelta counts it (days may reach 30).

    Remembered: a search for the day service reaches a requirement measures the same
    fixed spans again and again, and in a staff list many people share them."""
    delta = relativedelta(span.last + ONE_DAY, span.first)
    return Duration(delta.years, delta.months, delta.days)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping and adjacent spans joined into continuous runs, in date order."""
    runs: list[Span] = []
    for span in sorted(spans):
        if runs and span.first <= runs[-1].last + ONE_DAY:
            if span.last > runs[-1].last:
                runs[-1] = Span(runs[-1].first, span.last)
        else:
            runs.append(span)
    return runs


def total(spans: Iterable[Span]) -> Duration:
    """The service of all spans, each day counted once.

    One continuous run is its calendar length as it is: normalising it would make
    2 years 11 months 30 days a full 3 years a day early. Only a sum of several
    runs is normalised, as RULES §4 says.
    """
    runs = merge(spans)
    if len(runs) == 1:
        return span_length(runs[0])
    result = Duration()
    for run in runs:
        result = result + span_length(run)
    return result


def clip(spans: Iterable[Span], last: dt.date) -> list[Span]:
    """The spans as they stood on the day `last` (later days dropped)."""
    return [Span(s.first, min(s.last, last)) for s in spans if s.first <= last]


def service_on(fixed: Iterable[Span], ongoing: Iterable[dt.date], day: dt.date) -> Duration:
    """Service counted on `day`: fixed spans, and ongoing ones running to the day before."""
    before = day - ONE_DAY
    spans = clip(fixed, before) + [Span(start, before) for start in ongoing if start <= before]
    return total(spans)


def first_day_reaching(
    fixed: list[Span], ongoing: list[dt.date], required: Duration, horizon: dt.date
) -> dt.date | None:
    """The first day on which service reaches `required`, or None if not by `horizon`.

    Service never decreases from one day to the next, so a binary search finds the
    day; a short walk back then makes sure the day before does not qualify.
    """
    starts = [s.first for s in fixed] + list(ongoing)
    if not starts:
        return None
    runs = merge([*fixed, Span(min(ongoing), horizon)] if ongoing else fixed)
    if len(runs) == 1:  # the closed form: a single run reaches it on its anniversary
        end = horizon if ongoing else runs[0].last + ONE_DAY
        return _one_run_reaching(runs[0].first, required, min(end, horizon))
    if service_on(fixed, ongoing, horizon) < required:
        return None
    low, high = min(starts), horizon
    while low < high:
        middle = low + dt.timedelta(days=(high - low).days // 2)
        if service_on(fixed, ongoing, middle) >= required:
            high = middle
        else:
            low = middle + ONE_DAY
    while service_on(fixed, ongoing, low - ONE_DAY) >= required:
        low -= ONE_DAY
    return low


@functools.lru_cache(maxsize=1 << 14)
def between(start: dt.date, end: dt.date) -> Duration:
    """The calendar time from `start` to `end` (what is still to serve); remembered, as
    in a staff list many people share a grade date."""
    delta = relativedelta(end, start)
    return Duration(delta.years, delta.months, delta.days)


def after(day: dt.date, length: Duration) -> dt.date:
    """`day` plus a length of service, as the calendar counts it (29 Feb + 1 year is
    28 Feb, 31 Jan + 1 month is the month's last day).

    Whole years, what every requirement of the standard is, are the same day of the
    same month N years on (29 February, in a year without one, is 28 February), which
    is what relativedelta computes; tests/decide/test_service.py checks both agree on
    every day of a leap cycle. Any other length goes through relativedelta."""
    if not (length.months or length.days):
        return years_after(day, length.years)
    return _after(day, length)


def years_after(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years: the same day of the same month (29 February, in a year
    without one, is 28 February)."""
    try:
        return dt.date(day.year + years, day.month, day.day)
    except ValueError:  # 29 February, into a year without one
        return dt.date(day.year + years, 2, 28)


@functools.lru_cache(maxsize=1 << 12)
def _after(day: dt.date, length: Duration) -> dt.date:
    return day + relativedelta(years=length.years, months=length.months, days=length.days)


@functools.lru_cache(maxsize=1 << 12)
def earlier(day: dt.date, years: int, months: int) -> dt.date:
    """`day` less whole years and months: where a total of service given as of `day`
    began (a staff list's years; remembered, as many rows give the same totals)."""
    return day - relativedelta(years=years, months=months)


def _one_run_reaching(start: dt.date, required: Duration, end: dt.date) -> dt.date | None:
    """One continuous run reaches `required` on its calendar anniversary, if by `end`
    (the day after a fixed run's last day, or the horizon of an ongoing one)."""
    day = after(start, required)
    return day if day <= end else None
