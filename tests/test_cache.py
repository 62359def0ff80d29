"""The per-user cache of validated rules: a hit equals a fresh load; damage is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzps import cache
from kzps.standard import load_standard, shipped_path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KZPS_CACHE_DIR", str(tmp_path))
    load_standard.cache_clear()
    return tmp_path


def test_a_load_stores_and_a_second_load_hits(folder: Path) -> None:
    first = load_standard().rules
    (entry,) = folder.glob("rules-*.pickle")
    key = cache.key_of(shipped_path().read_bytes())
    assert entry.name == f"rules-{key}.pickle"
    assert cache.load(key) == first


def test_a_damaged_entry_is_a_miss(folder: Path) -> None:
    key = cache.key_of(shipped_path().read_bytes())
    (folder / f"rules-{key}.pickle").write_bytes(b"not a pickle")
    assert cache.load(key) is None
    assert load_standard().rules.standard.code == "K65301002"
    assert cache.load(key) is not None  # rewritten after the miss


def test_another_file_is_another_key() -> None:
    content = shipped_path().read_bytes()
    assert cache.key_of(content) != cache.key_of(content + b"\n# changed\n")


def test_the_cache_can_be_switched_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZPS_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    load_standard()
    assert not list(folder.glob("rules-*.pickle"))


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KZPS_CACHE_DIR", str(blocker / "below-a-file"))
    load_standard.cache_clear()
    assert load_standard().rules.standard.code == "K65301002"
