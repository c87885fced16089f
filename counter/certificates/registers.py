"""The registers certificates are checked against: regulations, standards, authorisations.

Administrators keep the standards register and the signing authorisations (every
change audited); nothing is deleted — a standard taken out of use is deactivated,
an authorisation revoked, each with a reason.  The regulations register starts
from the regulation codes the catalogue names (`seed_registers`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.certificates.regulations import shipped_regulations
from counter.certificates.rules import SignRole
from counter.certificates.rules.samples import REGULATIONS as KNOWN_REGULATIONS
from counter.certificates.rules.values import norm_regulation
from counter.clock import Clock
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from db.models import InstrumentType, User
from db.models_certificates import RegulationEntry, SignAuthorisation, StandardEntry


def seed_registers(session: Session) -> int:
    """Add every regulation the catalogue names, and every one of the shipped starter data
    (`counter.certificates.regulations.shipped_regulations`), that the register lacks;
    return how many.

    Titles and dates come from the known regulations where the code matches.
    """
    known = {norm_regulation(r.code): r for r in (*KNOWN_REGULATIONS, *shipped_regulations())}
    have = {norm_regulation(code) for code in session.scalars(select(RegulationEntry.code))}
    added = 0
    for code in sorted(set(session.scalars(select(InstrumentType.regulation)))):
        key = norm_regulation(code)
        if not code.strip() or key in have:
            continue
        info = known.get(key)
        session.add(
            RegulationEntry(
                code=code.strip(),
                title=info.title if info else "",
                effective=info.effective if info else None,
                superseded_on=info.superseded_on if info else None,
                superseded_by=info.superseded_by if info else "",
            )
        )
        have.add(key)
        added += 1
    for reg in shipped_regulations():  # the known replacements shipped as starter data
        if norm_regulation(reg.code) in have:
            continue
        session.add(RegulationEntry(code=reg.code, title=reg.title, effective=reg.effective,
                                    superseded_on=reg.superseded_on,
                                    superseded_by=reg.superseded_by))  # fmt: skip
        have.add(norm_regulation(reg.code))
        added += 1
    session.flush()
    return added


# --- standards ------------------------------------------------------------------


@dataclass(frozen=True)
class StandardForm:
    ref: str
    name: str
    measuring_range: str = ""
    accuracy: str = ""
    certificate_number: str = ""
    valid_until: dt.date | None = None


_STANDARD_LIMITS = {"ref": 32, "name": 128, "measuring_range": 128, "accuracy": 128,
                    "certificate_number": 64}  # fmt: skip


def standard_field_label(name: str) -> str:
    return {
        "ref": _("标准编号"),
        "name": _("标准名称"),
        "measuring_range": _("测量范围"),
        "accuracy": _("不确定度/准确度等级/最大允许误差"),
        "certificate_number": _("证书编号"),
        "valid_until": _("有效期至"),
    }.get(name, name)


def standard_form_of(row: StandardEntry) -> StandardForm:
    return StandardForm(**{f.name: getattr(row, f.name) for f in dataclasses.fields(StandardForm)})


def _standard_problems(session: Session, form: StandardForm, standard_id: int | None) -> list[str]:
    problems = []
    if not form.ref.strip():
        problems.append(_("标准编号不能为空"))
    if not form.name.strip():
        problems.append(_("标准名称不能为空"))
    if not form.certificate_number.strip():
        problems.append(_("请填写计量标准的证书编号"))
    if form.valid_until is None:
        problems.append(_("请填写计量标准的有效期"))
    for name, limit in _STANDARD_LIMITS.items():
        if len(str(getattr(form, name)).strip()) > limit:
            problems.append(
                _("“{field}”过长（最多 {n} 个字符）").format(
                    field=standard_field_label(name), n=limit
                )
            )
    clash = session.scalar(select(StandardEntry.id).where(StandardEntry.ref == form.ref.strip()))
    if clash is not None and clash != standard_id:
        problems.append(_("标准编号 {ref} 已存在").format(ref=form.ref.strip()))
    return problems


def save_standard(
    session: Session, actor: Actor, clock: Clock, form: StandardForm, standard_id: int | None = None
) -> StandardEntry:
    """Create (no id) or change a standard of the register."""
    require(session, actor, Perm.ADMIN)
    problems = _standard_problems(session, form, standard_id)
    if problems:
        raise ValidationError(problems)
    values = {
        k: v.strip() if isinstance(v, str) else v for k, v in dataclasses.asdict(form).items()
    }
    now = clock.now()
    if standard_id is None:
        row = StandardEntry(**values, active=True, created_at=now, updated_at=now)
        session.add(row)
        record(session, actor, clock, "standard.create", "standard", row.ref, after=values)
    else:
        row = _standard(session, standard_id)
        before, after = changes(dataclasses.asdict(standard_form_of(row)), values)
        if not after:
            return row
        for key, value in after.items():
            setattr(row, key, value)
        row.updated_at = now
        record(session, actor, clock, "standard.update", "standard", row.ref,
               before=before, after=after)  # fmt: skip
    session.flush()
    return row


def _standard(session: Session, standard_id: int) -> StandardEntry:
    row = session.get(StandardEntry, standard_id)
    if row is None:
        raise NotFound(_("计量标准不存在"))
    return row


def set_standard_active(
    session: Session, actor: Actor, clock: Clock, standard_id: int, active: bool, reason: str = ""
) -> StandardEntry:
    """Take a standard out of use (a reason is required) or back into use."""
    require(session, actor, Perm.ADMIN)
    row = _standard(session, standard_id)
    if not active and not reason.strip():
        raise ValidationError([_("停用计量标准需要填写原因")])
    if row.active == active:
        return row
    row.active, row.inactive_reason, row.updated_at = active, reason.strip(), clock.now()
    action = "standard.activate" if active else "standard.deactivate"
    record(session, actor, clock, action, "standard", row.ref, reason=reason.strip())
    session.flush()
    return row


# --- authorisations -------------------------------------------------------------


@dataclass(frozen=True)
class AuthorisationForm:
    user_id: int
    type_id: int
    valid_until: dt.date
    role: str = ""  # "" = any; else a `SignRole` value
    certificate_no: str = ""


def grant_authorisation(
    session: Session, actor: Actor, clock: Clock, form: AuthorisationForm
) -> SignAuthorisation:
    """Authorise a person to sign certificates of an instrument type until a date."""
    require(session, actor, Perm.ADMIN)
    problems = []
    user = session.get(User, form.user_id)
    kind = session.get(InstrumentType, form.type_id)
    if user is None or not user.active:
        problems.append(_("人员不存在或已停用"))
    if kind is None:
        problems.append(_("器具名称不在目录中，请从目录中选择"))
    if form.role and form.role not in {r.value for r in SignRole}:
        problems.append(_("签字角色无效"))
    if len(form.certificate_no.strip()) > 64:
        problems.append(_("证号过长（最多 64 个字符）"))
    if problems:
        raise ValidationError(problems)
    assert user is not None and kind is not None
    now = clock.now()
    row = SignAuthorisation(
        user_id=user.id, type_id=kind.id, role=form.role,
        certificate_no=form.certificate_no.strip(), valid_until=form.valid_until, active=True,
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(row)
    session.flush()
    record(session, actor, clock, "authorisation.grant", "authorisation", str(row.id),
           after={"user": user.username, "type": kind.name, "role": form.role,
                  "valid_until": form.valid_until.isoformat()})  # fmt: skip
    return row


def revoke_authorisation(
    session: Session, actor: Actor, clock: Clock, authorisation_id: int, reason: str
) -> SignAuthorisation:
    require(session, actor, Perm.ADMIN)
    row = session.get(SignAuthorisation, authorisation_id)
    if row is None:
        raise NotFound(_("授权不存在"))
    if not reason.strip():
        raise ValidationError([_("撤销授权需要填写原因")])
    if not row.active:
        raise CounterError(_("该授权已撤销"))
    row.active, row.revoked_reason, row.updated_at = False, reason.strip(), clock.now()
    record(session, actor, clock, "authorisation.revoke", "authorisation", str(row.id),
           before={"user_id": row.user_id, "type_id": row.type_id},
           reason=reason.strip())  # fmt: skip
    session.flush()
    return row
