"""The certificate half of the release gate: may this item's certificate leave the house?

An item may leave only when its current certificate passed the final check and no
blocking defect is open (rule 17, `counter.certificates.rules.release_defects`).  The
answer comes with the reason in words a clerk can say to the customer.  The return
desk asks for many items at once: `certificate_release_status` answers them all
with a handful of queries.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from counter.certificates.rules import Defect, FinalCheck, Override, release_defects
from counter.certificates.store import LIVE, CertStatus, certificate_of, defect_of
from counter.i18n import _
from db.models import User
from db.models_certificates import (
    CertificateDefect,
    CertificateRecord,
    DefectOverride,
    FinalCheckRecord,
)


def defect_words(defect: Defect) -> str:
    """A defect as the return desk names it: "[code] message"."""
    return f"[{defect.code}] {defect.message}"


def _words(problems: Sequence[Defect], found: Sequence[Defect]) -> str:
    codes = [p.code for p in problems]
    out: list[str] = []
    if "C17-NOT-REVIEWED" in codes or "C17-REVIEW-NOT-PASSED" in codes:
        out.append(_("证书尚未终审"))
    if "C17-REVIEWER-SIGNED" in codes:
        out.append(_("证书由签字人本人终审，须另请他人终审"))
    by_key = {d.key: d for d in found}
    still = [p for p in problems if p.code == "C17-DEFECT-OPEN"]
    if still:
        named = "；".join(
            defect_words(by_key[p.field]) if p.field in by_key else p.message for p in still
        )
        out.append(
            _("证书有 {n} 项阻断性缺陷未处理：{defects}").format(n=len(still), defects=named)
        )
    return "；".join(out)


def _not_reviewed(found: Sequence[Defect]) -> str:
    """Why a certificate that has not passed may not leave, with the defects it has now."""
    blocking = [defect_words(d) for d in found if d.blocking]
    if not blocking:
        return _("证书尚未终审")
    return _("证书尚未终审，有 {n} 项阻断性缺陷：{defects}").format(
        n=len(blocking), defects="；".join(blocking)
    )


def _final_checks(session: Session, rows: Sequence[CertificateRecord]) -> dict[int, FinalCheck]:
    """The latest final check of each certificate's current revision, with its overrides."""
    keys = [(r.id, r.revision) for r in rows]
    if not keys:
        return {}
    found: dict[int, tuple[FinalCheckRecord, str]] = {}
    query = (
        select(FinalCheckRecord, User.username)
        .join(User, User.id == FinalCheckRecord.reviewer_id)
        .where(tuple_(FinalCheckRecord.certificate_id, FinalCheckRecord.revision).in_(keys))
        .order_by(FinalCheckRecord.id)
    )
    for check, reviewer in session.execute(query):
        found[check.certificate_id] = (check, reviewer)  # the last one wins
    overrides: dict[int, list[Override]] = {}
    query_o = (
        select(DefectOverride, User.username)
        .join(User, User.id == DefectOverride.by_id)
        .where(DefectOverride.final_check_id.in_([c.id for c, _r in found.values()]))
        .order_by(DefectOverride.id)
    )
    for o, by in session.execute(query_o):
        overrides.setdefault(o.final_check_id or 0, []).append(
            Override(o.defect_key, o.reason, by, o.at)
        )
    return {
        cid: FinalCheck(reviewer, check.at, check.outcome == "passed", check.comment,
                        tuple(json.loads(check.blocking_keys)),
                        tuple(overrides.get(check.id, ())))
        for cid, (check, reviewer) in found.items()
    }  # fmt: skip


def _defects(session: Session, rows: Sequence[CertificateRecord]) -> dict[int, list[Defect]]:
    keys = [(r.id, r.check_seq) for r in rows]
    out: dict[int, list[Defect]] = {r.id: [] for r in rows}
    if keys:
        query = (
            select(CertificateDefect)
            .where(tuple_(CertificateDefect.certificate_id, CertificateDefect.check_seq).in_(keys))
            .order_by(CertificateDefect.id)
        )
        for d in session.scalars(query):
            out[d.certificate_id].append(defect_of(d))
    return out


def certificate_release_status(
    session: Session, item_ids: Iterable[int]
) -> dict[int, tuple[bool, str]]:
    """For each item: (its certificate lets it leave, why not — "" when it does)."""
    ids = list(dict.fromkeys(item_ids))
    current: dict[int, CertificateRecord] = {}
    if ids:
        query = (
            select(CertificateRecord)
            .where(CertificateRecord.item_id.in_(ids), CertificateRecord.status.in_(list(LIVE)))
            .order_by(CertificateRecord.id)
        )
        for found in session.scalars(query):
            current[found.item_id] = found  # the newest live one
    passed = [r for r in current.values() if r.status == CertStatus.PASSED]
    checks, defects = _final_checks(session, passed), _defects(session, list(current.values()))
    out: dict[int, tuple[bool, str]] = {}
    for item_id in ids:
        row = current.get(item_id)
        if row is None:
            out[item_id] = (False, _("尚无证书"))
        elif row.status != CertStatus.PASSED:
            out[item_id] = (False, _not_reviewed(defects[row.id]))
        else:
            cert = dataclasses.replace(certificate_of(row), final_check=checks.get(row.id))
            problems = release_defects(cert, defects[row.id])
            out[item_id] = (not problems, _words(problems, defects[row.id]))
    return out


def certificate_release_ok(session: Session, item_id: int) -> tuple[bool, str]:
    """Whether the item's certificate lets it leave; if not, why, in words a clerk can say."""
    return certificate_release_status(session, [item_id])[item_id]
