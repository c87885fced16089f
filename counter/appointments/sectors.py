"""Sectors and the appointment catalogue (《强检计量器具检定预约目录》), kept by the administrator.

The 12 everyday sectors ship as starter data (`seed_sectors`); their names are what a
customer's file holds in `Customer.sector`.  A catalogue line says that a sector books an
instrument type with a department, in which time segments, and whom to call.  Nothing
is deleted: a sector or a line is switched off.  Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Department, InstrumentType
from db.models_appointments import Sector, SectorCatalogueEntry

# (code, name as in Customer.sector, English name)
STARTER_SECTORS: tuple[tuple[str, str, str], ...] = (
    ("medical", "医疗机构", "Medical units"),
    ("optical", "眼镜店", "Optical shops"),
    ("fuel", "加油站", "Fuel stations"),
    ("grain", "粮食收购", "Grain purchase stations"),
    ("market", "集贸市场", "Markets"),
    ("retail", "商场超市", "Shops and supermarkets"),
    ("taxi", "出租汽车", "Taxis"),
    ("gas", "燃气供应", "Gas supply"),
    ("water", "供水", "Water supply"),
    ("industry", "工业企业", "Industrial enterprises"),
    ("testing", "检测机构", "Testing bodies"),
    ("other", "其他", "Other"),
)


@dataclass(frozen=True)
class SectorRow:
    id: int
    code: str
    name: str
    name_en: str
    note: str
    active: bool


@dataclass(frozen=True)
class CatalogueLine:
    """One line of the appointment catalogue, as shown and printed."""

    id: int
    sector_id: int
    sector: str
    type_id: int
    type_name: str
    department_id: int
    department: str
    time_segments: str
    contact_name: str
    phone: str
    note: str
    active: bool


@dataclass(frozen=True)
class CatalogueForm:
    sector_id: int
    type_id: int
    department_id: int
    time_segments: str = ""
    contact_name: str = ""
    phone: str = ""
    note: str = ""
    active: bool = True


def seed_sectors(session: Session) -> int:
    """Add the missing starter sectors; return how many were added."""
    existing = set(session.scalars(select(Sector.code)))
    names = set(session.scalars(select(Sector.name)))
    added = 0
    for sort, (code, name, name_en) in enumerate(STARTER_SECTORS):
        if code in existing or name in names:
            continue
        session.add(Sector(code=code, name=name, name_en=name_en, sort=sort, note="", active=True))
        added += 1
    session.flush()
    return added


def list_sectors(session: Session, *, active_only: bool = False) -> list[SectorRow]:
    query = select(Sector).order_by(Sector.sort, Sector.id)
    if active_only:
        query = query.where(Sector.active)
    return [
        SectorRow(s.id, s.code, s.name, s.name_en, s.note, s.active) for s in session.scalars(query)
    ]


def save_sector(
    session: Session,
    actor: Actor,
    clock: Clock,
    *,
    sector_id: int | None,
    code: str,
    name: str,
    name_en: str = "",
    note: str = "",
    active: bool = True,
) -> int:
    """Add a sector (sector_id None) or change one; returns its id."""
    require(session, actor, Perm.ADMIN)
    code, name = code.strip(), name.strip()
    problems = []
    if not code:
        problems.append(_("行业代码不能为空"))
    if not name:
        problems.append(_("行业名称不能为空"))
    for column, value, what in (
        (Sector.code, code, _("行业代码")),
        (Sector.name, name, _("行业名称")),
    ):
        other = session.scalar(select(Sector.id).where(column == value))
        if value and other is not None and other != sector_id:
            problems.append(_("{what}“{value}”已存在").format(what=what, value=value))
    if problems:
        raise ValidationError(problems)
    row = Sector(sort=100) if sector_id is None else session.get(Sector, sector_id)
    if row is None:
        raise NotFound(_("行业不存在"))
    before = {"code": row.code, "name": row.name, "name_en": row.name_en, "active": row.active}
    after = {"code": code, "name": name, "name_en": name_en.strip(), "active": active}
    row.code, row.name, row.name_en, row.note, row.active = (
        code,
        name,
        name_en.strip(),
        note.strip(),
        active,
    )
    if sector_id is None:
        session.add(row)
    session.flush()
    old, new = changes(before, after) if sector_id is not None else ({}, after)
    record(session, actor, clock, "sector.save", "sector", code, before=old, after=new)
    return row.id


def catalogue(session: Session, *, active_only: bool = False) -> list[CatalogueLine]:
    """The appointment catalogue, by sector then department then type."""
    query = (
        select(SectorCatalogueEntry, Sector, InstrumentType, Department)
        .join(Sector, Sector.id == SectorCatalogueEntry.sector_id)
        .join(InstrumentType, InstrumentType.id == SectorCatalogueEntry.type_id)
        .join(Department, Department.id == SectorCatalogueEntry.department_id)
        .order_by(Sector.sort, Sector.id, Department.sort, InstrumentType.name)
    )
    if active_only:
        query = query.where(SectorCatalogueEntry.active, Sector.active)
    return [
        CatalogueLine(
            e.id,
            s.id,
            s.name,
            t.id,
            t.name,
            d.id,
            d.name,
            e.time_segments,
            e.contact_name,
            e.phone,
            e.note,
            e.active,
        )
        for e, s, t, d in session.execute(query)
    ]


def save_catalogue_line(
    session: Session, actor: Actor, clock: Clock, form: CatalogueForm, line_id: int | None = None
) -> int:
    """Add a catalogue line or change one (a sector books a type once); returns its id."""
    require(session, actor, Perm.ADMIN)
    problems = []
    if session.get(Sector, form.sector_id) is None:
        problems.append(_("行业不存在"))
    if session.get(InstrumentType, form.type_id) is None:
        problems.append(_("器具类型不存在"))
    if session.get(Department, form.department_id) is None:
        problems.append(_("科室不存在"))
    other = session.scalar(
        select(SectorCatalogueEntry.id).where(
            SectorCatalogueEntry.sector_id == form.sector_id,
            SectorCatalogueEntry.type_id == form.type_id,
        )
    )
    if other is not None and other != line_id:
        problems.append(_("该行业已有此器具类型的预约目录"))
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    row = (
        SectorCatalogueEntry(sector_id=form.sector_id, type_id=form.type_id, updated_at=now)
        if line_id is None
        else session.get(SectorCatalogueEntry, line_id)
    )
    if row is None:
        raise NotFound(_("预约目录条目不存在"))
    values = {
        "sector_id": form.sector_id,
        "type_id": form.type_id,
        "department_id": form.department_id,
        "time_segments": form.time_segments.strip(),
        "contact_name": form.contact_name.strip(),
        "phone": form.phone.strip(),
        "note": form.note.strip(),
        "active": form.active,
    }
    before = {k: getattr(row, k) for k in values} if line_id is not None else {}
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at, row.updated_by_id = now, actor.id
    if line_id is None:
        session.add(row)
    session.flush()
    old, new = changes(before, values) if line_id is not None else ({}, values)
    record(
        session,
        actor,
        clock,
        "sector.catalogue",
        "sector_catalogue",
        str(row.id),
        before=old,
        after=new,
    )
    return row.id


def departments_doing(session: Session, type_id: int) -> set[int]:
    """The departments that take `type_id`: its catalogue department and any catalogue line's."""
    own = session.scalar(select(InstrumentType.department_id).where(InstrumentType.id == type_id))
    lines = session.scalars(
        select(SectorCatalogueEntry.department_id).where(
            SectorCatalogueEntry.type_id == type_id, SectorCatalogueEntry.active
        )
    )
    return ({own} if own is not None else set()) | set(lines)
