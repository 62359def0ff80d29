"""The HTML report's charts as geometry: bars, labels and lines in SVG user units, which
the template draws as inline SVG (escaped, like everything it writes). No markup here."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

Shown = Callable[[int], str]  # how a count is written (digits grouped as the language does)

#: Colours of the next grades in the forecast's stacked bars (Tableau 10: they stay
#: apart for most colour-blind readers and in greyscale print).
PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
    "#EDC948",
    "#76B7B2",
    "#E15759",
    "#9C755F",
    "#FF9DA7",
    "#BAB0AC",
    "#A0CBE8",
    "#FFBE7D",
    "#8CD17D",
    "#D4A6C8",
    "#B6992D",
    "#86BCB6",
    "#FABFD2",
    "#79706E",
)
BAR = "#4E79A7"
CHAR = 7  # the width of a character of 12px text, near enough to lay labels out
GRID = "#D9D9D9"


class Rect(NamedTuple):
    """A bar, or a segment of one; `title` is what a pointer over it shows."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str
    title: str


class Label(NamedTuple):
    """A piece of text; `kind` is its CSS class (axis, value, legend)."""

    x: float
    y: float
    text: str
    anchor: str
    kind: str


class Line(NamedTuple):
    """A grid or axis line."""

    x1: float
    y1: float
    x2: float
    y2: float


class Chart(NamedTuple):
    """One chart: its size, what it shows, and a legend (label, colour) if it has one."""

    title: str
    width: int
    height: int
    rects: list[Rect]
    labels: list[Label]
    lines: list[Line]
    legend: list[tuple[str, str]]


def column_chart(title: str, items: list[tuple[str, int]], shown: Shown = str) -> Chart:
    """Vertical columns, one per item, with the count above each and its name below;
    wider than the usual 520 when there are many, so that the numbers stay apart."""
    height, top, bottom, side = 260, 24, 40, 12
    widest = max((len(shown(count)) for _, count in items), default=1)
    width = max(520, len(items) * max(48, (widest + 2) * CHAR) + 2 * side)
    largest = max((count for _, count in items), default=0) or 1
    slot = (width - 2 * side) / max(len(items), 1)
    bar = min(56.0, slot * 0.7)
    plot = height - top - bottom
    rects, labels = [], []
    for i, (name, count) in enumerate(items):
        centre = side + slot * i + slot / 2
        tall = plot * count / largest
        y = top + plot - tall
        rects.append(
            Rect(
                _r(centre - bar / 2), _r(y), _r(bar), _r(tall), BAR, BAR, f"{name}: {shown(count)}"
            )
        )
        labels.append(Label(_r(centre), _r(y - 6), shown(count), "middle", "value"))
        labels.append(Label(_r(centre), height - bottom + 18, name, "middle", "axis"))
    base = Line(side, top + plot, width - side, top + plot)
    return Chart(title, width, height, rects, labels, [base], [])


def status_chart(
    title: str,
    items: list[tuple[str, str, int]],
    colours: dict[str, tuple[str, str]],
    shown: Shown = str,
) -> Chart:
    """Horizontal bars, one per status (key, word, count), in the status's colours."""
    longest = max((len(word) for _, word, _ in items), default=0)
    width, row, top = 520, 34, 8
    name_width = min(300, max(120, longest * CHAR + 16))  # the words fit beside the bars
    height = top * 2 + row * max(len(items), 1)
    largest = max((count for _, _, count in items), default=0) or 1
    room = width - name_width - (len(shown(largest)) + 2) * CHAR  # the number after the bar
    rects, labels = [], []
    for i, (key, word, count) in enumerate(items):
        y = top + row * i
        fill, stroke = colours.get(key, ("#EEEEEE", "#555555"))
        long = max(2.0, room * count / largest)
        said = f"{word}: {shown(count)}"
        rects.append(Rect(name_width, y + 5, _r(long), row - 10, fill, stroke, said))
        labels.append(Label(name_width - 8, y + row / 2 + 4, word, "end", "axis"))
        labels.append(
            Label(_r(name_width + long + 6), y + row / 2 + 4, shown(count), "start", "value")
        )
    axis = Line(name_width, top, name_width, height - top)
    return Chart(title, width, height, rects, labels, [axis], [])


def stacked_chart(
    title: str,
    months: list[tuple[str, str, dict[str, int]]],
    levels: list[str],
    shown: Shown = str,
    *,
    width: int = 1180,
) -> Chart:
    """A column per month (short name, year, people by next grade), stacked by grade in
    the order of `levels`, with each month's total above it and a legend of the grades."""
    height, top, bottom, right = 260, 24, 46, 12
    colour = {level: PALETTE[i % len(PALETTE)] for i, level in enumerate(levels)}
    totals = [sum(counts.values()) for _, _, counts in months]
    step, most = _scale(max(totals, default=0))
    side = (len(shown(most)) + 1) * CHAR + 8  # room for the axis's numbers
    plot = height - top - bottom
    slot = (width - side - right) / max(len(months), 1)
    bar = min(48.0, slot * 0.7)
    rects: list[Rect] = []
    lines: list[Line] = []
    labels = [Label(side - 6, top + plot + 4, "0", "end", "axis")]
    for tick in range(step, most + 1, step):
        y = _r(top + plot - plot * tick / most)
        lines.append(Line(side, y, width - right, y))
        labels.append(Label(side - 6, _r(y + 4), shown(tick), "end", "axis"))
    for i, (short, year, counts) in enumerate(months):
        centre = side + slot * i + slot / 2
        y = top + plot
        for level in levels:
            count = counts.get(level, 0)
            if count:
                tall = plot * count / most
                y -= tall
                said = f"{short} {year} — {level}: {shown(count)}"
                rects.append(
                    Rect(
                        _r(centre - bar / 2),
                        _r(y),
                        _r(bar),
                        _r(tall),
                        colour[level],
                        "#FFFFFF",
                        said,
                    )
                )
        if totals[i]:
            labels.append(Label(_r(centre), _r(y - 6), shown(totals[i]), "middle", "value"))
        labels.append(Label(_r(centre), height - bottom + 16, short, "middle", "axis"))
        if i == 0 or _new_year(i, months):
            labels.append(Label(_r(centre), height - bottom + 32, year, "middle", "axis"))
    lines.append(Line(side, top + plot, width - right, top + plot))
    legend = [(level, colour[level]) for level in levels]
    return Chart(title, width, height, rects, labels, lines, legend)


def _scale(largest: int) -> tuple[int, int]:
    """A whole-number step for at most five gridlines, and the top of the axis."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        step = candidate
        if largest <= candidate * 5:
            break
    while largest > step * 5:
        step *= 10
    return step, max(step, -(-largest // step) * step)


def _new_year(index: int, months: list[tuple[str, str, dict[str, int]]]) -> bool:
    """Whether a month starts a new year (its year is shown under it)."""
    return months[index][1] != months[index - 1][1]


def _r(value: float) -> float:
    return round(value, 1)
