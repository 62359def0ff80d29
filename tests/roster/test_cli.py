"""`kzps roster` on the command line: exit codes, the summary in three languages, streams."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzps.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roster"
STAFF = FIXTURES / "ru-utf8-bom-semicolon.csv"
runner = CliRunner()


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KZPS_LANG": lang, "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def summary(tmp_path: Path, lang: str) -> list[str]:
    out = tmp_path / "report.csv"
    code, stdout, stderr = run(
        "roster", str(STAFF), "-o", str(out), "--as-of", "2026-11-25", lang=lang
    )
    assert (code, stderr) == (0, "")
    return [line.rstrip() for line in stdout.splitlines()]


def test_summary_in_english(tmp_path: Path) -> None:
    lines = summary(tmp_path, "en")
    assert lines[0] == (
        "Staff list ru-utf8-bom-semicolon.csv (CSV, utf-8-sig, separated by ';'), as of 2026-11-25"
    )
    assert lines[1] == "Total: 9 rows; checked: 9; with errors: 0."
    assert "By current grade" in lines
    assert "  not placed        2   ██████████████████████████████" in lines
    assert "  4.1               1   ███████████████" in lines
    assert "  top of the standard        1" in lines
    assert lines[lines.index("Eligible now: 3 people") + 1] == "  E-002 Иванов Пётр → 8.3-3"
    assert lines[lines.index("Eligible within 90 days: 1 person") + 1] == (
        "  E-009 Ли Светлана → 4.3 from 2026-12-20"
    )
    assert lines[-1] == f"Report: {tmp_path / 'report.csv'}"


def test_summary_in_russian_with_plural_forms(tmp_path: Path) -> None:
    lines = summary(tmp_path, "ru")
    assert lines[1] == "Всего: 9 строк; проверено: 9; с ошибками: 0."
    assert "Соответствуют уже сейчас: 3 человека" in lines
    assert "Станут соответствовать в течение 90 дней: 1 человек" in lines
    assert "  E-009 Ли Светлана → 4.3 с 20.12.2026" in lines
    assert "  высший уровень стандарта            1" in lines


def test_summary_in_kazakh(tmp_path: Path) -> None:
    lines = summary(tmp_path, "kk")
    assert lines[1] == "Барлығы: 9 жол; тексерілді: 9; қатесі бар: 0."
    assert "Қазір сәйкес: 3 адам" in lines
    assert "90 күн ішінде сәйкес болады: 1 адам" in lines
    assert "  E-009 Ли Светлана → 4.3, 20.12.2026 бастап" in lines


def test_errors_are_said_in_the_language_of_the_summary(tmp_path: Path) -> None:
    code, out, _ = run(
        "roster",
        str(FIXTURES / "bad-rows.csv"),
        "-o",
        str(tmp_path / "r.csv"),
        "--as-of",
        "2026-11-25",
        lang="ru",
    )
    assert code == 1
    assert "  строка 3: level_since: '31.02.2024' — несуществующая дата" in out.splitlines()
    report = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "level_since: '31.02.2024' is not a real date" in report  # the report is English


def test_plural_forms_of_rows() -> None:
    from kzps.words.catalog import catalog

    words = catalog("ru")
    assert [words.count("row", n) for n in (1, 2, 5, 11, 21, 22)] == [
        "1 строка",
        "2 строки",
        "5 строк",
        "11 строк",
        "21 строка",
        "22 строки",
    ]
    assert [words.count("person", n) for n in (1, 3, 12)] == [
        "1 человек",
        "3 человека",
        "12 человек",
    ]
    assert catalog("kk").count("person", 7) == "7 адам"
    assert catalog("en").count("row", 1) == "1 row"


def test_quiet_prints_no_summary(tmp_path: Path) -> None:
    code, out, err = run("roster", str(STAFF), "-o", str(tmp_path / "r.csv"), "-q")
    assert (code, out, err) == (0, "", "")


def test_exit_one_when_a_row_has_an_error(tmp_path: Path) -> None:
    code, _, _ = run("roster", str(FIXTURES / "bad-rows.csv"), "-o", str(tmp_path / "r.csv"), "-q")
    assert code == 1


def test_bad_as_of_is_a_usage_error() -> None:
    code, out, err = run("roster", str(STAFF), "--as-of", "25/11/2026")
    assert (code, out, err) == (
        2,
        "",
        "kzps: --as-of: expected a date YYYY-MM-DD or DD.MM.YYYY, got '25/11/2026'\n",
    )


def test_no_progress_bar_when_piped() -> None:
    code, out, err = run("roster", str(STAFF), "--as-of", "2026-11-25", "-q")
    assert code == 0
    assert err == ""
    assert "\x1b[" not in out


@pytest.mark.parametrize("shown", [True, False])
def test_the_progress_bar_needs_a_terminal(monkeypatch: pytest.MonkeyPatch, shown: bool) -> None:
    from rich.console import Console

    from kzps.roster.summary import progress_bar
    from kzps.words.catalog import catalog

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(Console, "is_terminal", property(lambda _console: shown))
    with progress_bar(catalog("en")) as progress:
        assert (progress is not None) == shown
        if progress is not None:
            progress(10, 100)
    monkeypatch.setenv("CI", "true")
    with progress_bar(catalog("en")) as progress:
        assert progress is None


def test_help_describes_roster() -> None:
    code, out, _ = run("roster", "--help")
    assert code == 0
    for option in ("--output", "--columns", "--as-of", "--show-iin", "--quiet", "--lang"):
        assert option in out
