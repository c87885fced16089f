"""Certificates: defects found at the final check (by rule, by department), the share
sent back to the lab, and reissues (a certificate that supersedes another)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Table, rate
from counter.statistics.scope import item_conditions
from counter.statistics.sqlbits import bounds
from db.models import Department, Item
from db.models_certificates import CertificateDefect, CertificateRecord, FinalCheckRecord


def _scoped(f: StatFilter, query):  # type: ignore[no-untyped-def]
    return query.join(Item, Item.id == CertificateRecord.item_id).where(*item_conditions(f))


def checks_by_department(session: Session, f: StatFilter) -> list[tuple[str, int, int, int]]:
    """(department, final checks, checks that found blocking defects, sent back)."""
    lo, hi = bounds(f)
    found = case((FinalCheckRecord.blocking_keys != "[]", 1), else_=0)
    back = case((FinalCheckRecord.outcome == "returned", 1), else_=0)
    query = _scoped(
        f,
        select(Department.name, func.count(), func.sum(found), func.sum(back))
        .select_from(FinalCheckRecord)
        .join(CertificateRecord, CertificateRecord.id == FinalCheckRecord.certificate_id),
    )
    query = (
        query.join(Department, Department.id == Item.department_id)
        .where(FinalCheckRecord.at >= lo, FinalCheckRecord.at < hi)
        .group_by(Department.id, Department.name, Department.sort)
        .order_by(Department.sort, Department.name)
    )
    return [(str(d), int(n), int(x), int(b)) for d, n, x, b in session.execute(query)]


def defects_by_rule(session: Session, f: StatFilter) -> tuple[int, list[tuple[str, str, int]]]:
    """(certificates reviewed, [(rule code, severity, certificates where it was found)])."""
    lo, hi = bounds(f)
    reviewed = _scoped(
        f,
        select(func.count(func.distinct(FinalCheckRecord.certificate_id)))
        .select_from(FinalCheckRecord)
        .join(CertificateRecord, CertificateRecord.id == FinalCheckRecord.certificate_id),
    ).where(FinalCheckRecord.at >= lo, FinalCheckRecord.at < hi)
    total = int(session.execute(reviewed).scalar_one())
    found = func.count(func.distinct(CertificateDefect.certificate_id))
    query = _scoped(
        f,
        select(CertificateDefect.code, CertificateDefect.severity, found)
        .select_from(CertificateDefect)
        .join(CertificateRecord, CertificateRecord.id == CertificateDefect.certificate_id),
    ).where(
        CertificateDefect.stage == "review",
        CertificateDefect.checked_at >= lo,
        CertificateDefect.checked_at < hi,
    )
    query = query.group_by(CertificateDefect.code, CertificateDefect.severity).order_by(
        found.desc(), CertificateDefect.code
    )
    return total, [(str(c), str(s), int(n)) for c, s, n in session.execute(query)]


def reissues_by_department(session: Session, f: StatFilter) -> list[tuple[str, int]]:
    lo, hi = bounds(f)
    query = _scoped(f, select(Department.name, func.count()).select_from(CertificateRecord)).join(
        Department, Department.id == Item.department_id
    )
    query = (
        query.where(
            CertificateRecord.supersedes_id.is_not(None),
            CertificateRecord.created_at >= lo,
            CertificateRecord.created_at < hi,
        )
        .group_by(Department.id, Department.name, Department.sort)
        .order_by(Department.sort, Department.name)
    )
    return [(str(d), int(n)) for d, n in session.execute(query)]


def quality_tables(session: Session, f: StatFilter) -> tuple[Table, ...]:
    checks = checks_by_department(session, f)
    by_dept = Table(
        "checks", _("终审（按科室）"),
        (_("科室"), _("终审次数"), _("发现阻断缺陷"), _("缺陷率"), _("退回"), _("退回率")),
        tuple((d, n, x, rate(x, n), b, rate(b, n)) for d, n, x, b in checks),
        rates=frozenset({3, 5}),
    )  # fmt: skip
    reviewed, rules = defects_by_rule(session, f)
    by_rule = Table(
        "defects", _("终审发现的缺陷（按规则）"),
        (_("规则"), _("严重程度"), _("证书数"), _("占终审证书比例")),
        tuple((c, s, n, rate(n, reviewed)) for c, s, n in rules),
        rates=frozenset({3}), note=_("终审证书 {n} 份").format(n=reviewed),
    )  # fmt: skip
    reissues = Table("reissues", _("证书重新签发（按科室）"), (_("科室"), _("份数")),
                     tuple(reissues_by_department(session, f)))  # fmt: skip
    return by_dept, by_rule, reissues
