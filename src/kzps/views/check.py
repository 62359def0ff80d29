"""A check's result as lines of text for a terminal. Nothing is decided here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kzps.words.catalog import Catalog
    from kzps.words.result import FindingResult, Result

_PARAGRAPH = re.compile(r"\bpara (\d+)")
_OVERLAY = re.compile(r"\boverlay ")


def result_lines(result: Result, words: Catalog, width: int = 80) -> list[str]:
    """One candidate as lines of styled text: the headline sentence, then each
    finding with ✓/✗, its paragraph, what is required and what the person has,
    then options, positions and warnings.

    Plain lines rather than a rich table: the view is a short report, it wraps
    long requirement texts readably at any width, and it leaves `kzps check`
    without rich's start-up cost (CONTRACT keeps the name `--format table`).
    """
    from typer import style

    status = result.next.status if result.next else "eligible"
    colour = STATUS_COLOUR.get(status)
    lines = [style(line, fg=colour, bold=True) for line in wrapped("", result.summary, width)]
    who = " — ".join(p for p in (result.id, result.name) if p)
    if who:
        lines.append(style(who, bold=True))
    current = (
        f"{result.current.level} ({result.current.label}), {words.date(result.current.since)}"
        if result.current
        else words.say("label.unplaced")
    )
    lines += wrapped(f"{words.say('label.current')}: ", current, width)
    if result.next is not None:
        for path in result.next.paths:
            said = f"{words.say('label.path')}: {path.label} — {words.say(f'status.{path.status}')}"
            lines.append(style(said, dim=True))
        lines.append("")
        for finding in result.next.findings:
            lines += _finding_lines(finding, words, width)
        lines.append("")
    if result.options:
        options = ", ".join(f"{o.level} ({o.label})" for o in result.options)
        lines += wrapped(f"{words.say('label.options')}: ", options, width)
    for position in result.positions:
        when = f", {words.date(position.eligible_on)}" if position.eligible_on else ""
        said = f"{position.label} — {words.say(f'status.{position.status}')}{when}"
        lines += wrapped(f"{words.say('label.positions')}: ", said, width)
    qualifies = ", ".join(result.qualifies_for) or words.say("label.none")
    lines += wrapped(f"{words.say('label.qualifies_for')}: ", qualifies, width)
    for warning in result.warnings:
        lines += [style(line, fg="yellow") for line in wrapped("⚠ ", warning, width)]
    return lines


#: The colour of each status (and of the top of the standard), in every view.
STATUS_COLOUR = {
    "eligible": "green",
    "not_yet": "yellow",
    "needs_review": "magenta",
    "not_eligible": "red",
    "top": "cyan",
}


def _finding_lines(finding: FindingResult, words: Catalog, width: int) -> list[str]:
    """`✓ Education · para 9`, then what is required and what the person has."""
    from typer import style

    mark = style("✓", fg="green") if finding.met else style("✗", fg="red")
    name = capitalized(words.say(f"requirement.{finding.requirement}"))
    heading = f"{mark} {style(name, bold=True)} · {source_text(finding.source, words)}"
    required, actual = words.say("label.required"), words.say("label.actual")
    label_width = max(len(required), len(actual)) + 2
    lines = [heading]
    lines += wrapped(f"    {required + ':':<{label_width}}", finding.required, width)
    lines += wrapped(f"    {actual + ':':<{label_width}}", finding.actual, width)
    return lines


def wrapped(lead: str, text: str, width: int) -> list[str]:
    """`lead` then `text`, wrapped to `width` with later lines under the text."""
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, len(lead) + 20),
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def capitalized(text: str) -> str:
    """The text with its first letter upper case."""
    return text[:1].upper() + text[1:]


def source_text(source: str, words: Catalog) -> str:
    """`para 12, para 13` in the reader's words: `п. 12, п. 13`, `12-тармақ, 13-тармақ`."""
    text = _PARAGRAPH.sub(lambda m: words.say("source", number=m.group(1)), source)
    return _OVERLAY.sub(words.say("label.overlay") + " ", text)
