"""Scoring and verdicts, as invariants over any marks and any rule: shares stay between 0
and 1, an item not assessed never counts as demonstrated, a better mark never turns a
pass into a fail, and without a rule there is no verdict at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzps.assess.items import CardItems, card_items, find_card
from kzps.assess.rule import verdict
from kzps.assess.score import GAPS, Mark, score
from kzps.standard import load_standard
from kzps.standard.records import AssessmentRule

if TYPE_CHECKING:
    from kzps.standard import Standard

CARDS: dict[int, CardItems] = {
    card.paragraph: card_items(card) for card in load_standard().text.cards
}
BETTER = {Mark.NOT_DEMONSTRATED: Mark.PARTLY, Mark.PARTLY: Mark.DEMONSTRATED}
shares = st.floats(min_value=0, max_value=1, allow_nan=False)
rules = st.builds(
    AssessmentRule,
    pass_share=shares,
    source=st.just("overlay Test 1: assessment"),
    every_function=st.booleans(),
    partly_counts_as=shares,
)


@st.composite
def sheets(draw: st.DrawFn) -> tuple[CardItems, dict[str, Mark]]:
    """A card and marks for some of its items (the rest left blank)."""
    items = CARDS[draw(st.sampled_from(sorted(CARDS)))]
    marks = {
        item.id: mark
        for item in items.items
        if (mark := draw(st.sampled_from([*Mark, None]))) is not None
    }
    return items, marks


@given(sheets(), shares)
def test_shares_lie_between_0_and_1_and_counts_add_up(
    sheet: tuple[CardItems, dict[str, Mark]], partly: float
) -> None:
    items, marks = sheet
    scored = score(items, marks, partly)
    groups = [scored.total, scored.competencies]
    groups += [g for f in scored.functions for g in (f.group, *f.skills)]
    for group in groups:
        assert 0 <= group.share <= 1
        assert group.tally.items == len(group.marked)
        counts = group.tally
        assert counts.demonstrated / counts.items <= group.share + 1e-12
        assert group.share <= (counts.demonstrated + counts.partly) / counts.items + 1e-12
    assert scored.total.tally.items == len(items.items)


@given(sheets(), shares)
def test_not_assessed_never_counts_as_demonstrated(
    sheet: tuple[CardItems, dict[str, Mark]], partly: float
) -> None:
    items, marks = sheet
    scored = score(items, marks, partly)
    assessed = {k: m for k, m in marks.items() if m is not Mark.NOT_ASSESSED}
    unseen = score(items, dict.fromkeys(marks, Mark.NOT_ASSESSED), partly)
    assert unseen.total.share == 0
    assert unseen.needs == ()
    # Dropping the not-assessed marks (blank instead) changes nothing.
    assert score(items, assessed, partly).total == scored.total
    demonstrated = sum(m is Mark.DEMONSTRATED for m in marks.values())
    partial = sum(m is Mark.PARTLY for m in marks.values())
    expected = (demonstrated + partial * partly) / len(items.items)
    assert scored.total.share == pytest.approx(expected)


@given(sheets())
def test_training_needs_are_the_skills_with_gaps(sheet: tuple[CardItems, dict[str, Mark]]) -> None:
    items, marks = sheet
    scored = score(items, marks)
    expected = [s.id for s in items.skills() if any(marks.get(i.id) in GAPS for i in s.items)]
    assert [n.skill.id for n in scored.needs] == expected
    assert all(n.courses == items.nonformal for n in scored.needs)


@settings(max_examples=60)
@given(sheets(), rules, st.data())
def test_a_better_mark_never_turns_a_pass_into_a_fail(
    sheet: tuple[CardItems, dict[str, Mark]], rule: AssessmentRule, data: st.DataObject
) -> None:
    items, marks = sheet
    improvable = sorted(k for k, m in marks.items() if m in BETTER)
    before = verdict(score(items, marks, rule.partly_counts_as), rule)
    assert before.status in {"passed", "not_passed"}
    if not improvable:
        return
    key = data.draw(st.sampled_from(improvable))
    better = marks | {key: BETTER[marks[key]]}
    after = verdict(score(items, better, rule.partly_counts_as), rule)
    if before.status == "passed":
        assert after.status == "passed"


@given(sheets())
def test_without_a_rule_no_verdict(sheet: tuple[CardItems, dict[str, Mark]]) -> None:
    items, marks = sheet
    found = verdict(score(items, marks), None)
    assert found.status == "needs_review"
    assert found.rule is None
    assert [r.key for r in found.reasons] == ["assess.reason.no_rule"]


def test_four_of_five_reach_a_pass_share_of_0_8(standard: Standard) -> None:
    """Shares are compared with slack: 0.8 of the items is 0.8, not 0.7999…."""
    items = card_items(find_card(standard.text, "11"))
    keys = [i.id for i in items.items]
    marks = {k: Mark.DEMONSTRATED if i % 5 else Mark.NOT_DEMONSTRATED for i, k in enumerate(keys)}
    rule = AssessmentRule(pass_share=0.8, source="overlay Test 1: assessment")
    assert score(items, marks).total.share == pytest.approx(0.8)
    assert verdict(score(items, marks), rule).status == "passed"
