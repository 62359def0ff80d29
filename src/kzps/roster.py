"""Rosters (CONTRACT §Roster): every row of a staff list, checked as `kzps check` checks one person.

Rows are streamed (csv.reader; openpyxl in read-only mode) and each becomes a dict in
the candidate-file shape that `parse_candidate`, `check_against` and `decide` judge,
exactly as for a candidate file. Decisions are memoised on what they depend on, so a
roster of many people in few distinct situations costs little more than reading it.
Nothing here prints: the CLI shows the Tally and a report writer writes the rows.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import heapq
import io
import itertools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, Protocol

from pydantic_core import PydanticCustomError

from kzps.api import parse_candidate
from kzps.candidate import check_against, normalize_grade, significance_of
from kzps.engine import decide_next
from kzps.errors import CandidateError, DataError, KzpsError, Problem, UsageError, problem
from kzps.iin import iin_problem, iin_valid, mask
from kzps.models import CODE_PATTERN, normalize_code
from kzps.standard import family
from kzps.years import parse_years

if TYPE_CHECKING:
    from kzps.standard import Standard

# -- the columns (CONTRACT §Roster) ----------------------------------------------------------

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
RESULT_COLUMNS = ("next_level", "status", "eligible_on", "missing", "error")
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
HEADER_SEARCH = 10  # a title or a blank line may stand above the header in HR exports
SHOWN_CELLS = 12
DELIMITERS = (";", ",", "\t")
_BLANK = " \t;,"  # a row of nothing but these is blank, whichever the delimiter
SAMPLE_BYTES = 1 << 16
#: How many rows, cells and situations are remembered; a full memo forgets its older
#: half, which keeps memory constant. Situations are what the engine is asked about
#: (a millisecond each), so they get the room (about 1 KB each).
ROW_MEMO = 1 << 14
CELL_MEMO = 1 << 14
SITUATION_MEMO = 1 << 15
SOON_DAYS = 90
LISTED = 10  # people named in the summary's lists; the rest are counted
IIN_LENGTH = 12

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

#: Cell values in Russian or Kazakh, by the start of the word, read as the contract's keys.
VALUE_PREFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "education_level": (
        ("типо", "tvet"),
        ("техническое и профессиональное", "tvet"),
        ("техникалық және кәсіптік", "tvet"),
        ("послесредн", "post_secondary"),
        ("орта білімнен кейінгі", "post_secondary"),
        ("прикладн", "applied_bachelor"),
        ("қолданбалы", "applied_bachelor"),
        ("высшее", "bachelor"),
        ("бакалавр", "bachelor"),
        ("жоғары", "bachelor"),
        ("магистр", "master"),
        ("доктор", "doctorate"),
        ("phd", "doctorate"),
    ),
    "education_field": (
        ("социальн", "social"),
        ("әлеуметт", "social"),
        ("экономи", "economic"),
        ("финанс", "financial"),
        ("қаржы", "financial"),
        ("юрид", "legal"),
        ("прав", "legal"),
        ("құқық", "legal"),
        ("заң", "legal"),
    ),
    "organization": (
        ("республикан", "republican"),
        ("республикалық", "republican"),
        ("областн", "oblast"),
        ("облыстық", "oblast"),
        ("районн", "district"),
        ("аудандық", "district"),
        ("сельск", "rural"),
        ("ауылдық", "rural"),
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

#: Candidate-file keys (as problems name them) and the roster columns they come from.
_KEY_COLUMNS = (
    (re.compile(r"^education\[\d+\]\.level"), "education_level"),
    (re.compile(r"^education\[\d+\]\.field"), "education_field"),
    (re.compile(r"^education"), "education_code"),
    (re.compile(r"^current\.since"), "level_since"),
    (re.compile(r"^current"), "current_level"),
    (re.compile(r"^organization"), "organization"),
    (re.compile(r"^experience\.specialty"), "specialty_years"),
    (re.compile(r"^experience\.social_protection"), "social_protection_years"),
    (re.compile(r"^experience\.management"), "management_years"),
)
_NON_WORD = re.compile(r"[\W_]+")
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
UTF8_MARGIN = 2  # UTF-8 read from Windows-1251 fails at nearly every letter: far below
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MASKED = re.compile(r"^\d{6}\*{5}\d$")


def header_key(text: str) -> str:
    """A header as compared: case, `ё`, punctuation and spacing do not matter."""
    return _NON_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


_ALIAS_INDEX = {
    header_key(name): column for column, names in ALIASES.items() for name in (column, *names)
}


# -- the column map (--columns) ---------------------------------------------------------------


def read_column_map(path: Path) -> dict[str, tuple[str, ...]]:
    """`--columns map.yaml`: columns of the contract mapped to this file's header(s)."""
    import yaml

    from kzps.yamlio import load_text, problem_of

    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(where, [problem("", "error.no_such_file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(where, [problem("", "error.unreadable", reason=str(error))]) from None
    try:
        data = load_text(text)
    except yaml.YAMLError as error:
        raise UsageError(where, [problem_of(error)]) from None
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


# -- the header -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where each column of the contract is in this file, and the report's header."""

    header: tuple[str, ...]
    index: dict[str, int]
    row: int  # the header's row number, as a spreadsheet shows it

    @property
    def width(self) -> int:
        """The number of cells a row must have."""
        return len(self.header)

    @property
    def keep(self) -> tuple[int, ...] | None:
        """Input cells that go to the report: all but earlier result columns (None: all)."""
        results = {header_key(name) for name in RESULT_COLUMNS}
        kept = tuple(i for i, name in enumerate(self.header) if header_key(name) not in results)
        return None if len(kept) == self.width else kept

    @property
    def output_header(self) -> tuple[str, ...]:
        """The report's header: the input's, then the result columns."""
        kept = self.keep
        names = self.header if kept is None else tuple(self.header[i] for i in kept)
        return (*names, *RESULT_COLUMNS)

    def label(self, column: str) -> str:
        """A column as the file names it, so that an error points at what HR sees."""
        position = self.index.get(column)
        return column if position is None else (self.header[position].strip() or column)


class _Attempt(NamedTuple):
    """One row tried as the header, split by one delimiter."""

    score: int
    row: int
    delimiter: str
    cells: list[str]
    columns: dict[str, int]
    problems: list[Problem]


def match_header(
    cells: list[str], column_map: dict[str, tuple[str, ...]]
) -> tuple[dict[str, int], list[Problem]]:
    """Which cell holds which column, and what keeps this row from being the header."""
    keys = [header_key(c) for c in cells]
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for column, names in column_map.items():
        wanted = {header_key(n) for n in names}
        found = [i for i, key in enumerate(keys) if key in wanted]
        if len(found) == 1:
            index[column] = found[0]
        else:
            key = "error.roster_map_ambiguous" if found else "error.roster_map_missing"
            shown = [repr(n) for n in names]
            problems.append(problem("--columns", key, column=column, names=shown))
    taken = set(index.values())
    for i, key in enumerate(keys):
        named = _ALIAS_INDEX.get(key)
        if named is None or named in column_map or i in taken:
            continue
        if named in index:
            first, second = cells[index[named]].strip(), cells[i].strip()
            problems.append(
                problem("", "error.roster_duplicate", column=named, first=first, second=second)
            )
        else:
            index[named] = i
    return index, problems + _missing_columns(index, set(column_map))


def _missing_columns(index: dict[str, int], mapped: set[str]) -> list[Problem]:
    """The required columns the header lacks (and --columns does not name), with examples."""
    missing = [c for c in REQUIRED if c not in index and c not in mapped]
    if "current_level" in index and "level_since" not in index:
        missing.append("level_since")
    return [
        problem("", "error.roster_no_column", column=c, examples=[repr(n) for n in EXAMPLES[c]])
        for c in missing
    ]


def _find_header(
    path: Path,
    attempts: Iterator[tuple[str, int, list[str]]],
    column_map: dict[str, tuple[str, ...]],
) -> _Attempt:
    """The header: the complete row with most columns; if none, an error about the closest."""
    best: _Attempt | None = None
    found: _Attempt | None = None
    for delimiter, row, cells in attempts:
        if not any(c.strip(_BLANK) for c in cells):
            continue
        index, problems = match_header(cells, column_map)
        attempt = _Attempt(len(index), row, delimiter, cells, index, problems)
        if not problems and (found is None or attempt.score > found.score):
            found = attempt
        if best is None or attempt.score > best.score:
            best = attempt
    if found is not None:
        return found
    if best is None:
        raise DataError(str(path), [problem("", "error.roster_empty")])
    shown = [repr(c.strip()) for c in best.cells[:SHOWN_CELLS]]
    shown += ["…"] if len(best.cells) > SHOWN_CELLS else []
    closest = problem("", "error.roster_no_header", rows=HEADER_SEARCH, row=best.row, cells=shown)
    raise DataError(str(path), [closest, *(_at_row(p, best.row) for p in best.problems)])


def _at_row(found: Problem, row: int) -> Problem:
    """A header problem, said of the row it was found in."""
    if found.where:
        return found
    return Problem("", found.key, {**found.values, "at_row": row})


# -- sources ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row whose cells could not be read as they are; it keeps its place in the report."""

    cells: list[str]
    problem: Problem


class Source(Protocol):
    """Rows of a staff list after its header, as lists of text cells."""

    layout: Layout
    delimiter: str
    description: dict[str, str]

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Every row after the header, in order; blank rows as empty lists."""
        ...

    def progress(self) -> tuple[int, int | None]:
        """How far reading has come: done and total, in the source's own units."""
        ...


class _Replacements:
    """Counts bytes the decoder could not read, so the row holding them can say so."""

    count = 0


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: replace with U+FFFD, and count (errors="replace" is silent)."""
    _Replacements.count += 1
    end: int = getattr(error, "end", 0)
    return "\ufffd", end


codecs.register_error("kzps.roster", _replace_and_count)


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251 (CONTRACT §Roster)."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        stream.seek(0)
        while chunk := stream.read(1 << 20):
            found = re.search(rb"[\x80-\xff]", chunk)
            if found is None:
                continue
            piece = chunk[found.start() : found.start() + SAMPLE_BYTES]
            return "utf-8" if _mostly_utf8(piece) else "cp1251"
    return "utf-8"


def _mostly_utf8(piece: bytes) -> bool:
    """Whether bytes read as UTF-8 with at most a stray bad byte (Windows-1251 Cyrillic
    read as UTF-8 fails at nearly every letter); the rows with bad bytes say so."""
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(piece, final=False)
    bad = text.count("\ufffd")
    letters = len(_NON_ASCII.findall(text))
    return letters > bad * UTF8_MARGIN


class CsvSource:
    """A CSV staff list: encoding detected, delimiter sniffed from the header."""

    def __init__(self, path: Path, column_map: dict[str, tuple[str, ...]]) -> None:
        self.path = path
        self.encoding = detect_encoding(path)
        self._binary = path.open("rb")
        self._size = path.stat().st_size
        sample = self._binary.read(SAMPLE_BYTES).decode(self.encoding, "replace")
        self._binary.seek(0)
        if "\x00" in sample:
            self._binary.close()
            raise UsageError(str(path), [problem("", "error.roster_not_text")])
        try:
            header = _find_header(path, self._attempts(sample), column_map)
        except DataError:
            self._binary.close()
            raise
        self.delimiter = header.delimiter
        self.layout = Layout(tuple(header.cells), header.columns, header.row)
        self.description = {"encoding": self.encoding, "delimiter": _SHOWN[self.delimiter]}

    @staticmethod
    def _attempts(sample: str) -> Iterator[tuple[str, int, list[str]]]:
        """The first rows of the sample, split by each delimiter in turn."""
        for delimiter in DELIMITERS:
            rows = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            for number, cells in enumerate(itertools.islice(rows, HEADER_SEARCH), 1):
                yield delimiter, number, cells

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Rows after the header; a row with unreadable bytes or quoting is `Unreadable`."""
        stream = io.TextIOWrapper(
            self._binary, encoding=self.encoding, errors="kzps.roster", newline=""
        )
        reader = csv.reader(stream, delimiter=self.delimiter)
        seen = _Replacements.count
        try:
            for cells in itertools.islice(reader, self.layout.row):  # the header and above
                seen += sum(c.count("\ufffd") for c in cells)
            yield from self._rows(reader, seen)
        except OSError as error:
            reason = error.strerror or str(error)
            raise UsageError(
                str(self.path), [problem("", "error.unreadable", reason=reason)]
            ) from None
        finally:
            stream.detach()

    def _rows(self, reader: Iterator[list[str]], seen: int) -> Iterator[list[str] | Unreadable]:
        """The reader's rows; a row the csv module rejects keeps its place, unreadable.

        `seen` counts the bytes replaced so far; when the decoder has replaced more, the
        rows are searched for U+FFFD until every replacement has its row.
        """
        while True:
            try:
                for cells in reader:
                    if _Replacements.count == seen:
                        yield cells
                    else:
                        seen, marked = self._replaced(cells, seen)
                        yield marked
                return
            except csv.Error as error:
                yield Unreadable([], problem("", "error.roster_row_csv", reason=str(error)))

    def _replaced(self, cells: list[str], seen: int) -> tuple[int, list[str] | Unreadable]:
        """Mark the row that holds replaced bytes (decoding runs ahead of the rows)."""
        found = sum(c.count("\ufffd") for c in cells)
        if not found:
            return seen, cells
        position = next(i for i, c in enumerate(cells) if "\ufffd" in c)
        where = self.layout.header[position].strip() if position < self.layout.width else ""
        bad = problem(where, "error.roster_bytes", encoding=self.encoding)
        return min(seen + found, _Replacements.count), Unreadable(cells, bad)

    def progress(self) -> tuple[int, int | None]:
        """Bytes read of the file's size."""
        return (self._size if self._binary.closed else self._binary.tell()), self._size

    def close(self) -> None:
        """Release the file."""
        self._binary.close()


_SHOWN = {";": "';'", ",": "','", "\t": "TAB"}


def openpyxl_module(origin: str) -> Any:
    """openpyxl, or a usage error that says how to install it (the `xlsx` extra)."""
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise UsageError(origin, [problem("", "error.roster_needs_openpyxl")]) from None
    return openpyxl


class XlsxSource:
    """One worksheet of an .xlsx workbook (the first, or the one asked for), read row by
    row in read-only mode."""

    delimiter = ","

    def __init__(
        self, path: Path, column_map: dict[str, tuple[str, ...]], sheet_name: str | None = None
    ) -> None:
        openpyxl = openpyxl_module(str(path))
        self.path = path
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            reason = str(error) or type(error).__name__
            raise UsageError(str(path), [problem("", "error.roster_xlsx", reason=reason)]) from None
        sheet = self._sheet(sheet_name)
        try:
            self._total: int | None = sheet.max_row
            sheet.reset_dimensions()  # a sheet's stated size may be wrong: read what is there
            self._rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
            head = list(itertools.islice(self._rows, HEADER_SEARCH))
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            self._book.close()
            reason = str(error) or type(error).__name__
            raise UsageError(str(path), [problem("", "error.roster_xlsx", reason=reason)]) from None
        texts = [_trimmed([cell_text(v) for v in row]) for row in head]
        try:
            header = _find_header(path, ((",", n, t) for n, t in enumerate(texts, 1)), column_map)
        except DataError:
            self._book.close()
            raise
        self.layout = Layout(tuple(header.cells), header.columns, header.row)
        self._head = head[header.row :]
        self._done = header.row
        self.description = {"sheet": str(sheet.title)}

    def _sheet(self, wanted: str | None) -> Any:
        """The worksheet named (exactly, else ignoring case) or numbered from 1; the first
        when none is asked for."""
        sheets = self._book.worksheets
        if wanted is None:
            return sheets[0]
        for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
            named = [s for s in sheets if same(str(s.title), wanted.strip())]
            if named:
                return named[0]
        if wanted.strip().isdigit() and 1 <= int(wanted) <= len(sheets):
            return sheets[int(wanted) - 1]
        self._book.close()
        titles = [f"{i} {s.title!r}" for i, s in enumerate(sheets, 1)]
        raise UsageError(
            str(self.path), [problem("", "error.roster_no_sheet", value=wanted, sheets=titles)]
        )

    def records(self) -> Iterator[list[str] | Unreadable]:
        """Rows after the header, cut or padded to the header's width."""
        width = self.layout.width
        iin = self.layout.index.get("iin")
        try:
            for values in itertools.chain(self._head, self._rows):
                self._done += 1
                cells = [cell_text(v) for v in values]
                if iin is not None and iin < len(values) and isinstance(values[iin], int | float):
                    cells[iin] = cells[iin].zfill(IIN_LENGTH)  # a number lost the leading zeros
                yield _fitted(cells, width)
        except Exception as error:  # noqa: BLE001 - a damaged sheet surfaces as any exception
            reason = str(error) or type(error).__name__
            raise UsageError(
                str(self.path),
                [problem("", "error.roster_xlsx_row", row=self._done, reason=reason)],
            ) from None

    def progress(self) -> tuple[int, int | None]:
        """Rows read of the rows the sheet says it has."""
        return self._done, self._total

    def close(self) -> None:
        """Release the workbook."""
        self._book.close()


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _trimmed(cells: list[str]) -> list[str]:
    """Without trailing empty cells (a sheet's used range may run past the header)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _fitted(cells: list[str], width: int) -> list[str] | Unreadable:
    """A sheet row at the header's width; a value beyond the header makes it unreadable."""
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    if len(cells) > width:
        beyond = [i for i in range(width, len(cells)) if cells[i].strip()]
        if beyond:
            found = problem("", "error.roster_beyond", column=beyond[0] + 1, width=width)
            return Unreadable(cells[:width], found)
        return cells[:width]
    return cells


#: How a staff list read from standard input (`kzps roster -`) is named in messages.
STDIN = "stdin"
#: How much of standard input is copied at a time.
COPY_CHUNK = 1 << 20


@contextmanager
def stdin_copy(stream: BinaryIO) -> Iterator[Path]:
    """Standard input copied to a temporary file, chunk by chunk: finding the encoding
    and the header, and reading a workbook, need a file to seek in. An error that
    names the copy names standard input instead; the copy is removed afterwards."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kzps-") as folder:
        path = Path(folder) / STDIN
        with path.open("wb") as copy:
            shutil.copyfileobj(stream, copy, COPY_CHUNK)
        if _is_workbook(path):  # openpyxl goes by the file's extension
            path = path.rename(path.with_suffix(".xlsx"))
        try:
            yield path
        except KzpsError as error:
            if error.origin == str(path):
                error.origin = STDIN
            raise


@contextmanager
def open_roster(
    path: Path, column_map: dict[str, tuple[str, ...]], sheet: str | None = None
) -> Iterator[Source]:
    """A staff list, CSV or .xlsx by its content; an unusable file is an error (exit 2 or 3).

    `sheet` names or numbers the worksheet of a workbook; a CSV file has none to choose.
    """
    source: CsvSource | XlsxSource
    if _is_workbook(path):
        source = XlsxSource(path, column_map, sheet)
    elif sheet is not None:
        raise UsageError("--sheet", [problem("", "error.roster_sheet_csv", file=str(path))])
    else:
        source = CsvSource(path, column_map)
    try:
        yield source
    finally:
        source.close()


def _is_workbook(path: Path) -> bool:
    """Whether the file is an .xlsx workbook (a ZIP archive), whatever its name says."""
    where = str(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise UsageError(where, [problem("", "error.no_such_file")]) from None
    except IsADirectoryError:
        raise UsageError(where, [problem("", "error.roster_directory")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(where, [problem("", "error.unreadable", reason=reason)]) from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UsageError(where, [problem("", "error.roster_xls")])
    if not head.startswith(b"PK\x03\x04") and path.suffix.lower() in {".xlsx", ".xlsm"}:
        raise UsageError(where, [problem("", "error.roster_not_xlsx")])
    return head.startswith(b"PK\x03\x04")


# -- verdicts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Verdict:
    """What the report says of a row: the next grade and its status, or what is wrong.

    One Verdict serves every row in the same situation, so what each row needs from
    it (the report's texts, the summary's counting key) is worked out once, here.
    """

    next_level: str | None = None
    status: str | None = None
    eligible_on: dt.date | None = None
    missing: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    grade: str | None = None  # the current grade as kzps reads it, for the summary
    texts: list[str] = field(init=False, repr=False)
    key: tuple[str | None, str] | None = field(init=False, repr=False)
    notable: bool = field(init=False, repr=False)
    rendered: dict[str, str] = field(init=False, repr=False)  # report text by delimiter

    def __post_init__(self) -> None:
        texts = [
            self.next_level or "",
            self.status or "",
            self.eligible_on.isoformat() if self.eligible_on else "",
            ";".join(self.missing),
            self.error or "",
        ]
        key = None if self.problems else (self.grade, self.status or "top")
        notable = key is not None and self.status in {"eligible", "not_yet"}
        object.__setattr__(self, "texts", texts)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "notable", notable)
        object.__setattr__(self, "rendered", {})

    @property
    def error(self) -> str | None:
        """The problems in English, as the report's `error` column holds them."""
        return "; ".join(p.say() for p in self.problems) if self.problems else None

    def failed(self, found: Problem) -> Verdict:
        """This row with one more problem: a row with problems gets no result."""
        return Verdict(problems=(*self.problems, found))


class Checker:
    """Turns rows into Verdicts with the engine of `kzps check`, remembering decisions."""

    def __init__(
        self, standard: Standard, layout: Layout, as_of: dt.date, show_iin: bool = False
    ) -> None:
        self.standard = standard
        self.layout = layout
        self.as_of = as_of
        self.show_iin = show_iin
        self._width = layout.width
        self._id = layout.index["id"]
        self._iin = layout.index.get("iin", -1)
        self._iin_label = layout.label("iin")
        self._masked = not show_iin
        self._columns = tuple(c for c in DECISION_COLUMNS if c in layout.index)
        positions = [layout.index[c] for c in self._columns]
        self._key: Callable[[list[str]], Any] = itemgetter(*positions)
        self._memo: dict[Any, Verdict] = {}
        self._decisions: dict[tuple[Any, ...], Verdict] = {}
        self._verdicts: dict[tuple[Any, ...], Verdict] = {}
        self._parsed: dict[tuple[str, str], Any] = {}
        self._relevance: dict[str | None, tuple[tuple[str, ...], bool]] = {}

    # -- every row (the hot path) ------------------------------------------------------------

    def check(self, cells: list[str]) -> Verdict:
        """The verdict on one row; masks its IIN in place unless --show-iin."""
        if len(cells) != self._width:
            return self._misshapen(cells)
        verdict = self._memo.get(self._key(cells)) or self._verdict(cells)
        iin = self._iin
        if iin >= 0 and cells[iin]:
            if not iin_valid(cells[iin]):
                verdict = self._wrong_iin(cells[iin], verdict)
            if self._masked:
                cells[iin] = mask(cells[iin].strip())
        if not cells[self._id].strip():
            verdict = verdict.failed(problem(self.layout.label("id"), "error.roster_no_id"))
        return verdict

    def _wrong_iin(self, value: str, verdict: Verdict) -> Verdict:
        """The verdict on a row whose IIN fails its check.

        Spaces around it are forgiven, and an IIN masked by an earlier report (a report
        checked again) cannot be checked, so it is taken as given.
        """
        found = iin_problem(value.strip(), self._iin_label)
        if found is None or _MASKED.match(value.strip()):
            return verdict
        return verdict.failed(found)

    def unreadable(self, row: Unreadable) -> tuple[list[str], Verdict]:
        """A row that could not be read: its cells as far as read, masked, and why."""
        return self._shaped(row.cells), Verdict(problems=(row.problem,))

    def _misshapen(self, cells: list[str]) -> Verdict:
        """A row with too few or too many cells: they may be shifted, so no result."""
        found = problem("", "error.roster_cells", count=len(cells), width=self._width)
        cells[:] = self._shaped(cells)
        return Verdict(problems=(found,))

    def _shaped(self, cells: list[str]) -> list[str]:
        """Cells at the header's width, with the IIN and whatever looks like one masked."""
        shaped = (cells + [""] * self._width)[: self._width]
        if self.show_iin:
            return shaped
        masked = [mask(c) if len(c) == IIN_LENGTH and c.isdigit() else c for c in shaped]
        if self._iin >= 0:
            masked[self._iin] = mask(masked[self._iin].strip())
        return masked

    # -- a situation not seen before ---------------------------------------------------------

    def _verdict(self, cells: list[str]) -> Verdict:
        """Read the decision cells, then decide (or recall) the situation they describe."""
        values = {c: cells[self.layout.index[c]].strip() for c in self._columns}
        problems: list[Problem] = []
        diplomas = self._education(values, problems)
        grade = self._cell("current_level", values, problems)
        since = self._cell("level_since", values, problems)
        totals = {c: self._cell(c, values, problems) for c in TOTALS}
        organization = self._cell("organization", values, problems)
        label = self.layout.label
        if values.get("current_level") and not values.get("level_since"):
            found = problem(label("level_since"), "error.roster_since_needed")
            problems.append(found)
        if values.get("level_since") and not values.get("current_level"):
            found = problem(
                label("level_since"), "error.roster_since_alone", column=label("current_level")
            )
            problems.append(found)
        if problems or diplomas is None:
            verdict = Verdict(problems=tuple(problems))
        else:
            verdict = self._decision(diplomas, grade, since, totals, organization)
        _remember(self._memo, self._key(cells), verdict, ROW_MEMO)
        return verdict

    def _cell(self, column: str, values: dict[str, str], problems: list[Problem]) -> Any:
        """One cell's value (None when empty), parsed once per distinct text."""
        raw = values.get(column, "")
        if not raw:
            return None
        key = (column, raw)
        value = self._parsed.get(key)
        if value is None:
            try:
                value = self._parse(column, raw)
            except PydanticCustomError as error:
                value = Problem("", f"error.{error.type}", dict(error.context or {}))
            _remember(self._parsed, key, value, CELL_MEMO)
        if isinstance(value, Problem):
            problems.append(Problem(self.layout.label(column), value.key, value.values))
            return None
        return value

    def _parse(self, column: str, raw: str) -> Any:
        """One cell's text as its column's value; PydanticCustomError says what was expected."""
        if column == "current_level":
            return normalize_grade(raw)
        if column == "level_since":
            return parse_date(raw)
        if column == "organization":
            return self._organization(raw)
        return parse_years(raw)

    def _organization(self, text: str) -> str:
        """An organisation's significance as a word or number the standard knows."""
        value = _value("organization", text)
        rules = self.standard.rules
        if significance_of(value, rules) is None:
            expected = [f"{s.key} ({s.number})" for s in rules.significance]
            raise PydanticCustomError(
                "organization_unknown", "unknown", {"value": text, "expected": expected}
            )
        return value

    def _education(self, values: dict[str, str], problems: list[Problem]) -> Diplomas | None:
        """The diplomas of a row (None when they cannot be read), once per distinct text."""
        raw = (
            values.get("education_level", ""),
            values.get("education_code", ""),
            values.get("education_field", ""),
        )
        key = ("education", "\x1f".join(raw))
        found = self._parsed.get(key)
        if found is None:
            found = self._diplomas(*raw)
            _remember(self._parsed, key, found, CELL_MEMO)
        if isinstance(found, list):
            problems += found
            return None
        diplomas: Diplomas = found
        return diplomas

    def _diplomas(self, levels: str, codes: str, fields: str) -> Diplomas | list[Problem]:
        """Diplomas: codes split on `;`, levels and fields paired with them."""
        label = self.layout.label
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
            normal = normalize_code(code) if code is not None else None
            if normal is not None and not re.match(CODE_PATTERN, normal):
                problems.append(problem(label("education_code"), "error.code_format", value=code))
                continue
            level = _value("education_level", level_list[i]) or _level_of_code(normal)
            if level is None:
                problems.append(_no_level(label, code))
            else:
                diplomas.append((level, normal, _value("education_field", field_list[i]) or None))
        return problems or tuple(diplomas)

    def _decision(
        self,
        diplomas: Diplomas,
        grade: str | None,
        since: dt.date | None,
        totals: dict[str, Any],
        organization: str | None,
    ) -> Verdict:
        """Recall or decide a situation, keyed only on what decides the next grade."""
        kinds, organization_matters = self._relevant(grade)
        key = (
            diplomas,
            grade,
            since,
            tuple(totals[c] for c in kinds),
            organization if organization_matters else None,
        )
        verdict = self._decisions.get(key)
        if verdict is None:
            data = candidate_data(
                diplomas,
                grade,
                since,
                {c: totals[c] for c in kinds if totals[c]},
                organization if organization_matters else None,
            )
            verdict = self._interned(self._decide(data))
            _remember(self._decisions, key, verdict, SITUATION_MEMO)
        return verdict

    def _interned(self, verdict: Verdict) -> Verdict:
        """One Verdict object for equal results, so that many situations cost little memory."""
        if verdict.problems:
            return verdict
        key = (
            verdict.next_level,
            verdict.status,
            verdict.eligible_on,
            verdict.missing,
            verdict.grade,
        )
        found = self._verdicts.get(key)
        if found is None:
            _remember(self._verdicts, key, verdict, SITUATION_MEMO)
            return verdict
        return found

    def _relevant(self, grade: str | None) -> tuple[tuple[str, ...], bool]:
        """Which totals, and whether the organisation, can change the next grade's decision."""
        found = self._relevance.get(grade)
        if found is None:
            found = relevant_inputs(self.standard, grade)
            self._relevance[grade] = found
        return found

    def _decide(self, data: dict[str, Any]) -> Verdict:
        """The engine's decision on one candidate, as a Verdict."""
        try:
            candidate = parse_candidate(data, "row")
        except CandidateError as error:
            return Verdict(problems=tuple(self._named(p) for p in _essential(error.details)))
        problems = check_against(candidate, self.standard.rules, self.as_of)
        if problems:
            return Verdict(problems=tuple(self._named(p) for p in problems))
        decision = decide_next(self.standard, candidate, self.as_of)
        held = candidate.current.level if candidate.current else None
        if decision is None:
            return Verdict(grade=held)
        return Verdict(
            next_level=decision.level,
            status=str(decision.status),
            eligible_on=decision.eligible_on,
            missing=decision.missing,
            grade=held,
        )

    def _named(self, found: Problem) -> Problem:
        """A candidate-file problem (`current.since`) named by the roster's column."""
        column = next((c for pattern, c in _KEY_COLUMNS if pattern.match(found.where)), None)
        if column is None:
            return found
        return Problem(self.layout.label(column), found.key, found.values)


Diplomas = tuple[tuple[str, str | None, str | None], ...]


def _essential(problems: list[Problem]) -> list[Problem]:
    """Without pydantic's echo: a diploma that fails also makes `education` too short."""
    if any(p.where.startswith("education[") for p in problems):
        return [p for p in problems if (p.where, p.key) != ("education", "error.too_short")]
    return problems


def relevant_inputs(standard: Standard, grade: str | None) -> tuple[tuple[str, ...], bool]:
    """The total columns, and whether the organisation, that matter for the next grade.

    In the engine a total of one kind counts only for requirements of that kind, and
    the organisation only gives the N of a grade with significance; the other cells of
    a row are still read and checked, but need not tell two situations apart.
    """
    grades = standard.grades
    if grade is None:  # the entry grades are those a path reaches without experience
        targets = [g for g in standard.rules.grades if any(not p.experience for p in g.paths)]
    elif family(grade) in grades:
        following = grades[family(grade)].next
        targets = [grades[following]] if following else []
    else:
        return tuple(TOTALS), True
    kinds = {req.kind for g in targets for p in g.paths for req in p.experience}
    columns = tuple(c for c, kind in TOTALS.items() if kind in kinds)
    return columns, any(g.significance for g in targets)


def candidate_data(
    diplomas: Diplomas,
    grade: str | None,
    since: dt.date | None,
    totals: dict[str, Any],
    organization: str | None,
) -> dict[str, Any]:
    """A row's values in the candidate-file shape (CONTRACT §Candidate file)."""
    education = []
    for level, code, field_ in diplomas:
        diploma: dict[str, Any] = {"level": level}
        if code is not None:
            diploma["code"] = code
        if field_ is not None:
            diploma["field"] = field_
        education.append(diploma)
    data: dict[str, Any] = {"education": education}
    if grade is not None and since is not None:
        data["current"] = {"level": grade, "since": since.isoformat()}
    if totals:
        data["experience"] = {TOTALS[c]: value for c, value in totals.items()}
    if organization is not None:
        data["organization"] = organization
    return data


def _remember(memo: dict[Any, Any], key: Any, value: Any, limit: int) -> None:
    """Store in a memo of bounded size: when full, the older half is forgotten.

    Dicts keep insertion order, so the first keys are the oldest; dropping half at a
    time costs O(1) per insertion on average and keeps memory constant.
    """
    if len(memo) >= limit:
        for old in list(itertools.islice(memo, limit // 2)):
            del memo[old]
    memo[key] = value


def _paired(text: str, count: int) -> list[str] | None:
    """One value per code: one value for all, or `;`-separated in the codes' order."""
    parts = [p.strip() for p in text.split(";")] if text.strip() else [""]
    if len(parts) == 1:
        return parts * count
    return parts if len(parts) == count else None


def _value(column: str, text: str) -> str:
    """A cell's value as the contract's key: Russian and Kazakh words read, case ignored."""
    folded = text.strip().casefold()
    for prefix, key in VALUE_PREFIXES.get(column, ()):
        if folded.startswith(prefix):
            return key
    return folded if folded.isascii() else text.strip()


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


def parse_date(text: str) -> dt.date:
    """A date as HR exports write it: ISO `2023-02-01` or `01.02.2023`."""
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if _ISO.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("date_not_real", "not real", {"value": text}) from None
    raise PydanticCustomError("roster_date", "not a date", {"value": text})


# -- the summary ------------------------------------------------------------------------------


class Person(NamedTuple):
    """Someone named in the summary."""

    row: int
    id: str
    name: str
    level: str
    eligible_on: dt.date | None


class Tally:
    """Counts for the summary, in constant memory: only the first few people are kept."""

    def __init__(self, as_of: dt.date, layout: Layout) -> None:
        self.as_of = as_of
        self.horizon = as_of + dt.timedelta(days=SOON_DAYS)
        self.blank = 0
        self.counts: dict[tuple[str | None, str] | None, int] = {}
        self.first_errors: list[tuple[int, tuple[Problem, ...]]] = []
        self.eligible_first: list[Person] = []
        self.soon = 0
        self._soon: list[tuple[int, int, Person]] = []
        self._id = layout.index["id"]
        self._name = layout.index.get("name")

    def add(self, row: int, cells: list[str], verdict: Verdict) -> None:
        """Count one row (by its verdict's grade and status), and note whom to name."""
        key = verdict.key
        self.counts[key] = self.counts.get(key, 0) + 1
        if key is None and len(self.first_errors) < LISTED // 2:
            self.first_errors.append((row, verdict.problems))
        elif verdict.notable:
            self._note(row, cells, verdict)

    def _note(self, row: int, cells: list[str], verdict: Verdict) -> None:
        """Keep the first people eligible now, and the soonest eligible within the horizon."""
        if verdict.status == "eligible":
            if len(self.eligible_first) < LISTED:
                self.eligible_first.append(self._person(row, cells, verdict))
        elif verdict.eligible_on is not None and verdict.eligible_on <= self.horizon:
            self.soon += 1
            item = (-verdict.eligible_on.toordinal(), -row, self._person(row, cells, verdict))
            if len(self._soon) < LISTED:
                heapq.heappush(self._soon, item)
            else:
                heapq.heappushpop(self._soon, item)

    def _person(self, row: int, cells: list[str], verdict: Verdict) -> Person:
        """Who a row is, as the summary names them (the IIN never)."""
        name = cells[self._name].strip() if self._name is not None else ""
        level = verdict.next_level or ""
        return Person(row, cells[self._id].strip(), name, level, verdict.eligible_on)

    @property
    def read(self) -> int:
        """Rows read, blank rows aside."""
        return sum(self.counts.values())

    @property
    def errors(self) -> int:
        """Rows with an error."""
        return self.counts.get(None, 0)

    @property
    def checked(self) -> int:
        """Rows checked without an error."""
        return self.read - self.errors

    @property
    def eligible(self) -> int:
        """People eligible for their next grade now."""
        return self.by_status.get("eligible", 0)

    @property
    def by_grade(self) -> dict[str | None, int]:
        """Rows checked, by current grade (None: not yet placed)."""
        found: dict[str | None, int] = {}
        for key, count in self.counts.items():
            if key is not None:
                found[key[0]] = found.get(key[0], 0) + count
        return found

    @property
    def by_status(self) -> dict[str, int]:
        """Rows checked, by the status of the next grade ("top": there is none)."""
        found: dict[str, int] = {}
        for key, count in self.counts.items():
            if key is not None:
                found[key[1]] = found.get(key[1], 0) + count
        return found

    @property
    def soon_first(self) -> list[Person]:
        """The people who become eligible soonest within the horizon, soonest first."""
        return [person for _, _, person in sorted(self._soon, reverse=True)]


# -- the run ----------------------------------------------------------------------------------

Progress = Callable[[int, int | None], None]
PROGRESS_EVERY = 4096


def check_rows(
    source: Source,
    checker: Checker,
    write: Callable[[list[str], Verdict], None],
    tally: Tally,
    progress: Progress | None = None,
) -> None:
    """Check every row in order and hand each to `write`; blank rows are only counted."""
    row = source.layout.row
    check = checker.check
    add = tally.add
    for cells in source.records():
        row += 1
        if isinstance(cells, list):
            if any(cells):
                verdict = check(cells)
                write(cells, verdict)
                add(row, cells, verdict)
            else:
                tally.blank += 1
        else:
            shaped, verdict = checker.unreadable(cells)
            write(shaped, verdict)
            add(row, shaped, verdict)
        if progress is not None and not row % PROGRESS_EVERY:
            progress(*source.progress())


__all__ = [
    "ALIASES",
    "COLUMNS",
    "RESULT_COLUMNS",
    "Checker",
    "Layout",
    "Source",
    "Tally",
    "Unreadable",
    "Verdict",
    "check_rows",
    "header_key",
    "open_roster",
    "read_column_map",
]
