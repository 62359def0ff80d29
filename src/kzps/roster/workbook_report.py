"""The roster report made for people (CONTRACT §Roster: XLSX follows --lang): a Report
sheet with the input as it was typed and the results in the reader's language, a
Summary sheet with the counts and native Excel charts, and an About sheet saying what
the list was checked against. Written with XlsxWriter in constant-memory mode, so a
long list streams to disk row by row."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from kzps.decide.values import parse_date
from kzps.errors import InvalidValueError
from kzps.roster.columns import TOTALS
from kzps.roster.formulas import neutralised

if TYPE_CHECKING:
    from pathlib import Path

    from kzps.roster.context import About
    from kzps.roster.header import Layout
    from kzps.roster.sentences import Sentences
    from kzps.roster.tally import Tally
    from kzps.roster.verdict import Verdict

#: The result columns of the people's report, each with its catalog key and width cap.
RESULTS = (
    ("next_level", 10),
    ("status", 18),
    ("eligible_on", 12),
    ("missing", 16),
    ("explanation", 48),
    ("error", 36),
    ("warning", 30),
)
#: The result columns whose text wraps: they keep their width, and a row grows to fit.
WRAPPED = 3
WIDEST = 32  # an input column's width is fitted to its content up to this
LINE = 15  # points a line of text takes
NARROWEST = 6
#: The colours of the statuses, as the terminal view shows them (fill, font).
COLOURS = {
    "eligible": ("#E2F0D9", "#375623"),
    "not_yet": ("#FFF2CC", "#7F6000"),
    "needs_review": ("#EADCF4", "#5B2C83"),
    "not_eligible": ("#FBE2D5", "#843C0C"),
    "top": ("#DDEBF7", "#1F4E78"),
}
STATUSES = ("eligible", "not_yet", "needs_review", "not_eligible", "top")
A4 = 9
_DECIMAL = re.compile(r"^\d+([.,]\d+)?$")


class PeopleReport:
    """One report row a staff-list row, in the reader's language, with formats."""

    def __init__(
        self, path: Path, layout: Layout, sentences: Sentences, tally: Tally, about: About
    ) -> None:
        import xlsxwriter

        self._book = xlsxwriter.Workbook(
            str(path),
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.words = sentences.words.words
        self.sentences = sentences
        self.tally = tally
        self.about = about
        self.layout = layout
        self._keep = layout.keep if layout.keep is not None else tuple(range(layout.width))
        say = self.words.say
        self._sheet = self._book.add_worksheet(say("report.sheet.report"))
        self._formats = self._make_formats()
        header = [neutralised(layout.header[i].strip()) for i in self._keep]
        header += [say(f"report.column.{name}") for name, _ in RESULTS]
        self._widths = [max([len(w) + 2 for w in h.split()] + [NARROWEST]) for h in header]
        self._sheet.write_row(0, 0, header, self._formats["header"])
        self._sheet.set_row(0, 32)
        self._row = 0
        index = layout.index
        self._dates = {index[c] for c in ("level_since",) if c in index}
        self._numbers = {index[c] for c in TOTALS if c in index}
        self._texts: dict[str, list[str]] = {}

    def _make_formats(self) -> dict[str, Any]:
        add = self._book.add_format
        date = "dd.mm.yyyy" if self.words.lang != "en" else "yyyy-mm-dd"
        formats = {
            "header": add(
                {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#D9D9D9"}
            ),
            "date": add({"num_format": date, "valign": "top"}),
            "text": add({"valign": "top"}),
            "wrap": add({"text_wrap": True, "valign": "top"}),
            "title": add({"bold": True, "font_size": 14}),
            "bold": add({"bold": True}),
        }
        for status, (fill, font) in COLOURS.items():
            formats[status] = add({"bg_color": fill, "font_color": font, "valign": "top"})
        return formats

    def write(self, cells: list[str], verdict: Verdict) -> None:
        """One row: the input cells as they were typed, then the results."""
        self._row += 1
        row, sheet, widths, formats = self._row, self._sheet, self._widths, self._formats
        texts = self._results(verdict)
        lines = max(
            -(-len(texts[at]) // (RESULTS[at][1] - 2)) for at in range(WRAPPED, len(RESULTS))
        )
        if lines > 1:  # a spreadsheet does not grow a row for wrapped text it did not lay out
            sheet.set_row(row, LINE * lines)
        for column, i in enumerate(self._keep):
            self._cell(row, column, i, cells[i])
            widths[column] = max(widths[column], len(cells[i]) + 2)
        first = len(self._keep)
        for offset, text in enumerate(texts):
            widths[first + offset] = max(widths[first + offset], len(text) + 2)
        status = verdict.status or ("top" if verdict.key else "")
        if texts[0]:
            sheet.write_string(row, first, texts[0], formats["text"])
        if texts[1]:
            sheet.write_string(row, first + 1, texts[1], formats.get(status, formats["text"]))
        if verdict.eligible_on is not None:
            sheet.write_datetime(row, first + 2, _midnight(verdict.eligible_on), formats["date"])
            widths[first + 2] = max(widths[first + 2], 12)
        for offset in range(WRAPPED, len(RESULTS)):
            if texts[offset]:  # an empty cell is not written: XlsxWriter's time is per cell
                sheet.write_string(row, first + offset, texts[offset], formats["wrap"])

    def _results(self, verdict: Verdict) -> list[str]:
        """The result columns' texts in the reader's language, once per verdict."""
        key = f"people:{self.words.lang}"
        found = verdict.rendered(key)
        if found is None:
            say = self.words.say
            status = verdict.status or ("top" if verdict.key else "")
            found = verdict.render(
                key,
                "\x1f".join(
                    [
                        verdict.next_level or "",
                        _status_word(say, status),
                        "",
                        ", ".join(say(f"requirement.{name}") for name in verdict.missing),
                        "" if verdict.problems else self.sentences.of(verdict),
                        "; ".join(self.words.problem(p) for p in verdict.problems),
                        "; ".join(self.words.problem(p) for p in verdict.warnings),
                    ]
                ),
            )
        return found.split("\x1f")

    def _cell(self, row: int, column: int, index: int, text: str) -> None:
        """An input cell: a date as a date, a number of years as a number, else text."""
        if not text:
            return
        sheet, formats = self._sheet, self._formats
        if text and index in self._dates:
            try:
                sheet.write_datetime(row, column, _midnight(parse_date(text)), formats["date"])
                return
            except InvalidValueError:
                pass
        if index in self._numbers and _DECIMAL.match(text):
            sheet.write_number(row, column, float(text.replace(",", ".")), formats["text"])
            return
        text = neutralised(text).replace("\r\n", "\n").replace("\r", "\n")
        sheet.write_string(row, column, text, formats["text"])

    def finish(self) -> None:
        """Lay the Report sheet out for the screen and the printer, then add the Summary
        and About sheets."""
        sheet = self._sheet
        caps = [WIDEST] * len(self._keep) + [cap for _, cap in RESULTS]
        for column, (width, cap) in enumerate(zip(self._widths, caps, strict=True)):
            wrapped = column - len(self._keep) >= WRAPPED
            sheet.set_column(column, column, cap if wrapped else max(NARROWEST, min(width, cap)))
        last = len(self._widths) - 1
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(self._row, 1), last)
        sheet.set_landscape()
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        from kzps.roster.workbook_sheets import about_sheet, summary_sheet

        summary_sheet(self._book, self.words, self.tally, self.about.standard, self._formats)
        about_sheet(self._book, self.words, self.about, self._formats, STATUSES)

    def save(self) -> None:
        """Write the workbook."""
        self._book.close()


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _status_word(say: Any, status: str) -> str:
    if not status:
        return ""
    return str(say("roster.top") if status == "top" else say(f"status.{status}"))
