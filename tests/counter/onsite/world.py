"""A small on-site world: a verifier authorised for truck scales, standards, a truck, a ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from counter.admin.rules.roles import Actor
from counter.certificates.registers import (
    AuthorisationForm,
    StandardForm,
    grant_authorisation,
    save_standard,
)
from counter.onsite.jobs import InstrumentDraft, JobForm, create_job
from counter.onsite.schedule import Assignment
from counter.onsite.vehicles import VehicleForm, save_vehicle
from db.models import Instrument, InstrumentType
from tests.conftest import Counter, add_user

TRUCK_SCALE = "电子汽车衡(地磅)"
TODAY = dt.date(2026, 11, 23)


@dataclass
class World:
    c: Counter
    verifier: Actor
    verifier2: Actor
    unauthorised: Actor
    type_id: int
    standard_id: int
    expired_standard_id: int
    vehicle_id: int
    instrument_ids: list[int]

    def job(self, day: dt.date = TODAY, *, n: int = 2, token: str = "") -> int:
        with self.c.db.action() as s:
            form = JobForm(
                customer_id=self.c.customer_id,
                site_address="聊城市东昌府区粮库 1 号",
                requested_date=day,
                description="地磅年检",
                instruments=tuple(
                    InstrumentDraft(instrument_id=i) for i in self.instrument_ids[:n]
                ),
                request_token=token,
            )
            return create_job(s, self.c.clerk, self.c.clock, form).job_id

    def crew(self, day: dt.date = TODAY, **kw: object) -> Assignment:
        values: dict[str, object] = {
            "day": day,
            "crew_ids": (self.verifier.id,),
            "vehicle_id": self.vehicle_id,
            "standard_ids": (self.standard_id,),
        }
        values.update(kw)
        return Assignment(**values)  # type: ignore[arg-type]


def make_world(c: Counter) -> World:
    verifier = add_user(c, "v1", "赵检定", "lab")
    verifier2 = add_user(c, "v2", "钱检定", "lab")
    unauthorised = add_user(c, "v3", "孙检定", "lab")
    with c.db.action() as s:
        type_id = s.scalars(
            select(InstrumentType.id).where(InstrumentType.name == TRUCK_SCALE)
        ).one()
        for v in (verifier, verifier2):
            grant_authorisation(
                s, c.admin, c.clock, AuthorisationForm(v.id, type_id, dt.date(2028, 12, 31))
            )
        good = save_standard(
            s,
            c.admin,
            c.clock,
            StandardForm(
                "STD-W-001",
                "M1 等级砝码（1 t × 20）",
                "1 t",
                "M1",
                "ZJ2026-001",
                dt.date(2027, 6, 30),
            ),
        )
        old = save_standard(
            s,
            c.admin,
            c.clock,
            StandardForm(
                "STD-W-002", "M1 等级砝码（旧）", "1 t", "M1", "ZJ2024-007", dt.date(2026, 11, 1)
            ),
        )
        truck = save_vehicle(s, c.admin, c.clock, VehicleForm("鲁P·J0001", "检衡车", 6))
        ids = []
        for n in range(3):
            row = Instrument(
                customer_id=c.customer_id,
                type_id=type_id,
                serial=f"DB-{n + 1:03d}",
                model="SCS-100",
                manufacturer="梅特勒",
                measuring_range="100 t",
                accuracy_class="Ⅲ",
                use="trade",
                verify_mode="onsite",
                location=f"{n + 1} 号磅房",
                source="manual",
                created_at=c.clock.now(),
            )
            s.add(row)
            s.flush()
            ids.append(row.id)
        return World(c, verifier, verifier2, unauthorised, type_id, good.id, old.id, truck.id, ids)
