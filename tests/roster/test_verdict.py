"""A Verdict: the report's texts and the summary's key worked out once, and changed
copies for warnings and problems, since one Verdict serves many rows."""

from __future__ import annotations

import datetime as dt

from kzps.errors import problem
from kzps.roster.verdict import Verdict


def test_a_verdict_carries_its_texts_key_and_shape() -> None:
    day = dt.date(2027, 3, 10)
    verdict = Verdict("4.2", "not_yet", day, ("experience",), grade="4.1", deciding=("exp",))
    assert verdict.texts == ["4.2", "not_yet", "2027-03-10", "experience", "", ""]
    assert verdict.key == ("4.1", "not_yet")
    assert verdict.notable
    assert verdict.shape == ("4.2", "not_yet", True, ("experience",), ("exp",), "4.1")
    assert repr(verdict) == (
        "Verdict(next_level='4.2', status='not_yet', eligible_on=datetime.date(2027, 3, 10),"
        " missing=('experience',), grade='4.1', deciding=('exp',))"
    )


def test_a_warned_copy_keeps_the_result_and_the_original_is_untouched() -> None:
    shared = Verdict("6.2", "eligible", dt.date(2026, 1, 5), grade="6.1")
    shared.render(";", "cached text")
    found = problem("ИИН", "warning.repeated_iin")
    warned = shared.warned(found)
    assert (warned.next_level, warned.status, warned.eligible_on, warned.grade) == (
        "6.2",
        "eligible",
        dt.date(2026, 1, 5),
        "6.1",
    )
    assert warned.warnings == (found,)
    assert warned.shape is None  # said row by row, with its warning
    assert warned.rendered(";") is None
    assert warned.texts[5] == "ИИН: this IIN is on more than one row"
    assert shared.warnings == ()
    assert shared.rendered(";") == "cached text"
    assert shared.rendered(",") is None  # kept for the report it was made for only


def test_a_failed_copy_has_no_result() -> None:
    failed = Verdict("4.2", "not_yet", grade="4.1").failed(problem("id", "error.roster_no_id"))
    assert failed.key is None
    assert failed.next_level is None
    assert not failed.notable
    assert failed.texts[:2] == ["", ""]
    assert failed.texts[4]
