"""The IIN's control digit and its mask (kzps.iin)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzps.roster.iin import control_digit, iin_problem, iin_valid, mask
from kzps.words.catalog import catalog

ENGLISH = catalog("en")


def reference_digit(first_eleven: str) -> int | None:
    """The control digit exactly as the algorithm is usually written down, for comparison."""
    digits = [int(c) for c in first_eleven]
    total = sum(weight * digit for weight, digit in zip(range(1, 12), digits, strict=True)) % 11
    if total == 10:
        weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        total = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
    return None if total == 10 else total


@pytest.mark.parametrize(
    "iin",
    ["900101300007", "850325400129", "010203600778", "900101300811"],
)
def test_valid_iins(iin: str) -> None:
    assert iin_valid(iin)
    assert iin_problem(iin) is None


def test_the_second_weights_decide_when_the_first_give_ten() -> None:
    # 1·9 + 2·0 + … for 90010130081 is 10 (mod 11); the second weights give 1.
    assert sum(w * int(d) for w, d in zip(range(1, 12), "90010130081", strict=True)) % 11 == 10
    assert control_digit("90010130081") == 1
    assert iin_valid("900101300811")
    assert not iin_valid("900101300810")


def test_a_number_whose_digit_would_be_ten_twice_is_never_valid() -> None:
    assert control_digit("90010130080") is None
    assert not any(iin_valid(f"90010130080{d}") for d in range(10))


@pytest.mark.parametrize(
    ("iin", "key", "values"),
    [
        ("900101300008", "error.iin_control", {}),
        ("90010130000", "error.iin_digits", {"length": 11}),
        ("9001013000071", "error.iin_digits", {"length": 13}),
        ("90010130000x", "error.iin_not_digits", {}),
        ("９００１０１３００００７", "error.iin_not_digits", {}),  # full-width digits
    ],
)
def test_invalid_iins_say_why_without_repeating_the_number(
    iin: str, key: str, values: dict[str, int]
) -> None:
    assert not iin_valid(iin)
    found = iin_problem(iin, "ИИН")
    assert found is not None
    assert (found.where, found.key, dict(found.values)) == ("ИИН", key, values)
    assert iin not in ENGLISH.problem(found)


def test_the_messages() -> None:
    wrong = iin_problem("900101300008", "ИИН")
    short = iin_problem("123", "ИИН")
    assert wrong is not None
    assert short is not None
    assert ENGLISH.problem(wrong) == (
        "ИИН: the control digit does not match: the IIN is mistyped or belongs to someone else"
    )
    assert ENGLISH.problem(short) == "ИИН: expected 12 digits, got 3 characters"


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_the_fast_check_agrees_with_the_algorithm(iin: str) -> None:
    digit = reference_digit(iin[:11])
    assert iin_valid(iin) == (digit is not None and digit == int(iin[11]))
    assert control_digit(iin[:11]) == digit


@pytest.mark.parametrize(
    ("iin", "masked"),
    [
        ("900101300007", "900101*****7"),
        ("900101*****7", "900101*****7"),
        ("90010130000", "***********"),
        ("Иванов Иван", "***********"),
        ("Иванова Айым", "************"),
        ("", ""),
    ],
)
def test_mask_keeps_the_birth_date_and_the_last_digit(iin: str, masked: str) -> None:
    assert mask(iin) == masked
