"""Load the standard from cards.yaml (shipped in the wheel), validate it, index it.

cards.yaml holds two YAML documents: the rules, then the verbatim text. `kzps check`
needs only the rules, so the text is parsed only when something asks for it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kzps.errors import StandardError, problem
from kzps.standard.level import Level

T = TypeVar("T")

if TYPE_CHECKING:
    import datetime as dt

    from kzps.standard.records import Grade, Rules
    from kzps.standard.text import StandardText

SHIPPED = "cards.yaml"


def shipped_path() -> Path:
    """cards.yaml inside the installed package, or in the checkout's data/ folder."""
    packaged = Path(__file__).parents[1] / "data" / SHIPPED
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / SHIPPED


class Standard:
    """The validated rules with the look-ups the engine needs, and the text on demand."""

    def __init__(self, rules: Rules, path: Path) -> None:
        self.rules = rules
        self.path = path
        levels = {lv.key: lv.rank for lv in rules.education_levels}
        levels |= {a: lv.rank for lv in rules.education_levels for a in lv.aliases}
        self.grades: dict[str, Grade] = {g.code: g for g in rules.grades}
        self.level_rank = levels
        self.order = {g.code: i for i, g in enumerate(rules.grades)}

    @property
    def code(self) -> str:
        """K65301002."""
        return self.rules.standard.code

    @property
    def edition(self) -> dt.date:
        """The date the edition of cards 9–13 that kzps carries came into force."""
        return self.rules.standard.edition

    def grade(self, level: str) -> Grade:
        """The grade of a level: `8.3-2` → grade 8.3."""
        return self.grades[Level(level).grade]

    def instances(self, grade: Grade) -> list[Level]:
        """The levels of a grade: itself, or 8.3-1 … 8.3-4 for a grade with significance."""
        if grade.significance:
            return [Level.of(grade.code, s.number) for s in self.rules.significance]
        return [Level(grade.code)]

    @functools.cached_property
    def levels(self) -> tuple[Level, ...]:
        """Every level of the standard, in its order (the valid values of a grade)."""
        return tuple(level for grade in self.rules.grades for level in self.instances(grade))

    @functools.cached_property
    def text(self) -> StandardText:
        """The verbatim text (second document), parsed and validated on first use."""
        from kzps.standard.text import StandardText

        documents = _documents(self.path)
        next(documents)
        data = next(documents, None)
        return _validated(StandardText, data, str(self.path), "text")


@functools.cache
def load_standard(path: Path | str | None = None) -> Standard:
    """The standard at `path` (default: the shipped one), validated; cached per path."""
    from kzps.files import read_text
    from kzps.standard import cache
    from kzps.standard.records import Rules

    where = Path(path) if path is not None else shipped_path()
    content = read_text(where, detect=False).encode("utf-8")
    key = cache.package_key(content)
    rules = cache.load("rules", key, Rules) if key else None
    if rules is None:
        rules = validate_rules(next(_documents(where), None), str(where))
        if key:
            cache.store("rules", key, rules)
    return Standard(rules=rules, path=where)


def validate_rules(data: Any, origin: str) -> Rules:
    """The rules document validated, then cross-checked; every problem named by its key."""
    from kzps.standard.checks import cross_checks
    from kzps.standard.records import Rules

    rules = _validated(Rules, data, origin, "rules")
    problems = cross_checks(rules)
    if problems:
        raise StandardError(origin, problems)
    return rules


def _documents(path: Path) -> Iterator[Any]:
    import yaml

    from kzps.documents import TextDateLoader, problem_of
    from kzps.files import read_text

    text = read_text(path, detect=False)
    try:
        yield from yaml.load_all(text, Loader=TextDateLoader)
    except yaml.YAMLError as error:
        raise StandardError(str(path), [problem_of(error)]) from None


def _validated(kind: type[T], data: Any, origin: str, document: str) -> T:
    """A document validated; a missing document, or each problem, is a StandardError."""
    from pydantic_core import ValidationError

    from kzps.standard.schema import problems_of, validate

    if data is None:
        raise StandardError(origin, [problem("", "error.document_missing", document=document)])
    try:
        return validate(kind, data)
    except ValidationError as error:
        raise StandardError(origin, problems_of(error)) from None
