"""The per-user cache of validated rules: a hit equals a fresh load; damage is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzps import cache
from kzps.candidate import validator
from kzps.models import Rules
from kzps.standard import load_standard, shipped_path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KZPS_CACHE_DIR", str(tmp_path))
    load_standard.cache_clear()
    return tmp_path


def test_a_load_stores_and_a_second_load_hits(folder: Path) -> None:
    first = load_standard().rules
    (entry,) = folder.glob("rules-*.pickle")
    key = cache.key_of(shipped_path().read_bytes(), "models", "schemas", "validation")
    assert entry.name == f"rules-{key}.pickle"
    assert cache.load("rules", key, Rules) == first


def test_a_damaged_entry_is_a_miss(folder: Path) -> None:
    key = cache.key_of(shipped_path().read_bytes(), "models", "schemas", "validation")
    (folder / f"rules-{key}.pickle").write_bytes(b"not a pickle")
    assert cache.load("rules", key, Rules) is None
    assert load_standard().rules.standard.code == "K65301002"
    assert cache.load("rules", key, Rules) is not None  # rewritten after the miss


def test_a_new_entry_replaces_the_stale_ones(folder: Path) -> None:
    cache.store("rules", "old", "then")
    cache.store("candidate", "other", "kept")
    cache.store("rules", "new", "now")
    assert sorted(p.name for p in folder.iterdir()) == [
        "candidate-other.pickle",
        "rules-new.pickle",
    ]
    assert cache.load("rules", "new", str) == "now"


@pytest.mark.usefixtures("folder")
def test_an_entry_of_another_kind_is_a_miss() -> None:
    cache.store("rules", "k", {"not": "rules"})
    assert cache.load("rules", "k", Rules) is None


def test_the_candidate_validator_is_rebuilt_from_its_entry(folder: Path) -> None:
    validator.cache_clear()
    fresh = validator()
    (entry,) = folder.glob("candidate-*.pickle")
    validator.cache_clear()
    cached = validator()
    data = {
        "education": [{"level": "tvet", "code": "0519023"}],
        "current": {"level": "4.1.", "since": "2024-02-01"},
    }
    assert cached.validate_python(data) == fresh.validate_python(data)
    assert cached.validate_python(data).current.level == "4.1"
    entry.write_bytes(b"damaged")
    validator.cache_clear()
    assert validator().validate_python(data) == fresh.validate_python(data)


def test_another_file_is_another_key() -> None:
    content = shipped_path().read_bytes()
    assert cache.key_of(content, "models") != cache.key_of(content + b"\n# changed\n", "models")
    assert cache.key_of(content, "models") != cache.key_of(content, "models", "candidate")


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
