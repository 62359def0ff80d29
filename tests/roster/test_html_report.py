"""The HTML report as text: self-contained, escaped, in the reader's language, bounded,
written atomically, and shipped with its template. (test_html_browser.py opens it.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from kzps.cli import app
from kzps.roster import html_report

if TYPE_CHECKING:
    import pytest

STAFF = Path(__file__).parents[2] / "examples" / "staff.csv"
runner = CliRunner()


def page(tmp_path: Path, *options: str, source: Path = STAFF, lang: str = "en") -> str:
    out = tmp_path / "report.html"
    result = runner.invoke(
        app,
        ["roster", str(source), "--as-of", "2026-11-25", "-o", str(out), "-q", *options],
        env={"KZPS_LANG": lang},
    )
    assert result.exit_code in {0, 1}, result.stderr
    return out.read_text(encoding="utf-8")


def test_the_page_fetches_nothing(tmp_path: Path) -> None:
    text = page(tmp_path)
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "default-src 'none'" in text  # even a stray reference would not load
    assert not re.search(r"<link|<img|<iframe|@import|url\(|\bsrc=|\bhref=", text)
    assert re.findall(r"https?://[^\"' ]+", text) == ["http://www.w3.org/2000/svg"] * 3
    assert text.count("<script>") == 1
    assert text.count("<svg ") == 3


def test_the_page_says_what_the_list_was_checked_against(tmp_path: Path) -> None:
    text = page(tmp_path)
    assert "<title>Staff list staff.csv: grades and promotions</title>" in text
    assert "<dt>Checked as of</dt><dd>2026-11-25</dd>" in text
    assert (
        "<dd>K65301002 — Organisation of payment of pensions, benefits and social payments</dd>"
        in text
    )
    assert "<dt>Organisation overlays applied</dt><dd>none</dd>" in text
    assert "<h2>Promotion forecast for 12 months: 2026-11-25 – 2027-10-31</h2>" in text
    assert "<h2>Eligible now: 4 people</h2>" in text
    assert "0009 Ли Светлана Александровна</span> → <b>4.3</b>" in text
    assert "from 2026-12-20 (in 25 days)" in text
    assert "row 12: Дата присвоения категории: &#39;31.02.2024&#39; is not a real date" in text
    assert "850325*****9" in text
    assert "850325400129" not in text  # IINs masked, as in every report


def test_the_forecast_follows_the_option(tmp_path: Path) -> None:
    text = page(tmp_path, "--forecast", "3")
    assert "<h2>Promotion forecast for 3 months: 2026-11-25 – 2027-01-31</h2>" in text
    assert '<th scope="row">After 2027-01-31</th>' in text


def test_the_page_speaks_the_readers_language(tmp_path: Path) -> None:
    text = page(tmp_path, lang="ru")
    assert '<html lang="ru">' in text
    assert "<dt>Проверено на дату</dt><dd>25.11.2026</dd>" in text
    assert "<h2>Все строки</h2>" in text
    assert '<td data-sort="2027-03-10">10.03.2027</td>' in text
    assert '<span class="chip s-not_yet">пока нет</span>' in text
    assert "Прогноз повышений на 12 месяцев" in text
    kazakh = page(tmp_path, lang="kk")
    assert '<th scope="row">2026 ж. желтоқсан</th>' in kazakh


def test_every_cell_is_text_never_markup(tmp_path: Path) -> None:
    hostile = tmp_path / "staff.csv"
    hostile.write_text(
        "id;name;education_code;note\n"
        '"<script>alert(1)</script>";"""><img src=x onerror=alert(2)>";6B04101;'
        "</td></tr>{{ 7*7 }}\n",
        encoding="utf-8",
    )
    text = page(tmp_path, source=hostile)
    assert text.count("<script>") == 1
    assert "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in text
    assert "&lt;/td&gt;&lt;/tr&gt;{{ 7*7 }}" in text  # not run as a template either


def test_a_long_list_shows_its_first_rows_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_report, "TABLE_ROWS", 5)
    text = page(tmp_path)
    assert text.count("<tr data-status=") == 5
    assert (
        "The table shows the first 5 of 12 rows; the counts, charts and forecast above cover"
        " them all." in text
    )
    assert '<span class="number">12</span><span class="label">rows read</span>' in text


def test_a_failed_page_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_report: html_report.HtmlReport) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html_report.HtmlReport, "finish", broken)
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["roster", str(STAFF), "-o", str(out), "-q"], env={"KZPS_LANG": "en"}
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"kzps: {out}: cannot write the report: No space left on device\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_the_template_ships_in_the_package() -> None:
    folder = html_report.TEMPLATES
    assert folder.parent == Path(html_report.__file__).parent
    assert {p.name for p in folder.iterdir()} >= {"report.html.j2", "report.css", "report.js"}
