"""The candidate file's closed lists are the data's own: fields of study, kinds of
experience, and the totals a staff list may give."""

from __future__ import annotations

import typing

from kzps.decide.candidate import Field, Kind, Totals
from kzps.roster.columns import TOTALS

if typing.TYPE_CHECKING:
    from kzps.standard import Standard


def test_the_fields_are_those_of_the_data(standard: Standard) -> None:
    assert list(typing.get_args(Field)) == [f.key for f in standard.rules.fields]


def test_the_kinds_a_period_may_add_are_the_data_kinds(standard: Standard) -> None:
    assert set(typing.get_args(Kind)) == {k.key for k in standard.rules.experience_kinds}


def test_the_totals_are_one_per_kind(standard: Standard) -> None:
    kinds = {k.key for k in standard.rules.experience_kinds}
    assert set(Totals._fields) == kinds
    assert set(TOTALS.values()) == kinds


def test_the_education_levels_cover_the_roster_words(standard: Standard) -> None:
    from kzps.roster.columns import LEVEL_BY_PREFIX

    words = standard.rules.cell_words
    assert words is not None
    levels = {lv.key for lv in standard.rules.education_levels}
    assert set(words.education_level) == levels
    assert set(LEVEL_BY_PREFIX.values()) <= levels
    assert set(words.education_field) == set(typing.get_args(Field))
    assert set(words.organization) == {s.key for s in standard.rules.significance}
    assert set(words.category) <= {g.category for g in standard.rules.grades}
