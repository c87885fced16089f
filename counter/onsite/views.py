"""Reading on-site work: the jobs list, one job in full, and the week of resources.

Read-only; no permission beyond being logged in (the screens decide what they offer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.clock import CHINA_TZ
from counter.errors import NotFound
from counter.i18n import _
from counter.onsite.rules.jobs import Resource, state_label
from db.models import Instrument, InstrumentType, Item, User
from db.models_certificates import StandardEntry
from db.models_onsite import Booking, JobCrew, OnsiteJob, Vehicle


@dataclass(frozen=True)
class JobRow:
    job_id: int
    number: str
    customer: str
    site_address: str
    requested_date: dt.date
    confirmed_date: dt.date | None
    state: str
    state_text: str
    urgent: bool
    instrument_count: int
    crew: str
    vehicle: str


@dataclass(frozen=True)
class JobInstrumentView:
    row_id: int
    seq: int
    type_name: str
    serial: str
    model: str
    manufacturer: str
    location: str
    item_number: str  # "" until numbered
    result: str


@dataclass(frozen=True)
class JobView:
    row: JobRow
    contact_name: str
    contact_phone: str
    description: str
    division_code: str
    return_way: str
    cancel_reason: str
    institute: str
    crew: tuple[tuple[str, bool], ...]  # (name, lead)
    vehicle_kind: str
    standards: tuple[tuple[str, str, str, dt.date | None], ...]  # ref, name, cert no, valid
    instruments: tuple[JobInstrumentView, ...]
    created_at: dt.datetime


def _crew_names(session: Session, job_ids: Sequence[int]) -> dict[int, list[tuple[str, bool]]]:
    out: dict[int, list[tuple[str, bool]]] = {j: [] for j in job_ids}
    query = (
        select(JobCrew.job_id, User.full_name, JobCrew.lead)
        .join(User, User.id == JobCrew.user_id)
        .where(JobCrew.job_id.in_(list(job_ids)))
        .order_by(JobCrew.job_id, JobCrew.lead.desc(), User.full_name)
    )
    for job_id, name, lead in session.execute(query):
        out[job_id].append((name, lead))
    return out


def _row(job: OnsiteJob, crew: list[tuple[str, bool]]) -> JobRow:
    return JobRow(
        job.id,
        job.number,
        job.customer.name,
        job.site_address,
        job.requested_date,
        job.confirmed_date,
        job.state,
        state_label(job.state),
        job.urgent,
        len(job.instruments),
        "、".join(name for name, _lead in crew),
        job.vehicle.plate if job.vehicle else "",
    )


def list_jobs(
    session: Session,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    states: Sequence[str] = (),
    limit: int = 500,
) -> list[JobRow]:
    """Jobs whose day (confirmed, else requested) lies in [start, end], newest day first."""
    query = select(OnsiteJob).order_by(OnsiteJob.id.desc()).limit(limit)
    if states:
        query = query.where(OnsiteJob.state.in_(list(states)))
    jobs = list(session.scalars(query))

    def day(j: OnsiteJob) -> dt.date:
        return j.confirmed_date or j.requested_date

    jobs = [
        j for j in jobs if (start is None or day(j) >= start) and (end is None or day(j) <= end)
    ]
    jobs.sort(key=lambda j: (day(j), not j.urgent, j.number))
    crew = _crew_names(session, [j.id for j in jobs])
    return [_row(j, crew[j.id]) for j in jobs]


def job_view(session: Session, job_id: int) -> JobView:
    job = session.get(OnsiteJob, job_id)
    if job is None:
        raise NotFound(_("上门任务不存在"))
    crew = _crew_names(session, [job.id])[job.id]
    types = dict(session.execute(select(InstrumentType.id, InstrumentType.name)).all())
    numbers = dict(
        session.execute(
            select(Item.id, Item.number).where(
                Item.id.in_([i.item_id for i in job.instruments if i.item_id is not None])
            )
        ).all()
    )
    standards = session.execute(
        select(
            StandardEntry.ref,
            StandardEntry.name,
            StandardEntry.certificate_number,
            StandardEntry.valid_until,
        )
        .where(StandardEntry.id.in_([s.standard_id for s in job.standards]))
        .order_by(StandardEntry.ref)
    ).all()
    instruments = tuple(
        JobInstrumentView(
            i.id,
            i.seq,
            types.get(i.type_id, ""),
            i.serial,
            i.model,
            i.manufacturer,
            i.location,
            numbers.get(i.item_id, "") if i.item_id else "",
            i.result,
        )
        for i in job.instruments
    )
    return JobView(
        _row(job, crew),
        job.contact_name,
        job.contact_phone,
        job.description,
        job.division_code,
        job.return_way,
        job.cancel_reason,
        job.institute,
        tuple(crew),
        job.vehicle.kind if job.vehicle else "",
        tuple((r, n, c, v) for r, n, c, v in standards),
        instruments,
        job.created_at.astimezone(CHINA_TZ),
    )


@dataclass(frozen=True)
class ResourceWeek:
    resource: str  # "user" | "vehicle" | "standard"
    resource_id: int
    label: str
    days: tuple[str, ...]  # per day of the week: the job number booked, or ""


@dataclass(frozen=True)
class WeekView:
    monday: dt.date
    days: tuple[dt.date, ...]
    rows: tuple[ResourceWeek, ...]  # crews, then vehicles, then standards


def week_view(session: Session, day: dt.date) -> WeekView:
    """Who and what is booked on each day of the week containing `day`: every lab verifier,
    every active vehicle and every standard in use, with the job number where booked."""
    monday = day - dt.timedelta(days=day.weekday())
    days = tuple(monday + dt.timedelta(days=n) for n in range(7))
    booked: dict[tuple[str, int, dt.date], str] = {}
    query = (
        select(Booking.resource, Booking.resource_id, Booking.day, OnsiteJob.number)
        .join(OnsiteJob, OnsiteJob.id == Booking.job_id)
        .where(Booking.day >= days[0], Booking.day <= days[-1])
    )
    for resource, rid, when, number in session.execute(query):
        booked[(resource, rid, when)] = number
    labels: list[tuple[str, int, str]] = []
    users = session.execute(
        select(User.id, User.full_name, User.roles)
        .where(User.active.is_(True))
        .order_by(User.full_name)
    ).all()
    labels += [
        (Resource.USER, uid, name)
        for uid, name, roles in users
        if "lab" in roles.split(",") or any(k[:2] == ("user", uid) for k in booked)
    ]
    vehicles = session.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.kind)
        .where(Vehicle.active.is_(True))
        .order_by(Vehicle.plate)
    ).all()
    labels += [(Resource.VEHICLE, vid, f"{plate} {kind}".strip()) for vid, plate, kind in vehicles]
    standards = session.execute(
        select(StandardEntry.id, StandardEntry.ref, StandardEntry.name)
        .where(StandardEntry.active.is_(True))
        .order_by(StandardEntry.ref)
    ).all()
    labels += [(Resource.STANDARD, sid, f"{ref} {name}") for sid, ref, name in standards]
    rows = tuple(
        ResourceWeek(
            str(kind), rid, label, tuple(booked.get((str(kind), rid, d), "") for d in days)
        )
        for kind, rid, label in labels
    )
    return WeekView(monday, days, rows)


@dataclass(frozen=True)
class Choices:
    """What a dispatcher picks from: lab verifiers, active vehicles, standards in use."""

    crew: tuple[tuple[int, str], ...]
    vehicles: tuple[tuple[int, str], ...]
    standards: tuple[tuple[int, str], ...]


def resource_choices(session: Session) -> Choices:
    users = session.execute(
        select(User.id, User.full_name, User.roles)
        .where(User.active.is_(True))
        .order_by(User.full_name)
    ).all()
    vehicles = session.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.kind)
        .where(Vehicle.active.is_(True))
        .order_by(Vehicle.plate)
    ).all()
    standards = session.execute(
        select(StandardEntry.id, StandardEntry.ref, StandardEntry.name)
        .where(StandardEntry.active.is_(True))
        .order_by(StandardEntry.ref)
    ).all()
    return Choices(
        tuple((uid, name) for uid, name, roles in users if "lab" in roles.split(",")),
        tuple((vid, f"{plate} {kind}".strip()) for vid, plate, kind in vehicles),
        tuple((sid, f"{ref} {name}") for sid, ref, name in standards),
    )


def ledger_choices(session: Session, customer_id: int) -> tuple[tuple[int, str], ...]:
    """The customer's in-use ledger entries a job can take: (id, "type serial location")."""
    query = (
        select(Instrument.id, InstrumentType.name, Instrument.serial, Instrument.location)
        .join(InstrumentType, InstrumentType.id == Instrument.type_id)
        .where(Instrument.customer_id == customer_id, Instrument.status == "in_use")
        .order_by(Instrument.next_due, Instrument.id)
    )
    return tuple(
        (iid, " ".join(x for x in (name, serial, location) if x))
        for iid, name, serial, location in session.execute(query)
    )
