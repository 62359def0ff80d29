"""A plan as lines of text for a terminal, one step a line. Nothing is decided here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.views.check import STATUS_COLOUR, capitalized, source_text, wrapped

if TYPE_CHECKING:
    from kzps.words.catalog import Catalog
    from kzps.words.plan import PlanPath, PlanResult, PlanStep

#: A source longer than this (an overlay's rule) is `overlay` in its cell, and said
#: whole beneath the step.
_SOURCE_COLUMN = 18


def plan_lines(plan: PlanResult, words: Catalog, width: int = 80) -> list[str]:
    """The summary sentence, who and from where, then one line a step (grade, date,
    status, card and paragraph, label) with what stops or forks it beneath, then
    warnings. Plain lines, like `kzps check`'s view, and for the same reasons."""
    from typer import style

    colour = STATUS_COLOUR[_summary_status(plan)]
    lines = [style(line, fg=colour, bold=True) for line in wrapped("", plan.summary, width)]
    who = " — ".join(p for p in (plan.id, plan.name) if p)
    if who:
        lines.append(style(who, bold=True))
    current = (
        f"{plan.current.level} ({plan.current.label}), {words.date(plan.current.since)}"
        if plan.current
        else words.say("label.unplaced")
    )
    lines += wrapped(f"{words.say('label.current')}: ", current, width)
    lines.append(f"{words.say('plan.label.as_of')}: {words.date(plan.as_of)}")
    if plan.overlays:
        lead = f"{capitalized(words.say('label.overlay'))}: "
        lines += wrapped(lead, ", ".join(plan.overlays), width)
    if plan.steps:
        lines.append("")
        lines += _table(plan.steps, words, width)
    for warning in plan.warnings:
        lines += [style(line, fg="yellow") for line in wrapped("⚠ ", warning, width)]
    return lines


def _summary_status(plan: PlanResult) -> str:
    """The colour of the summary: the top reached, or the status of what stops it."""
    if plan.stop is None:
        return "top"
    closed = [s.status for s in plan.steps if s.promoted_on is None]
    return closed[-1] if closed else "not_yet"


def _table(steps: list[PlanStep], words: Catalog, width: int) -> list[str]:
    """One line a step: grade, date, status, card · source, label; details beneath."""
    from typer import style

    header = [
        words.say("plan.label.grade"),
        words.say("plan.label.date"),
        words.say("label.status"),
        f"{words.say('plan.label.card')} · {words.say('label.source')}",
    ]
    rows = [
        [
            step.level,
            words.date(step.promoted_on) if step.promoted_on else "—",
            words.say(f"status.{step.status}"),
            f"{step.card} · {_short_source(step.source, words)}",
        ]
        for step in steps
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [style(_cells(header, widths).rstrip(), dim=True)]
    indent = " " * (2 + widths[0] + 2)
    shown: set[str] = set()  # a grade beside the ladder is named where it first appears
    for i, (step, row) in enumerate(zip(steps, rows, strict=True)):
        plain = _cells(row, widths)
        status = style(f"{row[2]:<{widths[2]}}", fg=STATUS_COLOUR.get(step.status))
        coloured = _cells([*row[:2], status, row[3]], [*widths[:2], 0, widths[3]])
        if len(plain) + len(step.label) <= width:
            lines.append(coloured + step.label)
        else:  # a long label (8.x-N) goes beneath the cells, at the full width
            lines.append(coloured.rstrip())
            lines += wrapped(indent, step.label, width)
        if i + 1 < len(steps) and steps[i + 1].fork:
            shown.add(steps[i + 1].level)  # the next line shows it
        lines += _details(step, words, indent, width, shown)
    return lines


def _short_source(source: str, words: Catalog) -> str:
    """A paragraph as it is; an overlay's rule, too long for a cell, as `overlay`."""
    said = source_text(source, words)
    return said if len(said) <= _SOURCE_COLUMN else words.say("label.overlay")


def _cells(row: list[str], widths: list[int]) -> str:
    return "  " + "  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)) + "  "


def _details(step: PlanStep, words: Catalog, indent: str, width: int, shown: set[str]) -> list[str]:
    """Beneath a step: why it is closed or forks, what would open it, an overlay's rule,
    since when it is met, its path, and the faster grades beside it not yet `shown`."""
    from typer import style

    lines: list[str] = []
    said_source = source_text(step.source, words)
    if len(said_source) > _SOURCE_COLUMN:
        lead = f"{indent}{words.say('label.source')}: "
        lines += [style(line, dim=True) for line in wrapped(lead, said_source, width)]
    if step.reason:
        mark = "↳ " if step.fork else ("! " if step.promoted_on is not None else "✗ ")
        lines += wrapped(indent + mark, step.reason, width)
    for opener in step.opens:
        lines += wrapped(indent + "→ ", opener, width)
    met = step.eligible_on
    if step.status == "eligible" and met and step.promoted_on and met < step.promoted_on:
        lines += wrapped(indent, words.say("plan.since", date=words.date(met)), width)
    if step.promoted_on is not None:
        for path in sorted(step.paths, key=lambda p: p.key != step.path):
            lines += [
                style(line, dim=True) for line in wrapped(indent, _path(path, step, words), width)
            ]
    for option in step.options:
        if option.level in shown:
            continue
        shown.add(option.level)
        said = words.say(
            "plan.beside",
            level=option.level,
            date=words.date(option.promoted_on),
            status=words.say(f"status.{option.status}"),
            card=option.card,
            source=source_text(option.source, words),
        )
        lines += [style(line, fg="cyan") for line in wrapped(indent, said, width)]
    return lines


def _path(path: PlanPath, step: PlanStep, words: Catalog) -> str:
    """`by path: …` for the deciding path of card 10, `other path: …` for the rest."""
    status = words.say(f"status.{path.status}")
    if path.key == step.path:
        return words.say("plan.path", label=path.label)
    if path.eligible_on is not None:
        date = words.date(path.eligible_on)
        return words.say("plan.other_path_dated", label=path.label, status=status, date=date)
    return words.say("plan.other_path", label=path.label, status=status)
