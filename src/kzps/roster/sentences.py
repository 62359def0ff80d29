"""Each row's sentence, as `kzps check` opens with it ("Not yet: 4.2 — from 10.03.2027;
3 months 13 days more at 4.1"), in the report's language; worked out once per verdict,
since one verdict serves every row in the same situation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzps.decide.outcome import Status
from kzps.words.explain import say_headline, words_for

if TYPE_CHECKING:
    import datetime as dt

    from kzps.roster.verdict import Verdict
    from kzps.standard.load import Standard


class Sentences:
    """The sentence of a row's verdict in one language, on one as-of day."""

    def __init__(self, standard: Standard, lang: str, as_of: dt.date) -> None:
        self.words = words_for(standard, lang)
        self.lang = lang
        self.as_of = as_of
        self._key = f"summary:{lang}"

    def of(self, verdict: Verdict) -> str:
        """The sentence, or the problems in the report's language for a row with errors."""
        found = verdict.rendered.get(self._key)
        if found is None:
            found = verdict.rendered[self._key] = self._said(verdict)
        return found

    def _said(self, verdict: Verdict) -> str:
        if verdict.problems:
            return "; ".join(self.words.words.problem(p) for p in verdict.problems)
        status = Status(verdict.status) if verdict.status else None
        return say_headline(
            self.words,
            verdict.next_level,
            status,
            verdict.eligible_on,
            verdict.deciding,
            verdict.grade,
            self.as_of,
        )
