"""A verdict on a scored sheet, only where an organisation's rule exists.

The standard sets no pass mark (para 1 leaves assessment material to employers and
certification bodies), so without an overlay's `assessment:` the verdict is
needs_review, with the figures. With one, the sheet passes when the share demonstrated
reaches `pass_share` overall and, if `every_function`, in every labour function too.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from kzps.assess.score import Score
    from kzps.standard.records import AssessmentRule

Status = Literal["passed", "not_passed", "needs_review"]
#: Shares are compared with this much slack, so that 4 of 5 reaches 0.8.
_SLACK = 1e-9


class Reason(NamedTuple):
    """Why a sheet did not pass, as a message key and its values (said in a language)."""

    key: str
    values: Mapping[str, object] = MappingProxyType({})


class Verdict(NamedTuple):
    """The verdict, the rule it came from (None: no rule), and why it failed."""

    status: Status
    rule: AssessmentRule | None
    reasons: tuple[Reason, ...] = ()


def verdict(scored: Score, rule: AssessmentRule | None) -> Verdict:
    """passed or not_passed under the rule; needs_review when there is none."""
    if rule is None:
        return Verdict("needs_review", None, (Reason("assess.reason.no_rule"),))
    reasons = []
    if scored.total.share + _SLACK < rule.pass_share:
        reasons.append(
            Reason("assess.reason.total", {"share": scored.total.share, "pass": rule.pass_share})
        )
    if rule.every_function:
        reasons.extend(
            Reason(
                "assess.reason.function",
                {"id": f.group.id, "share": f.group.share, "pass": rule.pass_share},
            )
            for f in scored.functions
            if f.group.share + _SLACK < rule.pass_share
        )
    return Verdict("not_passed" if reasons else "passed", rule, tuple(reasons))
