"""A per-user cache of the validated rules: parsing and validating them costs more
than the rest of a `kzps check`, and the file rarely changes.

The key is a hash of the file's bytes and of the versions that shape the models, so
a changed file, kzps or pydantic simply misses. Anything wrong with the cache (no
home, a read-only disk, a damaged entry) is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kzps.models import Rules


def cache_dir() -> Path | None:
    """$KZPS_CACHE_DIR (empty or `off` disables), else the XDG cache directory."""
    configured = os.environ.get("KZPS_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in {"", "off", "0", "no"} else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzps"


def key_of(content: bytes) -> str:
    """The cache key of a standard file's bytes, the models' source and the versions."""
    import pydantic

    from kzps import __version__, models

    digest = hashlib.sha256(content)
    digest.update(Path(models.__file__).read_bytes())
    digest.update(f"kzps {__version__} pydantic {pydantic.VERSION}".encode())
    return digest.hexdigest()[:32]


def load(key: str) -> Rules | None:
    """The cached rules for `key`, or None."""
    from kzps.models import Rules

    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"rules-{key}.pickle").open("rb") as stream:
            rules = pickle.load(stream)  # noqa: S301 - the user's own cache, written below
    except Exception:  # noqa: BLE001 - any damaged or missing entry is a miss
        return None
    if not isinstance(rules, Rules) or set(vars(rules)) != set(Rules.model_fields):
        return None
    return rules


def store(key: str, rules: Rules) -> None:
    """Keep the rules for next time; a failure only means no cache."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".rules-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(rules, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"rules-{key}.pickle")
    except OSError:
        return
