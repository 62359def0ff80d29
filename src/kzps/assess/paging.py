"""Where the printed sheet's pages break: never between a heading (a labour function, a
skill, "Abilities") and its first item, and never inside the signatures. Pure: row
heights in, row numbers to break before out.

A spreadsheet breaks pages wherever a page is full, which leaves a skill's heading alone
at the foot of a page. kzps sets every row's height itself, so it knows where a page
fills and moves the break up to the heading; the spreadsheet follows the breaks given.
"""

from __future__ import annotations

from collections.abc import Sequence

#: A4 in points, and the sheet's margins (top 0.6 in, bottom 0.7 in, sides 0.5 in).
PAGE_WIDTH = 595.3 - 72
PAGE_HEIGHT = 841.9 - (0.6 + 0.7) * 72
#: Room kept free on each page: fonts differ a little between spreadsheets.
SLACK = 0.96


def scale(widths: Sequence[float]) -> float:
    """The scale "fit to one page wide" prints at: the page's width over the columns'
    (a column `w` characters wide is 7w + 5 pixels, 0.75 point each), in whole percent."""
    points = sum(7 * w + 5 for w in widths) * 0.75
    return min(1.0, int(100 * PAGE_WIDTH / points) / 100)


def page_breaks(
    heights: Sequence[float], glued: Sequence[bool], top: int, at_scale: float
) -> list[int]:
    """The rows to break before. `heights` are every row's, in points; `glued[r]` says
    row r must stay on the page of row r + 1; row `top` is the table's header, repeated
    at the top of every later page."""
    room = PAGE_HEIGHT * SLACK / at_scale
    repeated = heights[top]
    breaks: list[int] = []
    start, used = 0, 0.0
    for r, height in enumerate(heights):
        if used + height <= room or r == start:
            used += height
            continue
        cut = r
        while cut - 1 > max(start, top) and glued[cut - 1]:
            cut -= 1
        if cut <= start + 1:  # a block taller than a page: break where it is full
            cut = r
        breaks.append(cut)
        start = cut
        used = repeated + sum(heights[cut : r + 1])
    return breaks
