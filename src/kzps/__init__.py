"""kzps — qualification checks against the professional standard K65301002.

from kzps import load_standard, check
result = check(load_standard(), {"education": [{"level": "tvet", "code": "0519023"}]})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kzps.version import __version__

if TYPE_CHECKING:
    from kzps.api import check, parse_candidate, read_candidate
    from kzps.standard import load_standard

__all__ = ["__version__", "check", "load_standard", "parse_candidate", "read_candidate"]


def __getattr__(name: str) -> Any:
    """Import the API on first use, so that `kzps --help` stays fast."""
    if name in {"check", "parse_candidate", "read_candidate", "load_standard"}:
        from kzps import api

        return getattr(api, name)
    raise AttributeError(name)
