"""Scheduling a job: the day, the crew, the vehicle and the standards taken.

Refused, with every reason, when a standard's certificate does not cover the day
or it is out of use, a verifier lacks an authorisation (the certificates'
`authorisations` register) for an instrument type of the job, or a person,
vehicle or standard is already booked that day.  A booking is one row per
(resource, day) with a unique key, so two dispatchers booking the same truck at
the same moment get one booking and one refusal, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm, Role, parse_roles
from counter.certificates.rules import SignRole
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.onsite.jobs import JobDone, JobForm, create_job, get_job
from counter.onsite.rules.jobs import (
    JobState,
    Resource,
    StandardFacts,
    VerifierFacts,
    booked_problem,
    crew_problems,
    move_problem,
    standard_problem,
)
from db.models import Customer, InstrumentType, User
from db.models_certificates import SignAuthorisation, StandardEntry
from db.models_onsite import Booking, JobCrew, JobStandard, OnsiteJob, Vehicle


@dataclass(frozen=True)
class Assignment:
    day: dt.date
    crew_ids: tuple[int, ...]
    vehicle_id: int | None = None
    standard_ids: tuple[int, ...] = ()
    lead_id: int | None = None  # None = the first of the crew


def verifier_facts(session: Session, user_ids: Sequence[int]) -> list[VerifierFacts]:
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(list(user_ids))))}
    query = select(SignAuthorisation).where(
        SignAuthorisation.user_id.in_(list(user_ids)),
        SignAuthorisation.active.is_(True),
        SignAuthorisation.role.in_(["", SignRole.VERIFIER.value]),
    )
    authorised: dict[int, dict[int, dt.date]] = {uid: {} for uid in user_ids}
    for a in session.scalars(query):
        mine = authorised[a.user_id]
        mine[a.type_id] = max(a.valid_until, mine.get(a.type_id, a.valid_until))
    out = []
    for uid in user_ids:
        user = users.get(uid)
        if user is None:
            raise NotFound(_("人员不存在或已停用"))
        out.append(
            VerifierFacts(
                user.full_name, user.active, Role.LAB in parse_roles(user.roles), authorised[uid]
            )
        )
    return out


def standard_facts(row: StandardEntry) -> StandardFacts:
    return StandardFacts(row.ref, row.name, row.valid_until, row.active, row.certificate_number)


def _job_types(session: Session, job: OnsiteJob) -> dict[int, str]:
    ids = {i.type_id for i in job.instruments}
    if not ids:
        return {}
    query = select(InstrumentType.id, InstrumentType.name).where(InstrumentType.id.in_(ids))
    return {tid: name for tid, name in session.execute(query)}


def _labels(session: Session, a: Assignment) -> dict[tuple[str, int], str]:
    labels: dict[tuple[str, int], str] = {}
    for uid, name in session.execute(
        select(User.id, User.full_name).where(User.id.in_(a.crew_ids))
    ):
        labels[(Resource.USER, uid)] = name
    if a.vehicle_id is not None:
        vehicle = session.get(Vehicle, a.vehicle_id)
        labels[(Resource.VEHICLE, a.vehicle_id)] = vehicle.plate if vehicle else "?"
    query = select(StandardEntry.id, StandardEntry.ref, StandardEntry.name)
    for sid, ref, name in session.execute(query.where(StandardEntry.id.in_(a.standard_ids))):
        labels[(Resource.STANDARD, sid)] = f"{ref} {name}"
    return labels


def _wanted(a: Assignment) -> list[tuple[str, int]]:
    wanted = [(Resource.USER.value, uid) for uid in dict.fromkeys(a.crew_ids)]
    if a.vehicle_id is not None:
        wanted.append((Resource.VEHICLE.value, a.vehicle_id))
    wanted += [(Resource.STANDARD.value, sid) for sid in dict.fromkeys(a.standard_ids)]
    return wanted


def _clashes(
    session: Session,
    job: OnsiteJob,
    day: dt.date,
    wanted: list[tuple[str, int]],
    labels: dict[tuple[str, int], str],
) -> list[str]:
    query = (
        select(Booking.resource, Booking.resource_id, OnsiteJob.number)
        .join(OnsiteJob, OnsiteJob.id == Booking.job_id)
        .where(Booking.day == day, Booking.job_id != job.id)
    )
    taken = {(r, rid): number for r, rid, number in session.execute(query)}
    return [
        booked_problem(r, labels.get((r, rid), str(rid)), day, taken[(r, rid)])
        for r, rid in wanted
        if (r, rid) in taken
    ]


def _problems(session: Session, job: OnsiteJob, a: Assignment, today: dt.date) -> list[str]:
    problems = []
    if a.day < today:
        problems.append(_("任务日期 {day} 已过").format(day=a.day.isoformat()))
    problems += crew_problems(
        verifier_facts(session, list(a.crew_ids)), _job_types(session, job), a.day
    )
    if a.lead_id is not None and a.lead_id not in a.crew_ids:
        problems.append(_("负责人必须是本次的检定人员之一"))
    if a.vehicle_id is not None:
        vehicle = session.get(Vehicle, a.vehicle_id)
        if vehicle is None or not vehicle.active:
            problems.append(_("车辆不存在或已停用"))
    for sid in a.standard_ids:
        row = session.get(StandardEntry, sid)
        if row is None:
            problems.append(_("计量标准不存在"))
            continue
        problem = standard_problem(standard_facts(row), a.day)
        if problem:
            problems.append(problem)
    return problems


def book(session: Session, job: OnsiteJob, a: Assignment) -> None:
    """Replace the job's bookings by those of `a`; a clash (also a concurrent one) refuses."""
    labels = _labels(session, a)
    wanted = _wanted(a)
    clashes = _clashes(session, job, a.day, wanted, labels)
    if clashes:
        raise ValidationError(clashes)
    session.execute(delete(Booking).where(Booking.job_id == job.id))
    try:
        with session.begin_nested():
            session.add_all(
                Booking(resource=r, resource_id=rid, day=a.day, job_id=job.id) for r, rid in wanted
            )
            session.flush()
    except IntegrityError:
        clashes = _clashes(session, job, a.day, wanted, labels)
        raise ValidationError(clashes or [_("资源已被其他任务占用，请刷新后重试")]) from None


def schedule_job(
    session: Session, actor: Actor, clock: Clock, job_id: int, a: Assignment
) -> JobDone:
    """Confirm the day and assign crew, vehicle and standards (again, until the job starts)."""
    require(session, actor, Perm.RECEIVE)
    job = get_job(session, job_id, lock=True)
    problem = move_problem(job.number, job.state, JobState.SCHEDULED)
    if problem:
        raise CounterError(problem)
    problems = _problems(session, job, a, local_date(clock.now()))
    if problems:
        raise ValidationError(problems)
    book(session, job, a)
    before = {
        "status": job.state,
        "day": job.confirmed_date.isoformat() if job.confirmed_date else "",
        "crew": [c.user_id for c in job.crew],
        "vehicle": job.vehicle_id,
        "standards": [s.standard_id for s in job.standards],
    }
    session.execute(delete(JobCrew).where(JobCrew.job_id == job.id))
    session.execute(delete(JobStandard).where(JobStandard.job_id == job.id))
    lead = a.lead_id if a.lead_id is not None else a.crew_ids[0]
    session.add_all(
        JobCrew(job_id=job.id, user_id=uid, lead=uid == lead) for uid in dict.fromkeys(a.crew_ids)
    )
    session.add_all(
        JobStandard(job_id=job.id, standard_id=sid) for sid in dict.fromkeys(a.standard_ids)
    )
    job.confirmed_date, job.vehicle_id = a.day, a.vehicle_id
    job.state, job.updated_at = JobState.SCHEDULED, clock.now()
    session.flush()
    session.expire(job, ["crew", "standards"])
    after = {
        "status": job.state,
        "day": a.day.isoformat(),
        "crew": list(a.crew_ids),
        "vehicle": a.vehicle_id,
        "standards": list(a.standard_ids),
    }
    record(
        session,
        actor,
        clock,
        "onsite.scheduled",
        "onsite_job",
        job.number,
        before=before,
        after=after,
    )
    return JobDone(job.id, job.number, job.state)


@dataclass(frozen=True)
class UrgentCall:
    """A phone call (green channel): who, where, what; the rest comes from the customer."""

    customer_id: int
    what: str
    site_address: str = ""  # "" = the customer's address
    contact_name: str = ""
    contact_phone: str = ""
    request_token: str = ""


def urgent_job(
    session: Session, actor: Actor, clock: Clock, call: UrgentCall, crew: Assignment
) -> JobDone:
    """Create an urgent job from a phone call and schedule it for today, in one step;
    `crew.day` is ignored (today).  Refused as a whole when the crew cannot go today."""
    require(session, actor, Perm.RECEIVE)
    customer = session.get(Customer, call.customer_id)
    if customer is None or not customer.active:
        raise NotFound(_("客户不存在或已停用"))
    if not call.what.strip():
        raise ValidationError([_("请填写需要检定的器具或故障情况")])
    today = local_date(clock.now())
    form = JobForm(
        customer_id=customer.id,
        site_address=call.site_address.strip() or customer.address,
        requested_date=today,
        description=call.what,
        contact_name=call.contact_name,
        contact_phone=call.contact_phone,
        urgent=True,
        request_token=call.request_token,
    )
    made = create_job(session, actor, clock, form)
    if made.already_saved:
        return made
    return schedule_job(session, actor, clock, made.job_id, replace(crew, day=today))
