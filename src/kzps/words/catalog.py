"""Words in Kazakh, Russian and English: one validated YAML catalog per language.

Plural forms follow each language's rules (CLDR): Russian has one, few and many;
Kazakh nouns do not change after a numeral; English has one and other.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kzps.decide.service import Duration
    from kzps.errors import KzpsError, Problem

LANGUAGES = ("kk", "ru", "en")
DEFAULT = "en"


def choose_language(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """--lang, else KZPS_LANG, else the locale (LC_ALL, LANG), else English."""
    env = os.environ if environ is None else environ
    for value in (explicit, env.get("KZPS_LANG")):
        if value:
            return value.strip().lower()
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        prefix = env.get(name, "")[:2].lower()
        if prefix in LANGUAGES:
            return prefix
        if env.get(name):
            break
    return DEFAULT


def plural_category(lang: str, n: int) -> str:
    """The CLDR plural category of the integer `n` in `lang`."""
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if lang == "en":
        return "one" if n == 1 else "other"
    return "other"


class Catalog:
    """The messages of one language."""

    def __init__(self, lang: str, messages: dict[str, object]) -> None:
        self.lang = lang
        self.messages = messages

    def say(self, key: str, **values: object) -> str:
        """The message `key` with its placeholders filled."""
        template = self.messages.get(key)
        if not isinstance(template, str):
            raise KeyError(f"message {key!r} is missing from the {self.lang} catalog")
        return template.format(**values)

    def say_problem(self, key: str, values: Mapping[str, object]) -> str:
        """An error message; a key this catalog lacks falls back to the text given."""
        shown = {name: _shown(name, value) for name, value in values.items()}
        if key in self.messages:
            return self.say(key, **shown)
        return str(shown.get("message", key))

    def problem(self, found: Problem) -> str:
        """A problem as one sentence, `where: what`; a problem of a whole row of a file
        (its value `at_row`) is said to be in that row."""
        text = self.say_problem(found.key, found.values)
        where = found.where
        if not where and "at_row" in found.values:
            where = self.say("where.row", row=found.values["at_row"])
        return f"{where}: {text}" if where else text

    def error_lines(self, error: KzpsError) -> list[str]:
        """One line per problem of an error, each naming the file."""
        return [f"{error.origin}: {self.problem(found)}" for found in error.details]

    def count(self, unit: str, n: int) -> str:
        """`n` with its unit in the right plural form: "1 year", "5 лет", "3 жыл"."""
        forms = self.messages.get(f"unit.{unit}")
        if not isinstance(forms, dict):
            raise KeyError(f"unit {unit!r} is missing from the {self.lang} catalog")
        form = forms.get(plural_category(self.lang, n), forms.get("other"))
        return f"{n} {form}"

    def duration(self, length: Duration) -> str:
        """ "1 year 3 months 15 days"; "0 days" for nothing."""
        parts = [
            self.count(unit, n)
            for unit, n in (("year", length.years), ("month", length.months), ("day", length.days))
            if n
        ]
        return " ".join(parts) if parts else self.count("day", 0)

    def date(self, day: dt.date) -> str:
        """DD.MM.YYYY in Kazakh and Russian, ISO in English."""
        return day.isoformat() if self.lang == "en" else day.strftime("%d.%m.%Y")


def _shown(name: str, value: object) -> object:
    """Values in error messages: what the user wrote quoted, lists joined."""
    if name == "value" and isinstance(value, str):
        return repr(value)
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return value


@functools.cache
def catalog(lang: str) -> Catalog:
    """The catalog of `lang` (kk, ru or en), loaded once."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    from kzps.standard import cache

    key = cache.package_key(lang.encode())  # the package's files include the catalogs
    messages = cache.load(f"messages-{lang}", key, dict) if key else None
    if messages is None:
        messages = _read(lang)
        if key:
            cache.store(f"messages-{lang}", key, messages)
    return Catalog(lang, messages)


def catalog_files(lang: str) -> list[Path]:
    """A language's catalog: `messages/<lang>.yaml`, then one file per topic,
    `messages/<topic>.<lang>.yaml` (plans, assessment sheets …), in name order."""
    folder = Path(__file__).with_name("messages")
    return [folder / f"{lang}.yaml", *sorted(folder.glob(f"*.{lang}.yaml"))]


def _read(lang: str) -> dict[str, object]:
    """Every file of a language's catalog, merged; a key in two files is a defect."""
    from kzps.documents import load_text

    messages: dict[str, object] = {}
    for path in catalog_files(lang):
        part = load_text(path.read_text(encoding="utf-8"))
        repeated = set(part) & set(messages)
        if repeated:
            raise KeyError(f"{path.name} repeats {sorted(repeated)}")
        messages |= part
    return messages
