"""Each row's sentence, as `kzps check` opens with it ("Not yet: 4.2 — from 10.03.2027;
3 months 13 days more at 4.1"), in the report's language; worked out once per verdict,
since one verdict serves every row in the same situation, from a pattern worked out
once per shape of verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.decide.outcome import Status
from kzps.memo import remember
from kzps.words.explain import fill_headline, headline_pattern, words_for

#: How many sentence patterns are remembered (a few per grade and status).
PATTERN_MEMO = 1 << 12

if TYPE_CHECKING:
    import datetime as dt

    from kzps.roster.verdict import Verdict
    from kzps.standard.load import Standard


class Sentences:
    """The sentence of a row's verdict in one language, on one as-of day. A sentence is
    worked out once per shape of verdict (grade, status, what decides it) as a pattern,
    then said for each day by filling in the date (kzps.words.explain.fill_headline)."""

    def __init__(self, standard: Standard, lang: str, as_of: dt.date) -> None:
        self.words = words_for(standard, lang)
        self.lang = lang
        self.as_of = as_of
        self._key = f"summary:{lang}"
        self._patterns: dict[tuple[object, ...], str] = {}

    def of(self, verdict: Verdict) -> str:
        """The sentence, or the problems in the report's language for a row with errors."""
        found = verdict.rendered(self._key)
        if found is None:
            found = verdict.render(self._key, self.fill(self.pattern(verdict), verdict))
        return found

    def pattern(self, verdict: Verdict) -> str:
        """The sentence with stand-ins for its day (DATE_SLOT) and the time to it."""
        if verdict.problems:
            return "; ".join(self.words.words.problem(p) for p in verdict.problems)
        key = verdict.shape
        found = self._patterns.get(key) if key is not None else None
        if found is None:
            status = Status(verdict.status) if verdict.status else None
            found = headline_pattern(
                self.words,
                verdict.next_level,
                status,
                verdict.eligible_on is not None,
                verdict.deciding,
                verdict.grade,
            )
            if key is not None:
                remember(self._patterns, key, found, PATTERN_MEMO)
        return found

    def fill(self, pattern: str, verdict: Verdict) -> str:
        """A pattern (or text holding one) said for the verdict's day."""
        return fill_headline(self.words, pattern, verdict.eligible_on, self.as_of)
