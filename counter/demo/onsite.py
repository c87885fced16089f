"""The demo's on-site work: two vehicles, a job asked for by phone and one scheduled.

So that the 上门检定 screen has work on the first morning: the grain store's truck
scale waits for a crew (requested), the market's scales are booked for the next
working day with a verifier and the test-weight truck.  Everything goes through the
on-site actions; a job the checks refuse (say, a verifier not authorised for the
type) is left requested, as a clerk would find it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.clock import Clock, local_date
from counter.errors import CounterError
from counter.intake.catalog import list_types
from counter.onsite.jobs import InstrumentDraft, JobForm, create_job
from counter.onsite.schedule import Assignment, schedule_job
from counter.onsite.vehicles import VehicleForm, save_vehicle

VEHICLES = (
    VehicleForm("鲁P·J0001", "检衡车", capacity_per_day=6, note="载 20 t 砝码，随车吊"),
    VehicleForm("鲁P·G0002", "工具车", capacity_per_day=10),
)


def _next_working_day(today: dt.date) -> dt.date:
    day = today + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def seed_onsite(
    session: Session,
    admin: Actor,
    clerk: Actor,
    clock: Clock,
    customers: Sequence[int],
    verifier: Actor,
) -> None:
    vehicles = [save_vehicle(session, admin, clock, form).id for form in VEHICLES]
    types = {t.name: t.id for t in list_types(session)}
    scale = types["电子计价秤"]
    today = local_date(clock.now())
    grain, market = customers[6], customers[4]
    create_job(
        session, clerk, clock,
        JobForm(grain, "示例市粮库路 2 号（地磅房）", today,
                description="地磅显示闪烁，十几辆粮车在等", contact_name="赵磊",
                contact_phone="05358886666", urgent=True,
                instruments=(InstrumentDraft(type_id=scale, serial="DB-01", location="地磅房"),)),
    )  # fmt: skip
    day = _next_working_day(today)
    booked = create_job(
        session, clerk, clock,
        JobForm(market, "示例市东关农贸市场（各摊位）", day, description="市场内电子计价秤",
                contact_name="陈静",
                instruments=tuple(InstrumentDraft(type_id=scale, serial=f"DG-1{n}",
                                                  location=f"{n} 号摊位") for n in range(1, 4))),
    )  # fmt: skip
    try:
        with session.begin_nested():
            schedule_job(
                session, clerk, clock, booked.job_id, Assignment(day, (verifier.id,), vehicles[0])
            )
    except CounterError:
        pass  # left requested: the clerk sees why when scheduling it
