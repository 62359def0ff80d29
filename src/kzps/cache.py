"""A per-user cache of what is slow to make and rarely changes: the validated rules,
and the candidate file's validator.

The key is a checksum of the file's bytes, of the source of the modules that shape
the cached thing and of the versions, so a changed file, kzps or pydantic simply
misses (CRC-32 and lengths: the cache guards against change, not against an
adversary, and loading OpenSSL for a hash would cost more than the check).
Anything wrong with the cache (no home, a read-only disk, a damaged entry) is a
miss, never an error.
"""

from __future__ import annotations

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


def key_of(content: bytes, *modules: str, validated: bool = True) -> str:
    """The cache key of some bytes, the source of kzps `modules` and the versions
    (pydantic-core's too when pydantic `validated` what is cached)."""
    from kzps import __version__

    versions = f"kzps {__version__}"
    if validated:
        from pydantic_core import __version__ as core_version

        versions += f" pydantic-core {core_version}"
    parts = [content, versions.encode()]
    parts += [Path(__file__).with_name(f"{module}.py").read_bytes() for module in modules]
    return "-".join(f"{zlib.crc32(part):08x}{len(part):x}" for part in parts)


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
