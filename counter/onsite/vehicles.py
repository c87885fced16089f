"""The institute's vehicles for on-site work (检衡车 and others): kept by administrators.

Nothing is deleted: a vehicle is taken out of use with a reason in its note.
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
from db.models_onsite import Vehicle


@dataclass(frozen=True)
class VehicleForm:
    plate: str
    kind: str = ""
    capacity_per_day: int = 8
    active: bool = True
    note: str = ""


def _problems(session: Session, form: VehicleForm, vehicle_id: int | None) -> list[str]:
    problems = []
    plate = form.plate.strip().upper()
    if not plate:
        problems.append(_("请填写车牌号"))
    elif len(plate) > 16:
        problems.append(_("车牌号过长（最多 16 个字符）"))
    if len(form.kind.strip()) > 32:
        problems.append(_("车辆类型过长（最多 32 个字符）"))
    if not 1 <= form.capacity_per_day <= 1000:
        problems.append(_("每日可检器具数应在 1 到 1000 之间"))
    clash = session.scalar(select(Vehicle.id).where(Vehicle.plate == plate))
    if clash is not None and clash != vehicle_id:
        problems.append(_("车牌号 {plate} 已存在").format(plate=plate))
    return problems


def save_vehicle(
    session: Session, actor: Actor, clock: Clock, form: VehicleForm, vehicle_id: int | None = None
) -> Vehicle:
    """Add (no id) or change a vehicle."""
    require(session, actor, Perm.ADMIN)
    problems = _problems(session, form, vehicle_id)
    if problems:
        raise ValidationError(problems)
    values = {
        "plate": form.plate.strip().upper(),
        "kind": form.kind.strip(),
        "capacity_per_day": form.capacity_per_day,
        "active": form.active,
        "note": form.note.strip(),
    }
    if vehicle_id is None:
        row = Vehicle(**values, created_at=clock.now())
        session.add(row)
        session.flush()
        record(session, actor, clock, "vehicle.create", "vehicle", row.plate, after=values)
        return row
    found = session.get(Vehicle, vehicle_id)
    if found is None:
        raise NotFound(_("车辆不存在"))
    row = found
    old = {k: getattr(row, k) for k in values}
    before, after = changes(old, values)
    for key, value in after.items():
        setattr(row, key, value)
    session.flush()
    if after:
        record(
            session,
            actor,
            clock,
            "vehicle.update",
            "vehicle",
            row.plate,
            before=before,
            after=after,
        )
    return row


def list_vehicles(session: Session, *, active_only: bool = False) -> list[VehicleForm]:
    query = select(Vehicle).order_by(Vehicle.plate)
    if active_only:
        query = query.where(Vehicle.active.is_(True))
    return [
        VehicleForm(v.plate, v.kind, v.capacity_per_day, v.active, v.note)
        for v in session.scalars(query)
    ]


def vehicle_ids(session: Session) -> dict[str, int]:
    """Plate → id."""
    return {plate: vid for vid, plate in session.execute(select(Vehicle.id, Vehicle.plate))}
