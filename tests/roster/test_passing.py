"""A helper passes over the rows before its part by their bytes where it can, and reads
on with the csv module from the first line that bytes alone cannot tell: the rows it
then checks are the ones a whole read gives after that row, whatever the lines hold."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzps.files import SAMPLE_BYTES
from kzps.roster import csv_source
from kzps.roster.csv_source import CsvSource
from kzps.roster.run import Rows
from kzps.roster.sources import open_roster

if TYPE_CHECKING:
    from kzps.roster.header import Unreadable

PASS_BLOCK = csv_source.PASS_BLOCK
HEADER = "id;name;iin;education_code;current_level;level_since"
#: Pieces of lines: plain cells, delimiters, quotes that open or close a cell or sit
#: inside one, every kind of line break, and a byte UTF-8 cannot read (None).
PIECES = ["E-1", "Жанар", "6.2", ";", ";;", '"', '""', '"a\r\nb"', "\r\n", "\n", "\r", " ", None]


def _written(path: Path, body: list[str | None], encoding: str) -> Path:
    """The header and the pieces (each with a byte-order mark in UTF-8 with one: a U+FEFF
    that begins a row mid-file is that row's own character)."""
    data = (HEADER + "\r\n").encode(encoding)
    for piece in body:
        data += b"\xff" if piece is None else piece.encode(encoding)
    path.write_bytes(data)
    return path


def _read_after(source: CsvSource, last: int) -> tuple[int, list[list[str] | Unreadable]]:
    rows = Rows.after(source, last)
    read = list(rows.records)
    return rows.row, read


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.lists(st.sampled_from(PIECES), max_size=40),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]),
    block=st.sampled_from([8, 40, csv_source.PASS_BLOCK]),
)
def test_the_rows_after_any_row_are_those_a_whole_read_gives(
    tmp_path: Path, body: list[str | None], encoding: str, block: int
) -> None:
    path = _written(tmp_path / "staff.csv", body, encoding)
    csv_source.PASS_BLOCK = block  # lines looked through a few at a time, or all at once
    try:
        with open_roster(path, {}) as source:
            assert isinstance(source, CsvSource)
            header = source.layout.row
            whole = list(Rows.of(source).records)
            for last in range(header, header + len(whole) + 1):
                row, read = _read_after(source, last)
                assert row == last
                assert read == whole[last - header :]
    finally:
        csv_source.PASS_BLOCK = PASS_BLOCK


@pytest.mark.parametrize("block", [8, PASS_BLOCK])
def test_plain_lines_are_passed_by_their_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(csv_source, "PASS_BLOCK", block)
    lines = [HEADER + "\r\n", "E-1;Жанар\r\n", "\r\n", "E-3;Асель\n", "E-4;x\r\n"]
    path = tmp_path / "plain.csv"
    path.write_bytes("".join(lines).encode("utf-8-sig"))
    with open_roster(path, {}) as source:
        assert isinstance(source, CsvSource)
        sizes = [len(line.encode()) for line in lines]
        sizes[0] += 3  # the byte-order mark
        for rows in range(len(lines) + 1):
            assert source.passed(rows) == (rows, sum(sizes[:rows]))
        assert source.passed(99) == (len(lines), sum(sizes))


@pytest.mark.parametrize(
    "line",
    ['E-2;"Жанар"\r\n', "E-2;a\rb\r\n", "E-2;a\x00b\r\n", "E-2;a\r\r\n", "E-2;a\r"],
)
def test_a_line_bytes_cannot_tell_stops_the_pass_before_it(tmp_path: Path, line: str) -> None:
    # Plain rows enough to fill the sample read for the header (a NUL there is refused).
    plain = [f"E-{n};x\r\n" for n in range(1, SAMPLE_BYTES // 8)]
    lines = [HEADER + "\r\n", *plain, line, "E-0;y\r\n"]
    path = tmp_path / "stop.csv"
    path.write_bytes("".join(lines).encode())
    with open_roster(path, {}) as source:
        assert isinstance(source, CsvSource)
        before = len(plain) + 1
        assert source.passed(before + 2) == (before, len("".join(lines[:before]).encode()))
        whole = list(Rows.of(source).records)
        assert _read_after(source, before + 1) == (before + 1, whole[before:])  # by the csv module


def test_utf16_is_never_passed_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(f"{HEADER}\r\nE-1;x\r\nE-2;y\r\n".encode("utf-16"))
    with open_roster(path, {}) as source:
        assert isinstance(source, CsvSource)
        assert source.passed(3) == (0, 0)
        row, read = _read_after(source, 2)
        assert (row, read) == (2, [["E-2", "y"]])


@pytest.mark.parametrize(
    ("data", "passable"),
    [
        (f"{HEADER}\r\nE-1;x\r\n".encode(), True),
        (f'{HEADER}\r\nE-1;"x"\r\n'.encode(), False),
        (f"{HEADER}\r\nE-1;x\r\n".encode("utf-16"), False),
    ],
)
def test_a_list_whose_first_lines_are_plain_is_passable(
    tmp_path: Path, data: bytes, passable: bool
) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    with open_roster(path, {}) as source:
        assert isinstance(source, CsvSource)
        assert source.passable is passable
