"""A per-user cache of what is slow to make and rarely changes: the validated rules,
the candidate file's validator and the message catalogs.

The key is a checksum of the file's bytes, of every file of the installed package and
of pydantic-core's version, so a changed file, kzps or pydantic simply misses (CRC-32:
the cache guards against change, not against an adversary, and loading OpenSSL for a
hash would cost more than the check).
Anything wrong with the cache (no home, a read-only disk, a damaged entry) is a
miss, never an error.
"""

from __future__ import annotations

import functools
import os
import pickle
import zlib
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    """$KZPS_CACHE_DIR (empty or `off` disables), else the XDG cache directory."""
    configured = os.environ.get("KZPS_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in {"", "off", "0", "no"} else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzps"


def package_key(content: bytes = b"") -> str | None:
    """The cache key of `content` together with every file of the installed package
    (its code, messages and data) and pydantic-core's version; None (no cache) when
    any of it cannot be read."""
    try:
        return f"{zlib.crc32(content):08x}{len(content):x}-{_package_checksum():08x}"
    except Exception:  # noqa: BLE001 - a cache problem is never an error, only a miss
        return None


@functools.cache
def _package_checksum() -> int:
    """A checksum of the installed package: of its RECORD, where pip wrote one (it holds
    the hash of every file, so one small read stands for them all), else of every file
    (a checkout, an editable install)."""
    from kzps.version import __version__

    package = Path(__file__).resolve().parents[1]
    checksum = zlib.crc32(_core_version().encode())
    record = package.parent / f"kzps-{__version__}.dist-info" / "RECORD"
    if record.is_file():
        return zlib.crc32(record.read_bytes(), checksum)
    for file in sorted(_package_files(package)):
        checksum = zlib.crc32(str(file.relative_to(package)).encode(), checksum)
        checksum = zlib.crc32(file.read_bytes(), checksum)
    return checksum


def _core_version() -> str:
    """pydantic-core's version (the pickled validators depend on it): read from the name
    of its distribution's metadata folder where pip installed one, since importing it
    costs more than all the rest of a cached run's start."""
    import importlib.util

    spec = importlib.util.find_spec("pydantic_core")
    if spec is not None and spec.origin is not None:
        found = list(Path(spec.origin).parents[1].glob("pydantic_core-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("pydantic_core-").removesuffix(".dist-info")
    from pydantic_core import __version__

    return __version__


def _package_files(folder: Path) -> list[Path]:
    """Every file of the package but compiled caches (they change with no change)."""
    found: list[Path] = []
    for entry in os.scandir(folder):
        if entry.is_dir():
            if entry.name != "__pycache__":
                found += _package_files(Path(entry.path))
        elif not entry.name.endswith(".tmp"):
            found.append(Path(entry.path))
    return found


def load(name: str, key: str, kind: type[T]) -> T | None:
    """The cached `name` for `key` if it is a `kind`, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{name}-{key}.pickle").open("rb") as stream:
            value = pickle.load(stream)  # noqa: S301 - the user's own cache, written below
    except Exception:  # noqa: BLE001 - any damaged or missing entry is a miss
        return None
    return value if isinstance(value, kind) else None


def store(name: str, key: str, value: object) -> None:
    """Keep `value` for next time; a failure only means no cache."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{name}-{key}.pickle")
        for stale in folder.glob(f"{name}-*.pickle"):  # entries of older files or versions
            if stale.name != f"{name}-{key}.pickle":
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return
