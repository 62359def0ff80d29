"""Page breaks of the printed sheet: every page fits, and no heading is left alone at the
foot of a page (a skill's name is printed with its first item)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kzps.assess.paging import PAGE_HEIGHT, SLACK, page_breaks, scale

rows = st.lists(
    st.tuples(st.floats(min_value=10, max_value=120), st.booleans()), min_size=2, max_size=300
)


@given(rows, st.floats(min_value=0.4, max_value=1.0))
def test_pages_fit_and_headings_stay_with_what_follows(
    table: list[tuple[float, bool]], at_scale: float
) -> None:
    heights = [15.0] + [h for h, _ in table]  # row 0: the repeated table header
    glued = [False] + [g for _, g in table]
    breaks = page_breaks(heights, glued, 0, at_scale)
    room = PAGE_HEIGHT * SLACK / at_scale
    assert breaks == sorted(set(breaks))
    assert all(0 < b < len(heights) for b in breaks)
    starts = [0, *breaks]
    ends = [*breaks, len(heights)]
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        used = sum(heights[start:end]) + (heights[0] if i else 0)
        block = end - start
        # A page overflows only where one unbreakable run is taller than a page.
        if used > room:
            assert all(glued[start : end - 1]) or block == 1
        if i and glued[start - 1]:
            # A page starts right after a heading only when the run of headings before
            # it filled the whole previous page.
            assert all(glued[starts[i - 1] + 1 : start])


def test_a_wide_table_prints_smaller() -> None:
    assert scale([13, 62, 14, 12, 22]) == 0.78
    assert scale([10]) == 1.0
