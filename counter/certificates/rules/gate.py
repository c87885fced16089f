"""Rule 17, the release gate: nothing leaves without a recorded, passed final check.

A certificate may leave when its final check passed, the reviewer did not sign it, and
every blocking defect is either fixed or, where its rule allows, overridden with a
written reason by someone who did not sign it.  The return desk combines this with
"fees settled".
"""

from __future__ import annotations

from collections.abc import Sequence

from counter.certificates.rules.codes import RULES, defect
from counter.certificates.rules.defects import Defect, Text
from counter.certificates.rules.model import Certificate


def _overridable(key: str) -> bool:
    rule = RULES.get(key.split("@", 1)[0])
    return rule is not None and rule.overridable


def release_defects(cert: Certificate, defects: Sequence[Defect] | None = None) -> list[Defect]:
    """What stops `cert` from leaving; empty when it may be released.

    `defects` is the current result of `check_certificate` (pass it when the data may have
    changed since the review); without it the blocking defects recorded at the final
    check are used.
    """
    check = cert.final_check
    if check is None:
        return [defect("C17-NOT-REVIEWED", "证书未经最终审核，不能放行", "final_check")]
    out: list[Defect] = []
    if not check.passed:
        out.append(
            defect(
                "C17-REVIEW-NOT-PASSED",
                "最终审核未通过（{reviewer}，{at}）：{comment}",
                "final_check",
                reviewer=check.reviewer,
                at=f"{check.checked_at:%Y-%m-%d %H:%M}",
                comment=check.comment.strip() or "—",
            )
        )
    signers = {p.strip() for _, p in cert.signatories if p.strip()}
    if check.reviewer in signers:
        out.append(
            defect(
                "C17-REVIEWER-SIGNED",
                "审核人 {reviewer} 在本证书上签了字，不能审核自己签的证书",
                "final_check",
                reviewer=check.reviewer,
            )
        )
    overridden = {
        o.key for o in check.overrides if o.reason.strip() and o.by.strip() not in signers
    }
    if defects is None:
        open_items = [(key, Text(key, key), _overridable(key)) for key in check.blocking]
    else:
        open_items = [
            (d.key, Text(d.message_zh, d.message_en), d.overridable) for d in defects if d.blocking
        ]
    for key, what, overridable in open_items:
        if not overridable:
            out.append(
                defect(
                    "C17-DEFECT-OPEN",
                    "阻断性问题不允许放行，必须改正：{what}",
                    key,
                    what=what,
                )
            )
        elif key not in overridden:
            out.append(
                defect(
                    "C17-DEFECT-OPEN",
                    "阻断性问题未改正，也没有书面放行理由：{what}",
                    key,
                    what=what,
                )
            )
    return out


def may_release(
    cert: Certificate, defects: Sequence[Defect] | None = None
) -> tuple[bool, list[str]]:
    """(may leave, the reasons it may not — in the current language)."""
    problems = release_defects(cert, defects)
    return not problems, [p.message for p in problems]
