"""Assessments said in a language: lines for a terminal, plain data for JSON. Nothing is
decided here. JSON keys and status values are fixed English; names and sentences are
in the chosen language, like `kzps check --format json`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kzps.assess.score import Mark

if TYPE_CHECKING:
    from kzps.assess.rule import Verdict
    from kzps.assess.score import GroupScore
    from kzps.assess.unit import Assessment, Team, TeamNeed
    from kzps.standard.records import AssessmentRule, Localized
    from kzps.words.catalog import Catalog

NUMBERS = ("items", "demonstrated", "partly", "not_demonstrated", "not_assessed", "share")


def percent(share: float) -> str:
    """A share as a whole percentage: 0.745 → 75%."""
    return f"{share:.0%}"


def _name(name: Localized | None, words: Catalog, fallback: str = "") -> str:
    return name.in_(words.lang) if name is not None else fallback


# -- sentences ---------------------------------------------------------------------------


def summary(one: Assessment, words: Catalog) -> str:
    """The verdict in one sentence, with the figures."""
    found = one.verdict
    total = one.score.total
    if found.rule is None or found.status == "needs_review":
        counts = total.tally
        return words.say(
            "assess.verdict.needs_review",
            demonstrated=counts.demonstrated,
            items=counts.items,
            share=percent(counts.share()),
            partly=counts.partly,
            not_demonstrated=counts.not_demonstrated,
            not_assessed=counts.not_assessed,
        )
    if found.status == "passed":
        return words.say("assess.verdict.passed", share=percent(total.share))
    return words.say("assess.verdict.not_passed", reasons="; ".join(reasons(found, words)))


def reasons(found: Verdict, words: Catalog) -> list[str]:
    """Why the verdict is what it is, one sentence each."""
    said = []
    for reason in found.reasons:
        values = {
            key: percent(value) if key in {"share", "pass"} and isinstance(value, float) else value
            for key, value in reason.values.items()
        }
        said.append(words.say(reason.key, **values))
    return said


def rule_line(rule: AssessmentRule, words: Catalog) -> str:
    """The organisation's rule, as the report states it."""
    every = words.say("assess.rule.every_function") if rule.every_function else ""
    return words.say(
        "assess.rule",
        every=every,
        source=rule.source,
        partly=f"{rule.partly_counts_as:g}",
        **{"pass": percent(rule.pass_share)},
    )


def _mark(mark: Mark, words: Catalog) -> str:
    return words.say(f"mark.{mark.value}")


# -- lines for a terminal -------------------------------------------------------------------


def assessment_lines(one: Assessment, words: Catalog, width: int = 100) -> list[str]:
    """One sheet: heading, verdict, the table by function and skill, training needs."""
    sheet = one.sheet
    person = (
        one.person if (sheet.header.name or sheet.header.person_id) else words.say("assess.no_name")
    )
    lines = [
        words.say(
            "assess.heading",
            file=sheet.origin,
            person=person,
            card=sheet.items.card,
            grade=sheet.grade or words.say("assess.no_grade"),
        ),
    ]
    lines += _wrap(summary(one, words), width, 0)
    if one.verdict.status != "not_passed":
        for line in reasons(one.verdict, words):
            lines += _wrap(line, width, 2)
    if one.verdict.rule is not None:
        lines += _wrap(rule_line(one.verdict.rule, words), width, 2)
    lines += ["", *_table(one, words, width), ""]
    lines += _needs(one, words, width)
    for warning in sheet.warnings:
        lines.append(f"! {words.say_problem(warning.key, warning.values)}")
    not_assessed = one.score.total.tally.not_assessed
    if not_assessed:
        lines.append(f"! {words.say('assess.warning.not_assessed', count=not_assessed)}")
    return lines


def _table(one: Assessment, words: Catalog, width: int) -> list[str]:
    heads = [words.say(f"assess.column.{key}") for key in NUMBERS]
    sizes = [max(5, len(h)) for h in heads]
    numbers = " ".join(f"{h:>{n}}" for h, n in zip(heads, sizes, strict=True))
    room = max(width - len(numbers) - 1, 30)
    lines = [f"{_fit(words.say('assess.column.group'), room)} {numbers}"]

    def row(group: GroupScore, label: str, indent: int) -> None:
        counts = group.tally
        figures = (
            counts.items,
            counts.demonstrated,
            counts.partly,
            counts.not_demonstrated,
            counts.not_assessed,
            percent(group.share),
        )
        cells = " ".join(f"{f!s:>{n}}" for f, n in zip(figures, sizes, strict=True))
        lines.append(f"{_fit(' ' * indent + label, room)} {cells}".rstrip())
        missing = group.with_mark(Mark.NOT_DEMONSTRATED)
        if missing and indent:
            said = words.say("assess.not_shown", items=", ".join(i.id for i in missing))
            lines.extend(_wrap(said, width, indent + 2))

    for function in one.score.functions:
        row(function.group, f"{function.group.id} {_name(function.group.name, words)}", 0)
        for skill in function.skills:
            row(skill, f"{skill.id} {_name(skill.name, words)}", 2)
    competencies = one.score.competencies
    row(competencies, f"{competencies.id} {words.say('sheet.competencies')}", 0)
    missing = competencies.with_mark(Mark.NOT_DEMONSTRATED)
    if missing:
        lines += _wrap(
            words.say("assess.not_shown", items=", ".join(i.id for i in missing)), width, 2
        )
    row(one.score.total, words.say("assess.total"), 0)
    return lines


def _needs(one: Assessment, words: Catalog, width: int) -> list[str]:
    lines = [words.say("assess.needs")]
    needs = one.score.needs
    if not needs:
        lines.append(f"  {words.say('assess.needs.none')}")
    for need in needs:
        lines += _wrap(f"{need.skill.id} {_name(need.skill.name, words)}", width, 2)
        for gap in need.skill.gaps:
            text = f"{gap.item.id} ({_mark(gap.mark, words)}) {gap.item.text.in_(words.lang)}"
            lines += _wrap(text, width, 4)
    if needs:
        lines.append(f"  {words.say('assess.courses')}:")
        for course in needs[0].courses:
            lines += _wrap(f"- {course.in_(words.lang)}", width, 4)
    gaps = one.score.competencies.gaps
    if gaps:
        lines.append(words.say("assess.competency_gaps"))
        for gap in gaps:
            lines += _wrap(
                f"{gap.item.id} ({_mark(gap.mark, words)}) {gap.item.text.in_(words.lang)}",
                width,
                2,
            )
    return lines


def team_lines(unit: Team, words: Catalog, width: int = 100) -> list[str]:
    """A unit: who was assessed with what result, then the skills most people lack."""
    lines = [words.say("team.heading", sheets=words.count("sheet", len(unit.assessments))), ""]
    heads = [words.say(f"team.column.{key}") for key in ("card", "grade", "share", "verdict")]
    sizes = [max(5, len(h)) for h in heads[:3]]
    room = max(width - sum(sizes) - 30, 20)

    def row(person: str, *cells: object) -> str:
        figures = " ".join(f"{c!s:>{n}}" for c, n in zip(cells, sizes, strict=False))
        return f"{_fit(person, room)} {figures}  {cells[-1]}".rstrip()

    lines.append(row(words.say("team.column.person"), *heads))
    for one in unit.assessments:
        share = percent(one.score.total.share)
        status = _status(one.verdict, words)
        lines.append(row(one.person, one.sheet.items.card, one.sheet.grade or "–", share, status))
    lines += ["", words.say("team.needs")]
    if not unit.needs:
        lines.append(f"  {words.say('team.needs.none')}")
    for need in unit.needs:
        lacking = words.say("team.lacking", count=len(need.people), people=need.of)
        lines += _wrap(f"{lacking:>8}  {need.id} {_name(need.name, words)}", width, 2, 12)
    courses: dict[tuple[Localized, ...], list[int]] = {}
    for need in unit.needs:
        cards = courses.setdefault(need.courses, [])
        if need.card not in cards:
            cards.append(need.card)
    for listed, cards in courses.items():
        said = words.say("assess.courses_of", cards=", ".join(str(c) for c in sorted(cards)))
        lines.append(f"  {said}:")
        for course in listed:
            lines += _wrap(f"- {course.in_(words.lang)}", width, 4)
    if unit.competencies:
        lines += ["", words.say("team.competencies")]
        for need in unit.competencies:
            lacking = words.say("team.lacking", count=len(need.people), people=need.of)
            lines += _wrap(f"{lacking:>8}  {need.id} {_name(need.name, words)}", width, 2, 12)
    return lines


def _status(found: Verdict, words: Catalog) -> str:
    key = "status.needs_review" if found.status == "needs_review" else f"status.{found.status}"
    return words.say(key)


def _fit(text: str, width: int) -> str:
    """`text` padded or cut to `width` characters (cut with an ellipsis): a table's label."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int, indent: int, hanging: int = 2) -> list[str]:
    """`text` wrapped to `width`, its first line indented by `indent` and the rest by
    `hanging` more: nothing a reader needs is cut."""
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, 40),
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hanging),
        break_on_hyphens=False,
    )


# -- plain data for JSON ----------------------------------------------------------------------


def assessment_data(one: Assessment, words: Catalog) -> dict[str, Any]:
    """One sheet as `kzps assess --format json` prints it."""
    sheet = one.sheet
    header = sheet.header
    rule = one.verdict.rule
    return {
        "file": sheet.origin,
        "lang": words.lang,
        "card": sheet.items.card,
        "grade": sheet.grade or None,
        "person": {
            "name": header.name or None,
            "id": header.person_id or None,
            "current": header.current or None,
            "target": header.target or None,
        },
        "organisation": header.organisation or None,
        "date": header.date or None,
        "commission": list(header.commission),
        "functions": [
            _group(f.group, words)
            | {"mandatory": f.mandatory, "skills": [_group(s, words) for s in f.skills]}
            for f in one.score.functions
        ],
        "competencies": _group(one.score.competencies, words),
        "total": _group(one.score.total, words),
        "verdict": {
            "status": one.verdict.status,
            "reasons": reasons(one.verdict, words),
            "rule": None if rule is None else rule._asdict(),
        },
        "summary": summary(one, words),
        "training_needs": [
            {
                "skill": need.skill.id,
                "name": _name(need.skill.name, words),
                "gaps": [
                    {"id": g.item.id, "mark": g.mark.value, "text": g.item.text.in_(words.lang)}
                    for g in need.skill.gaps
                ],
                "courses": [c.in_(words.lang) for c in need.courses],
            }
            for need in one.score.needs
        ],
        "marks": {
            key: {"mark": f.mark.value, "method": f.method or None, "comment": f.comment or None}
            for key, f in sheet.marks.items()
        },
        "warnings": [words.say_problem(w.key, w.values) for w in sheet.warnings],
    }


def _group(group: GroupScore, words: Catalog) -> dict[str, Any]:
    counts = group.tally
    return {
        "id": group.id,
        "name": _name(group.name, words) or None,
        "items": counts.items,
        "demonstrated": counts.demonstrated,
        "partly": counts.partly,
        "not_demonstrated": counts.not_demonstrated,
        "not_assessed": counts.not_assessed,
        "share": round(group.share, 4),
        "not_demonstrated_items": [i.id for i in group.with_mark(Mark.NOT_DEMONSTRATED)],
        "partly_items": [i.id for i in group.with_mark(Mark.PARTLY)],
    }


def team_data(unit: Team, words: Catalog) -> dict[str, Any]:
    """A unit's sheets and training needs as JSON data."""
    return {
        "lang": words.lang,
        "sheets": [assessment_data(one, words) for one in unit.assessments],
        "training_needs": [_need(need, words) for need in unit.needs],
        "competencies": [_need(need, words) for need in unit.competencies],
    }


def _need(need: TeamNeed, words: Catalog) -> dict[str, Any]:
    return {
        "id": need.id,
        "card": need.card,
        "name": _name(need.name, words) or None,
        "count": len(need.people),
        "of": need.of,
        "people": list(need.people),
        "courses": [c.in_(words.lang) for c in need.courses],
    }
