"""The per-user cache of validated rules: a hit equals a fresh load; damage is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzps.decide.candidate import validator
from kzps.standard import cache, load_standard, shipped_path
from kzps.standard.records import Rules


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KZPS_CACHE_DIR", str(tmp_path))
    load_standard.cache_clear()
    return tmp_path


def test_a_load_stores_and_a_second_load_hits(folder: Path) -> None:
    first = load_standard().rules
    (entry,) = folder.glob("rules-*.pickle")
    key = cache.package_key(shipped_path().read_bytes())
    assert key is not None
    assert entry.name == f"rules-{key}.pickle"
    assert cache.load("rules", key, Rules) == first


def test_a_damaged_entry_is_a_miss(folder: Path) -> None:
    key = cache.package_key(shipped_path().read_bytes())
    assert key is not None
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
    assert cache.package_key(content) != cache.package_key(content + b"\n# changed\n")


def test_a_changed_package_file_is_another_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key covers every file of the package, not a list of modules kept by hand."""
    package = tmp_path / "kzps"
    (package / "standard").mkdir(parents=True)
    (package / "standard" / "cache.py").write_text("# the cache module\n")
    (package / "words.py").write_text("one\n")
    assert sorted(p.name for p in cache._package_files(package)) == ["cache.py", "words.py"]
    monkeypatch.setattr(cache, "__file__", str(package / "standard" / "cache.py"))
    cache._package_checksum.cache_clear()
    before = cache.package_key(b"rules")
    (package / "words.py").write_text("two\n")
    cache._package_checksum.cache_clear()
    after = cache.package_key(b"rules")
    cache._package_checksum.cache_clear()
    assert before is not None
    assert after is not None
    assert before != after


def test_a_package_without_sources_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An install whose files cannot be read (here: the package folder is gone) means no
    cache, never an error: the standard is still loaded and validated."""
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "gone" / "standard" / "cache.py"))
    monkeypatch.setenv("KZPS_CACHE_DIR", str(tmp_path / "cache"))
    cache._package_checksum.cache_clear()
    load_standard.cache_clear()
    try:
        assert cache.package_key(b"x") is None
        assert load_standard().rules.standard.code == "K65301002"
        assert not (tmp_path / "cache").exists()
    finally:
        cache._package_checksum.cache_clear()
        load_standard.cache_clear()


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


def test_an_installed_package_is_keyed_by_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pip's RECORD lists every file's hash: a changed install is a changed RECORD."""
    from kzps import __version__

    package = tmp_path / "site" / "kzps"
    (package / "standard").mkdir(parents=True)
    (package / "standard" / "cache.py").write_text("# the cache module\n")
    record = tmp_path / "site" / f"kzps-{__version__}.dist-info" / "RECORD"
    record.parent.mkdir()
    record.write_text("kzps/standard/cache.py,sha256=one,18\n")
    monkeypatch.setattr(cache, "__file__", str(package / "standard" / "cache.py"))
    cache._package_checksum.cache_clear()
    try:
        before = cache.package_key(b"rules")
        record.write_text("kzps/standard/cache.py,sha256=two,18\n")
        cache._package_checksum.cache_clear()
        assert cache.package_key(b"rules") != before
    finally:
        cache._package_checksum.cache_clear()
