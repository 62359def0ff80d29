"""Which diploma meets an education requirement, and how (RULES §3). Pure.

A diploma matches by its classifier code (hierarchically, by significant prefix),
by the field of study its code belongs to (cards 12–13), by a field the candidate
states, by an organisation's equivalence, or only probably, through the unofficial
table of predecessor codes. The engine turns each way into a status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kzps.decide.candidate import canonical_level
from kzps.decide.outcome import Finding, Message, Status
from kzps.standard.codes import code_matches, normalize_code

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kzps.decide.candidate import Candidate, Diploma
    from kzps.standard.records import EducationRequirement, Equivalence, Predecessor, Rules

#: How a diploma matched, best first: a code beats a stated field beats a probable code.
PREFERENCE = {"code": 0, "field": 0, "equivalent": 1, "stated": 1, "probable": 2, "none": 3}


class Matcher:
    """Matches diplomas against the education requirements of one set of rules."""

    def __init__(self, rules: Rules, level_rank: dict[str, int]) -> None:
        self.rules = rules
        self.level_rank = level_rank

    def best(
        self, diplomas: Iterable[Diploma], requirement: EducationRequirement
    ) -> tuple[Diploma | None, str]:
        """The best diploma of at least the required level, and how it matched."""
        minimum = self.level_rank[requirement.min_level]
        best: tuple[Diploma | None, str] = (None, "none")
        for diploma in diplomas:
            if self.level_rank[diploma.level] < minimum:
                continue
            how = self.how(diploma, requirement)
            if how is not None and PREFERENCE[how] < PREFERENCE[best[1]]:
                best = (diploma, how)
        return best

    def how(self, diploma: Diploma, requirement: EducationRequirement) -> str | None:
        """'code', 'field', 'stated', 'equivalent' or 'probable'; None when it does not."""
        listed = self.listed(requirement)
        code = diploma.code
        if code and self.in_listed(code, listed):
            return "code" if requirement.codes else "field"
        if requirement.fields and diploma.field in requirement.fields:
            return "stated"
        if code and self.equivalence(code, listed):
            return "equivalent"
        if code and self.predecessor(code, listed):
            return "probable"
        return None

    def via(self, diploma: Diploma, requirement: EducationRequirement) -> str | None:
        """The listed code or prefix a diploma matched (or probably corresponds to)."""
        if not diploma.code:
            return None
        listed = self.listed(requirement)
        code = self.as_bachelor(diploma.code)
        matching = [item for item in listed if code_matches(code, item)]
        if matching:
            return max(matching, key=lambda item: (item == code, len(item.rstrip("0"))))
        equivalence = self.equivalence(diploma.code, listed)
        if equivalence is not None:
            return equivalence.counts_as
        predecessor = self.predecessor(diploma.code, listed)
        return predecessor.corresponds_to if predecessor else None

    def listed(self, requirement: EducationRequirement) -> tuple[str, ...]:
        """The codes a requirement lists, or the prefixes of the fields it names."""
        return requirement.codes or tuple(
            p for f in self.rules.fields if f.key in requirement.fields for p in f.prefixes
        )

    def in_listed(self, code: str, listed: tuple[str, ...]) -> bool:
        """Whether a diploma code falls under one of the listed codes."""
        code = self.as_bachelor(code)
        return any(code_matches(code, item) for item in listed)

    def as_bachelor(self, code: str) -> str:
        """A master's or doctoral code read as its bachelor's direction (RULES §3 Decision)."""
        rule = self.rules.postgraduate
        for prefix in rule.equivalents:
            if code.startswith(prefix):
                return rule.bachelor_prefix + code[len(prefix) :]
        return code

    def equivalence(self, code: str, listed: tuple[str, ...]) -> Equivalence | None:
        """An overlay's reading of this code as one that the requirement lists."""
        normal = normalize_code(code)
        for row in self.rules.equivalences:
            if normal.startswith(row.code) and self.in_listed(row.counts_as, listed):
                return row
        return None

    def predecessor(self, code: str, listed: tuple[str, ...]) -> Predecessor | None:
        """The unofficial predecessor row that maps this code onto a listed one."""
        normal = normalize_code(code)
        for row in self.rules.predecessors:
            if normal.startswith(row.code) and any(
                row.corresponds_to.startswith(item) or item.startswith(row.corresponds_to)
                for item in listed
            ):
                return row
        return None


def education_finding(
    matcher: Matcher, candidate: Candidate, requirement: EducationRequirement
) -> Finding:
    """The education finding: the best diploma for the requirement, and how it matched."""
    diploma, how = matcher.best(candidate.education, requirement)
    status = MATCH_STATUS.get(how, Status.NOT_ELIGIBLE)
    values: dict[str, Any] = {"edu_level": requirement.min_level, "text": requirement.text}
    if requirement.codes:
        required = Message("required.education_codes", values | {"codes": requirement.codes})
    else:
        required = Message("required.education_fields", values | {"fields": requirement.fields})
    source = requirement.source
    if diploma is None:
        actual = Message("actual.education_none", {"diplomas": _diploma_list(matcher, candidate)})
    else:
        via = matcher.via(diploma, requirement)
        if how == "code" and via == matcher.as_bachelor(diploma.code or ""):
            how = "listed"
        if how == "equivalent" and diploma.code:
            row = matcher.equivalence(diploma.code, matcher.listed(requirement))
            source = f"{source}; {row.source}" if row else source
        actual = Message(
            f"actual.education_{how}",
            {
                "edu_level": canonical_level(diploma.level, matcher.rules),
                "code": diploma.code,
                "field": diploma.field,
                "via": via,
            },
        )
    return Finding(
        requirement="education",
        required=required,
        actual=actual,
        met=status is Status.ELIGIBLE,
        status=status,
        source=source,
        relaxed=requirement.relaxed,
    )


def _diploma_list(
    matcher: Matcher, candidate: Candidate
) -> list[tuple[str, str | None, str | None]]:
    return [(canonical_level(d.level, matcher.rules), d.code, d.field) for d in candidate.education]


# -- experience (RULES §4) -------------------------------------------------------


#: What each way of matching a diploma means for the status.
MATCH_STATUS = {
    "code": Status.ELIGIBLE,
    "field": Status.ELIGIBLE,
    "equivalent": Status.ELIGIBLE,
    "stated": Status.ELIGIBLE,
    "probable": Status.NEEDS_REVIEW,
}
