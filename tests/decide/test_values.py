"""Years of experience as HR writes them (CONTRACT §Roster)."""

from __future__ import annotations

import pytest

from kzps.decide.values import Years, parse_years
from kzps.errors import InvalidValueError


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("4.5", Years(4, 6)),
        ("4,5", Years(4, 6)),
        (2.99, Years(2, 11)),  # decimals become whole months, rounded down
        (3, Years(3, 0)),
        ("4 жыл 6 ай", Years(4, 6)),
        ("4 г. 6 мес.", Years(4, 6)),
        ("12 л. 3 мес.", Years(12, 3)),
        ("5 лет", Years(5, 0)),
        ("1 год 3 месяца", Years(1, 3)),
        ("4y 6m", Years(4, 6)),
        ("6m", Years(0, 6)),
        ("0", Years(0, 0)),
    ],
)
def test_years_as_written(written: object, expected: Years) -> None:
    assert parse_years(written) == expected


@pytest.mark.parametrize("written", ["", "много", "4y x", "-1", "4 6", "4.5 мес", True])
def test_unreadable_years_are_errors(written: object) -> None:
    with pytest.raises(InvalidValueError) as raised:
        parse_years(written)
    assert raised.value.kind in {"years_format", "years_negative"}


@pytest.mark.parametrize("written", [80, "80 лет", "79 жыл 12 ай"])
def test_a_working_life_of_years_is_accepted(written: object) -> None:
    assert parse_years(written) == Years(80, 0)


@pytest.mark.parametrize("written", ["80.1", 81, "80 лет 1 мес.", 900101300008, "1e9"])
def test_more_years_than_a_working_life_are_errors(written: object) -> None:
    with pytest.raises(InvalidValueError) as raised:
        parse_years(written)
    assert raised.value.kind == "years_too_many"
