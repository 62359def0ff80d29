"""Memos of bounded size, for the values a long run works out again and again (cells,
situations, sentences): memory stays constant however many rows go by."""

from __future__ import annotations

import itertools
from typing import Any


def remember(memo: dict[Any, Any], key: Any, value: Any, limit: int) -> None:
    """Store in a memo of bounded size: when full, the older half is forgotten.

    Dicts keep insertion order, so the first keys are the oldest; dropping half at a
    time costs O(1) per insertion on average and keeps memory constant.
    """
    if len(memo) >= limit:
        for old in list(itertools.islice(memo, limit // 2)):
            del memo[old]
    memo[key] = value
