"""A roster row's cells read into the values a Candidate is made of, each checked where
it is read: a problem names the column as the file names it, and nothing is validated
twice. Each distinct cell text is read once (staff lists repeat their values)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from kzps.decide.candidate import (
    Diploma,
    after_problems,
    grade_problems,
    level_problem,
    organization_problem,
)
from kzps.decide.education import Matcher
from kzps.decide.engine import entry_grades
from kzps.decide.values import clean_code, parse_date, parse_years
from kzps.errors import InvalidValueError, Problem, problem
from kzps.memo import remember
from kzps.roster.columns import LEVEL_BY_PREFIX, TVET_CODE_LENGTH
from kzps.roster.vocabulary import Vocabulary
from kzps.standard.level import Level

if TYPE_CHECKING:
    from kzps.standard.load import Standard

#: How many distinct cell texts are remembered; a full memo forgets its older half.
CELL_MEMO = 1 << 14

Diplomas = tuple[Diploma, ...]


class CellReader:
    """Reads the decision cells of rows, against one standard, on one as-of day."""

    def __init__(self, standard: Standard, as_of: dt.date, label: Callable[[str], str]) -> None:
        self.standard = standard
        self.as_of = as_of
        self.label = label
        self._read: dict[tuple[str, str], Any] = {}
        self._fields = tuple(f.key for f in standard.rules.fields)
        self._vocabulary = Vocabulary(standard.rules.cell_words)
        self._matcher = Matcher(standard.rules, standard.level_rank)

    def word(self, column: str, text: str) -> str:
        """A cell's value as the standard's key: HR's words read, case ignored."""
        found = self._vocabulary.key(column, text)
        if found is not None:
            return found
        folded = text.strip().casefold()
        return folded if folded.isascii() else text.strip()

    def value(self, column: str, raw: str, problems: list[Problem]) -> Any:
        """One cell's value (None when empty); its problems, named by column, appended."""
        if not raw:
            return None
        key = (column, raw)
        found = self._read.get(key)
        if found is None:
            found = self._parse(column, raw)
            remember(self._read, key, found, CELL_MEMO)
        if isinstance(found, list):
            problems += found
            return None
        return found

    def _parse(self, column: str, raw: str) -> Any:
        """A cell's value, or the list of its problems."""
        where = self.label(column)
        try:
            if column == "current_level":
                level = Level.parse(raw)
                wrong = grade_problems(where, level, self.standard)
                category = self._vocabulary.key("category", raw) if wrong else None
                return Category(category, raw) if category else (wrong or level)
            if column == "level_since":
                day = parse_date(raw)
                return after_problems(where, day, self.as_of) or day
            if column == "organization":
                value = self.word(column, raw)
                found = organization_problem(where, value, self.standard.rules)
                return [found._replace(values={**found.values, "value": raw})] if found else value
            if column == "education":
                return self._diplomas(*raw.split("\x1f"))
            return parse_years(raw)
        except InvalidValueError as error:
            return [problem(where, f"error.{error.kind}", **error.values)]

    def place(self, written: Category, diplomas: Diplomas, where: str) -> Level | Problem:
        """A grade written as its category, on the ladder the diplomas point to (card 9
        or card 11); when they fit both or neither, what it could mean."""
        rules = self.standard.rules
        entries = entry_grades(self.standard)
        cards = {g.card for g in entries if self._matcher.best(diplomas, g.paths[0].education)[0]}
        ladders = cards or {g.card for g in entries}
        grades = [
            g.code for g in rules.grades if g.card in ladders and g.category == written.category
        ]
        if len(cards) == 1 and len(grades) == 1:
            return Level(grades[0])
        return problem(where, "error.roster_category", value=written.written, options=grades)

    def diplomas(self, levels: str, codes: str, fields: str, problems: list[Problem]) -> Any:
        """The diplomas of a row, None when they cannot be read."""
        raw = f"{levels}\x1f{codes}\x1f{fields}"
        found: Diplomas | None = self.value("education", raw, problems)
        return found

    def _diplomas(self, levels: str, codes: str, fields: str) -> Diplomas | list[Problem]:
        """Diplomas: codes split on `;`, levels and fields paired with them."""
        label = self.label
        code_list = [c.strip() for c in codes.split(";") if c.strip()]
        count = len(code_list) or len(fields.split(";"))
        level_list = _paired(levels, count)
        field_list = _paired(fields, count)
        problems = [
            problem(label(column), "error.roster_pairing")
            for column, paired in (("education_level", level_list), ("education_field", field_list))
            if paired is None
        ]
        if not code_list and not fields.strip():
            problems.append(problem(label("education_code"), "error.roster_no_code"))
        if problems or level_list is None or field_list is None:
            return problems
        diplomas = []
        for i in range(count):
            code = code_list[i] if code_list else None
            try:
                normal = clean_code(code) if code is not None else None
            except InvalidValueError as error:
                problems.append(
                    problem(label("education_code"), f"error.{error.kind}", **error.values)
                )
                continue
            level = self.word("education_level", level_list[i]) or _level_of_code(normal)
            field = self.word("education_field", field_list[i]) or None
            if level is None:
                problems.append(_no_level(label, code))
                continue
            wrong = level_problem(label("education_level"), level, self.standard.rules)
            if wrong is not None:
                problems.append(wrong)
            if field is not None and field not in self._fields:
                quoted = [repr(f) for f in self._fields]
                expected = f"{', '.join(quoted[:-1])} or {quoted[-1]}"
                problems.append(
                    problem(label("education_field"), "error.literal_error", expected=expected)
                )
            diplomas.append(Diploma(level, normal, field))  # type: ignore[arg-type]
        return problems or tuple(diplomas)


class Category(NamedTuple):
    """A current grade written as its category ("вторая категория"): placed on a card
    once the row's diplomas are known."""

    category: str
    written: str


def _paired(text: str, count: int) -> list[str] | None:
    """One value per code: one value for all, or `;`-separated in the codes' order."""
    parts = [p.strip() for p in text.split(";")] if text.strip() else [""]
    if len(parts) == 1:
        return parts * count
    return parts if len(parts) == count else None


def _level_of_code(code: str | None) -> str | None:
    """The education level a (normalised) code's shape implies: 7 digits TVET, 6B bachelor…"""
    if code is None:
        return None
    if len(code) == TVET_CODE_LENGTH and code.isdigit():
        return "tvet"
    return LEVEL_BY_PREFIX.get(code[:2])


def _no_level(label: Callable[[str], str], code: str | None) -> Problem:
    """Why a diploma's level is unknown."""
    if code is None:
        return problem(label("education_level"), "error.roster_level_needed")
    return problem(label("education_level"), "error.roster_level_unknown", value=code)
