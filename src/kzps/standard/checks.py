"""Cross-checks of the rules: what the types cannot say (each requirement's shape, and
that every grade, level, field, kind, card and code a rule names is defined)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.errors import Problem, problem

if TYPE_CHECKING:
    from kzps.standard.records import Grade, Rules


def cross_checks(rules: Rules) -> list[Problem]:
    """What the types cannot say: each requirement's shape, and that every grade,
    level, field, kind, card and code a rule names is defined."""
    grades = {g.code for g in rules.grades}
    listed = {c.code for c in rules.codes}
    problems: list[Problem] = []
    for i, grade in enumerate(rules.grades):
        problems += _grade_references(rules, f"grades[{i}]", grade, grades, listed)
    for i, kind in enumerate(rules.experience_kinds):
        if kind.counted_from != "all":
            problems += [
                problem(f"experience_kinds[{i}].counted_from", "error.ref_grade", value=c)
                for c in kind.counted_from
                if c not in grades
            ]
    problems += _cell_word_references(rules)
    for i, pred in enumerate(rules.predecessors):
        if not any(
            pred.corresponds_to.startswith(c) or c.startswith(pred.corresponds_to) for c in listed
        ):
            problems.append(
                problem(
                    f"predecessors[{i}].corresponds_to", "error.ref_code", value=pred.corresponds_to
                )
            )
    return problems


def _grade_references(
    rules: Rules, at: str, grade: Grade, grades: set[str], listed: set[str]
) -> list[Problem]:
    """What one grade names that is not defined."""
    levels = {lv.key for lv in rules.education_levels}
    fields = {f.key for f in rules.fields}
    kinds = {k.key for k in rules.experience_kinds} | {"grade"}
    problems: list[Problem] = []
    if grade.card not in {c.paragraph for c in rules.cards}:
        problems.append(problem(f"{at}.card", "error.ref_card", value=str(grade.card)))
    named = [(f"{at}.next", grade.next)] if grade.next else []
    named += [(f"{at}.implies", code) for code in grade.implies]
    for j, path in enumerate(grade.paths):
        edu, where = path.education, f"{at}.paths[{j}]"
        if bool(edu.codes) == bool(edu.fields):
            problems.append(problem(f"{where}.education", "error.codes_or_fields"))
        if edu.min_level not in levels:
            problems.append(
                problem(f"{where}.education.min_level", "error.ref_level", value=edu.min_level)
            )
        problems += [
            problem(f"{where}.education.fields", "error.ref_field", value=f)
            for f in edu.fields
            if f not in fields
        ]
        problems += [
            problem(f"{where}.education.codes", "error.ref_listed", value=c)
            for c in edu.codes
            if c not in listed
        ]
        for k, exp in enumerate(path.experience):
            if (exp.kind == "grade") != bool(exp.grades):
                problems.append(problem(f"{where}.experience[{k}]", "error.grades_for_grade_kind"))
            if exp.kind not in kinds:
                problems.append(
                    problem(f"{where}.experience[{k}].kind", "error.ref_kind", value=exp.kind)
                )
            named += [(f"{where}.experience[{k}].grades", c) for c in exp.grades]
    problems += [
        problem(place, "error.ref_grade", value=code) for place, code in named if code not in grades
    ]
    return problems


def _cell_word_references(rules: Rules) -> list[Problem]:
    """Every key the cell words name is one of this file's."""
    words = rules.cell_words
    if words is None:
        return []
    known = {
        "education_level": {lv.key for lv in rules.education_levels},
        "education_field": {f.key for f in rules.fields},
        "organization": {s.key for s in rules.significance},
        "category": {g.category for g in rules.grades},
    }
    return [
        problem(f"cell_words.{column}.{key}", "error.ref_key", value=key)
        for column, keys in known.items()
        for key in getattr(words, column)
        if key not in keys
    ]
