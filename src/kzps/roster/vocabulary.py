"""What HR writes in a staff list's cells, read as the standard's keys: the `cell_words`
of data/cards.yaml ("среднее специальное" → tvet, "столица" → oblast, "вторая категория"
→ category II). A cell is read by the longest word it starts with, case and ё/е aside."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kzps.standard.records import CellWords


class Vocabulary:
    """The cell words of one standard, longest first, by column."""

    def __init__(self, words: CellWords | None) -> None:
        self._words: dict[str, list[tuple[str, str]]] = {}
        if words is None:
            return
        for column in ("education_level", "education_field", "organization", "category"):
            pairs = [
                (_folded(word), key)
                for key, said in getattr(words, column).items()
                for word in said
            ]
            self._words[column] = sorted(pairs, key=lambda pair: -len(pair[0]))

    def key(self, column: str, text: str) -> str | None:
        """The key a cell's text stands for, or None when no word fits it."""
        folded = _folded(text)
        for word, key in self._words.get(column, ()):
            if folded.startswith(word):
                return key
        return None


def _folded(text: str) -> str:
    return text.strip().casefold().replace("ё", "е")
