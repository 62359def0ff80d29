"""Kazakh, Russian and English throughout: catalogs, labels, plurals, dates, locale."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from typer.testing import CliRunner

from kzps.api import check
from kzps.cli import app, translate
from kzps.decide.service import Duration
from kzps.standard.records import Localized
from kzps.words.catalog import LANGUAGES, catalog, choose_language, plural_category

if TYPE_CHECKING:
    from kzps.standard import Standard

MESSAGES = Path(__file__).parents[2] / "src" / "kzps" / "words" / "messages"
EXAMPLES = sorted(
    p for p in (Path(__file__).parents[2] / "examples").glob("*.yaml") if p.name != "overlay.yaml"
)
KAZAKH_ONLY = re.compile("[әөүұқғңһіӘӨҮҰҚҒҢҺІ]")
runner = CliRunner()


def _keys(lang: str) -> set[str]:
    from kzps.words.catalog import catalog_files

    keys: set[str] = set()
    for path in catalog_files(lang):
        data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
        assert not set(data) & keys, f"{path.name} repeats a key"
        keys |= set(data)
    return keys


def test_every_message_key_is_in_all_three_catalogs() -> None:
    keys = {lang: _keys(lang) for lang in LANGUAGES}
    assert keys["kk"] == keys["en"]
    assert keys["ru"] == keys["en"]


def test_placeholders_agree_between_catalogs() -> None:
    """A translation must use exactly the values its English original uses."""
    en = catalog("en").messages
    for lang in ("kk", "ru"):
        for key, text in catalog(lang).messages.items():
            if isinstance(text, str):
                wanted = set(re.findall(r"{(\w+)}", str(en[key])))
                assert set(re.findall(r"{(\w+)}", text)) == wanted, f"{lang} {key}"


def _labels(record: tuple[Any, ...], path: str = "") -> list[tuple[str, Localized]]:
    """Every Localized inside a record of the rules (named tuples all the way down)."""
    found: list[tuple[str, Localized]] = []
    for name in getattr(record, "_fields", ()):
        value = getattr(record, name)
        listed = isinstance(value, tuple) and not hasattr(value, "_fields")
        for i, item in enumerate(value if listed else (value,)):
            where = f"{path}.{name}[{i}]" if listed else f"{path}.{name}"
            if isinstance(item, Localized):
                found.append((where, item))
            elif hasattr(item, "_fields"):
                found += _labels(item, where)
    return found


def test_every_label_has_three_languages(standard: Standard) -> None:
    labels = _labels(standard.rules)
    assert len(labels) > 100
    for where, label in labels:
        assert label.kk.strip()
        assert label.ru.strip()
        assert label.en.strip()
        assert not KAZAKH_ONLY.search(label.ru), f"{where}: Kazakh letters in Russian"
        assert not re.search("[а-яА-ЯәөүұқғңһіӘӨҮҰҚҒҢҺІ]", label.en), (
            f"{where}: Cyrillic in English"
        )


@pytest.mark.parametrize(
    ("lang", "length", "expected"),
    [
        ("en", Duration(1, 3, 0), "1 year 3 months"),
        ("en", Duration(5, 0, 1), "5 years 1 day"),
        ("ru", Duration(1, 3, 0), "1 год 3 месяца"),
        ("ru", Duration(5, 0, 0), "5 лет"),
        ("ru", Duration(2, 11, 21), "2 года 11 месяцев 21 день"),
        ("ru", Duration(11, 1, 14), "11 лет 1 месяц 14 дней"),
        ("kk", Duration(1, 3, 0), "1 жыл 3 ай"),
        ("kk", Duration(5, 0, 2), "5 жыл 2 күн"),
        ("en", Duration(), "0 days"),
        ("ru", Duration(), "0 дней"),
    ],
)
def test_durations_read_naturally(lang: str, length: Duration, expected: str) -> None:
    assert catalog(lang).duration(length) == expected


def test_russian_plural_categories() -> None:
    assert [plural_category("ru", n) for n in (1, 2, 5, 11, 12, 21, 22, 25, 111, 101)] == [
        "one", "few", "many", "many", "many", "one", "few", "many", "many", "one",
    ]  # fmt: skip


def test_dates_per_language() -> None:
    day = dt.date(2027, 3, 10)
    assert catalog("kk").date(day) == "10.03.2027"
    assert catalog("ru").date(day) == "10.03.2027"
    assert catalog("en").date(day) == "2027-03-10"


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        ("ru", {"KZPS_LANG": "kk", "LANG": "en_US.UTF-8"}, "ru"),
        (None, {"KZPS_LANG": "kk", "LANG": "ru_RU.UTF-8"}, "kk"),
        (None, {"LC_ALL": "kk_KZ.UTF-8", "LANG": "ru_RU.UTF-8"}, "kk"),
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),  # LC_ALL wins, even when C
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_falls_back_from_option_to_env_to_locale(
    explicit: str | None, environ: dict[str, str], expected: str
) -> None:
    assert choose_language(explicit, environ) == expected


def _texts(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [t for k, v in data.items() if k not in {"name", "id"} for t in _texts(v)]
    if isinstance(data, list):
        return [t for v in data for t in _texts(v)]
    return [data] if isinstance(data, str) else []


def _structure(data: Any) -> Any:
    """The result without its words: keys, statuses, levels, dates, flags."""
    worded = {"summary", "label", "required", "actual", "warnings"}
    if isinstance(data, dict):
        return {k: _structure(v) for k, v in data.items() if k not in worded | {"lang"}}
    if isinstance(data, list):
        return [_structure(v) for v in data]
    return data


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_same_check_differs_only_in_words(standard: Standard, example: Path) -> None:
    candidate = yaml.safe_load(example.read_text("utf-8"))
    results = {
        lang: check(standard, candidate, lang=lang).model_dump(mode="json") for lang in LANGUAGES
    }
    assert _structure(results["kk"]) == _structure(results["en"])
    assert _structure(results["ru"]) == _structure(results["en"])
    assert results["ru"]["summary"] != results["en"]["summary"]
    for text in _texts(results["ru"]):
        assert not KAZAKH_ONLY.search(text), text


def test_russian_terminal_output_has_no_kazakh_letters() -> None:
    """Tables, help and errors in Russian; quoted source text (card bodies) is exempt."""
    outputs = [
        runner.invoke(app, ["check", str(p), "--lang", "ru"])
        .stdout.replace("Сейітова Айгүл", "")
        .replace("Нұрланова Аружан", "")
        .replace("Әбенов Дәурен", "")
        .replace("Қасымова Гүлнар", "")
        for p in EXAMPLES
    ]
    outputs.append(runner.invoke(app, ["cards", "--lang", "ru"]).stdout)
    outputs.append(runner.invoke(app, ["check", "missing.yaml", "--lang", "ru"]).stderr)
    translate("ru")
    try:
        outputs.append(runner.invoke(app, ["check", "--help"]).stdout)
    finally:
        translate("en")
    for output in outputs:
        assert output.strip()
        assert not KAZAKH_ONLY.search(output), output


def test_errors_in_the_chosen_language(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("education: []\nnickname: x\n", encoding="utf-8")
    expected = {
        "en": "nickname: unknown key (not in the format; check the spelling)",
        "ru": "nickname: неизвестный ключ (его нет в формате; проверьте написание)",
        "kk": "nickname: белгісіз кілт (форматта жоқ; жазылуын тексеріңіз)",
    }
    for lang, line in expected.items():
        result = runner.invoke(app, ["check", str(path), "--lang", lang])
        assert result.exit_code == 3
        assert f"kzps: {path}: {line}\n" in result.stderr


def test_json_keeps_iso_dates_and_english_values(standard: Standard) -> None:
    candidate = {
        "education": [{"level": "tvet", "code": "0519023"}],
        "current": {"level": "4.1", "since": "2025-03-10"},
    }
    result = check(standard, candidate, dt.date(2026, 11, 25), lang="kk").model_dump(mode="json")
    assert result["next"]["status"] == "not_yet"
    assert result["next"]["eligible_on"] == "2027-03-10"
    assert result["lang"] == "kk"
    assert "10.03.2027" in result["summary"]
    assert json.dumps(result, ensure_ascii=False)


def test_card_in_russian_says_the_translation_is_unofficial() -> None:
    result = runner.invoke(app, ["card", "9", "--lang", "ru"])
    assert result.exit_code == 0
    assert "неофициальный перевод" in result.stdout
    assert "Специалист по пенсионному обеспечению" in result.stdout
    assert "Осуществление контроля" in result.stdout or "Проведение" in result.stdout
    original = runner.invoke(app, ["card", "9", "--lang", "ru", "--original"])
    assert "казахскому оригиналу" in original.stdout
    assert "Зейнетақымен қамсыздандыру жөніндегі маман" in original.stdout
