"""What a report says besides its rows: what the list was checked against, and the
sentences and counts the people's reports (Excel, HTML) show."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

    from kzps.roster.sentences import Sentences
    from kzps.roster.tally import Tally
    from kzps.standard.load import Standard


class About(NamedTuple):
    """What the report says of itself on its About sheet."""

    standard: Standard
    as_of: dt.date
    roster: str
    version: str


class Context(NamedTuple):
    """What a report says besides the rows: the sentences in the report's language and,
    for the people's workbook and page, the counts and what the list was checked against."""

    sentences: Sentences
    tally: Tally
    about: About
