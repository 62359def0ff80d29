"""The roster's columns (CONTRACT §Roster): their names, the header names HR exports use
for them, the words HR writes in their cells, and the `--columns` map."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kzps.errors import Problem, UsageError, problem

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = (
    "id",
    "name",
    "iin",
    "education_level",
    "education_code",
    "education_field",
    "current_level",
    "level_since",
    "specialty_years",
    "social_protection_years",
    "management_years",
    "organization",
)
REQUIRED = ("id", "education_code")
RESULT_COLUMNS = (
    "next_level",
    "status",
    "eligible_on",
    "missing",
    "error",
    "warning",
    "summary",
)
TOTALS = {
    "specialty_years": "specialty",
    "social_protection_years": "social_protection",
    "management_years": "management",
}
#: The cells a decision depends on; id, name and IIN never change it.
DECISION_COLUMNS = (
    "education_level",
    "education_code",
    "education_field",
    "current_level",
    "level_since",
    *TOTALS,
    "organization",
)
SOON_DAYS = 90
LISTED = 10  # people named in the summary's lists; the rest are counted
#: Header names to suggest when a required column is missing.
EXAMPLES = {
    "id": ("id", "Таб. номер", "Табель нөмірі"),
    "education_code": ("education_code", "Код специальности", "Мамандық коды"),
    "level_since": ("level_since", "Дата присвоения категории", "Санат берілген күні"),
}

#: Header names HR exports use, besides the column's own (compared after `header_key`).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "employee id",
        "employee number",
        "personnel number",
        "табельный номер",
        "табельный",
        "таб номер",
        "таб",
        "табель нөмірі",
        "табельдік нөмір",
        "қызметкер нөмірі",
    ),
    "name": (
        "full name",
        "employee",
        "фио",
        "ф и о",
        "фамилия имя отчество",
        "сотрудник",
        "работник",
        "аты жөні",
        "тегі аты жөні",
        "тегі аты әкесінің аты",
        "қызметкер",
    ),
    "iin": ("иин", "жсн", "индивидуальный идентификационный номер", "жеке сәйкестендіру нөмірі"),
    "education_level": ("уровень образования", "образование", "білім деңгейі", "білімі"),
    "education_code": (
        "specialty code",
        "diploma code",
        "код специальности",
        "шифр специальности",
        "код образовательной программы",
        "код по диплому",
        "мамандық коды",
        "мамандық шифры",
        "білім беру бағдарламасының коды",
    ),
    "education_field": (
        "направление",
        "направление подготовки",
        "область образования",
        "білім саласы",
        "бағыты",
    ),
    "current_level": (
        "grade",
        "category",
        "level",
        "категория",
        "квалификационная категория",
        "уровень квалификации",
        "уровень скш",
        "санат",
        "біліктілік санаты",
        "біліктілік деңгейі",
        "сбш деңгейі",
    ),
    "level_since": (
        "since",
        "grade since",
        "дата присвоения категории",
        "дата присвоения",
        "дата присвоения уровня",
        "дата категории",
        "санат берілген күн",
        "санат берілген күні",
        "санаттың берілген күні",
        "деңгей берілген күні",
    ),
    "specialty_years": (
        "стаж по специальности",
        "стаж по специальности лет",
        "мамандық бойынша өтілі",
        "мамандығы бойынша өтілі",
        "мамандық бойынша жұмыс өтілі",
    ),
    "social_protection_years": (
        "стаж в социальной защите",
        "стаж в органах социальной защиты",
        "стаж в системе социальной защиты",
        "әлеуметтік қорғау саласындағы өтілі",
        "әлеуметтік қорғау өтілі",
    ),
    "management_years": (
        "стаж на руководящих должностях",
        "руководящий стаж",
        "стаж руководящей работы",
        "басшылық лауазымдардағы өтілі",
        "басшылық өтілі",
    ),
    "organization": (
        "organisation",
        "organization significance",
        "organisation significance",
        "значимость организации",
        "значимость",
        "ұйымның маңыздылығы",
        "ұйым маңыздылығы",
        "ұйымның маңызы",
    ),
}

#: The education level a classifier code's shape implies (CONTRACT §Roster: the default).
LEVEL_BY_PREFIX = {
    "5B": "bachelor",
    "6B": "bachelor",
    "6M": "master",
    "7M": "master",
    "8D": "doctorate",
}
TVET_CODE_LENGTH = 7
_NON_WORD = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """A header as compared: case, `ё`, punctuation and spacing do not matter."""
    return _NON_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


_ALIAS_INDEX = {
    header_key(name): column for column, names in ALIASES.items() for name in (column, *names)
}


# -- the column map (--columns) ---------------------------------------------------------------


def read_column_map(path: Path) -> dict[str, tuple[str, ...]]:
    """`--columns map.yaml`: columns of the contract mapped to this file's header(s)."""
    from kzps.documents import read_data

    where = str(path)
    data = read_data(path, UsageError)
    if not isinstance(data, dict) or not data:
        raise UsageError(where, [problem("", "error.roster_map_shape")])
    problems = [p for key, value in data.items() if (p := _map_problem(key, value))]
    if problems:
        raise UsageError(where, problems)
    return {str(k): (v,) if isinstance(v, str) else tuple(v) for k, v in data.items()}


def _map_problem(key: object, value: object) -> Problem | None:
    """Why one line of a column map is wrong, or None."""
    if key not in COLUMNS:
        return problem("", "error.roster_map_column", value=str(key), expected=COLUMNS)
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        return problem(str(key), "error.roster_map_value")
    return None


def alias_of(key: str) -> str | None:
    """The column a header (compared as `header_key` gives it) names, or None."""
    return _ALIAS_INDEX.get(key)
