"""On-site jobs: create (also urgent, from a phone call), start, finish, cancel.

Every action takes (session, actor, clock, …), checks its permission (RECEIVE to
take and dispatch a job, LAB_WORK or RECEIVE to start and finish one), writes the
audit log and never commits.  Scheduling (crew, vehicle, standards, the day) is in
`counter.onsite.schedule`; the job's items and fees in `counter.onsite.items`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require, require_any
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.intake.numbering import next_values
from counter.onsite.rules.jobs import JobState, move_problem
from db.models import Customer, Instrument, InstrumentType
from db.models_onsite import Booking, JobInstrument, OnsiteJob

RETURN_WAYS = ("handover", "mail")
_LIMITS = {"site_address": 256, "contact_name": 64, "contact_phone": 32, "institute": 128}


def return_way_label(way: str) -> str:
    return {"handover": _("现场交付"), "mail": _("邮寄")}.get(way, way)


@dataclass(frozen=True)
class InstrumentDraft:
    """A ledger entry to do (`instrument_id`), or one registered on site (type + details)."""

    instrument_id: int | None = None
    type_id: int | None = None
    serial: str = ""
    model: str = ""
    manufacturer: str = ""
    measuring_range: str = ""
    accuracy_class: str = ""
    use: str = ""
    location: str = ""


@dataclass(frozen=True)
class JobForm:
    customer_id: int
    site_address: str
    requested_date: dt.date
    description: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    division_code: str = ""
    urgent: bool = False
    instruments: tuple[InstrumentDraft, ...] = ()
    return_way: str = "handover"
    campaign_id: int | None = None
    institute: str = ""  # the performing institute of a campaign job; "" = this one
    request_token: str = ""


@dataclass(frozen=True)
class JobDone:
    job_id: int
    number: str
    state: str
    already_saved: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)


def job_number(year: int, seq: int) -> str:
    return f"W{year:04d}{seq:06d}"


def get_job(session: Session, job_id: int, *, lock: bool = False) -> OnsiteJob:
    query = select(OnsiteJob).where(OnsiteJob.id == job_id)
    job = session.scalar(query.with_for_update() if lock else query)
    if job is None:
        raise NotFound(_("上门任务不存在"))
    return job


def _form_problems(form: JobForm, customer: Customer | None) -> list[str]:
    problems = []
    if customer is None or not customer.active:
        problems.append(_("客户不存在或已停用"))
    if not form.site_address.strip():
        problems.append(_("请填写现场地址"))
    if form.return_way not in RETURN_WAYS:
        problems.append(_("上门检定的证书只能现场交付或邮寄"))
    code = form.division_code.strip()
    if code and not (len(code) == 6 and code.isdigit()):
        problems.append(_("行政区划代码应为 6 位数字"))
    for name, limit in _LIMITS.items():
        if len(str(getattr(form, name)).strip()) > limit:
            problems.append(_("“{field}”过长（最多 {n} 个字符）").format(field=name, n=limit))
    return problems


def instrument_rows(
    session: Session, customer_id: int, drafts: Sequence[InstrumentDraft], start: int
) -> list[JobInstrument]:
    """The job's instrument rows (not yet added): ledger entries copied, new ones checked."""
    rows, problems = [], []
    for seq, d in enumerate(drafts, start=start):
        where = _("第 {n} 行：").format(n=seq)
        if d.instrument_id is not None:
            entry = session.get(Instrument, d.instrument_id)
            if entry is None or entry.customer_id != customer_id:
                problems.append(where + _("台账器具不存在或不属于该客户"))
                continue
            if entry.status != "in_use":
                problems.append(
                    where + _("台账器具 {serial} 已停用或报废").format(serial=entry.serial)
                )
                continue
            rows.append(
                JobInstrument(
                    seq=seq,
                    instrument_id=entry.id,
                    type_id=entry.type_id,
                    serial=entry.serial,
                    model=entry.model,
                    manufacturer=entry.manufacturer,
                    measuring_range=entry.measuring_range,
                    accuracy_class=entry.accuracy_class,
                    use=entry.use,
                    location=entry.location or d.location.strip(),
                )
            )
            continue
        if d.type_id is None or session.get(InstrumentType, d.type_id) is None:
            problems.append(where + _("器具名称不在目录中，请从目录中选择"))
            continue
        rows.append(
            JobInstrument(
                seq=seq,
                type_id=d.type_id,
                serial=d.serial.strip()[:64],
                model=d.model.strip()[:128],
                manufacturer=d.manufacturer.strip()[:128],
                measuring_range=d.measuring_range.strip()[:128],
                accuracy_class=d.accuracy_class.strip()[:32],
                use=d.use,
                location=d.location.strip()[:256],
            )
        )
    if problems:
        raise ValidationError(problems)
    return rows


def create_job(session: Session, actor: Actor, clock: Clock, form: JobForm) -> JobDone:
    """Register a requested job (the caller commits); the same token twice stores one job."""
    require(session, actor, Perm.RECEIVE)
    if form.request_token:
        existing = session.scalar(
            select(OnsiteJob).where(OnsiteJob.request_token == form.request_token)
        )
        if existing is not None:
            return JobDone(existing.id, existing.number, existing.state, already_saved=True)
    customer = session.get(Customer, form.customer_id)
    problems = _form_problems(form, customer)
    if problems:
        raise ValidationError(problems)
    assert customer is not None
    rows = instrument_rows(session, customer.id, form.instruments, 1)
    now = clock.now()
    (seq,) = next_values(session, f"onsite:{local_date(now).year}")
    job = OnsiteJob(
        number=job_number(local_date(now).year, seq),
        customer_id=customer.id,
        site_address=form.site_address.strip(),
        division_code=form.division_code.strip() or customer.division_code,
        contact_name=form.contact_name.strip() or customer.contact_name,
        contact_phone=form.contact_phone.strip() or customer.phone,
        description=form.description.strip(),
        requested_date=form.requested_date,
        state=JobState.REQUESTED,
        urgent=form.urgent,
        campaign_id=form.campaign_id,
        institute=form.institute.strip(),
        return_way=form.return_way,
        request_token=form.request_token or None,
        created_at=now,
        created_by_id=actor.id,
        updated_at=now,
    )
    session.add(job)
    session.flush()
    for row in rows:
        row.job_id = job.id
    session.add_all(rows)
    session.flush()
    record(
        session,
        actor,
        clock,
        "onsite.create",
        "onsite_job",
        job.number,
        after={
            "customer": customer.name,
            "site": job.site_address,
            "items": len(rows),
            "requested": form.requested_date.isoformat(),
            "urgent": form.urgent,
        },
    )
    return JobDone(job.id, job.number, job.state)


def add_instruments(
    session: Session, actor: Actor, clock: Clock, job_id: int, drafts: Sequence[InstrumentDraft]
) -> list[int]:
    """Add instruments to a job not yet done (e.g. found on site); their row ids."""
    require(session, actor, Perm.RECEIVE)
    job = get_job(session, job_id, lock=True)
    if job.state in (JobState.DONE, JobState.CANCELLED):
        raise CounterError(_("上门任务 {number} 已结束，不能再添加器具").format(number=job.number))
    start = max((i.seq for i in job.instruments), default=0) + 1
    rows = instrument_rows(session, job.customer_id, drafts, start)
    for row in rows:
        row.job_id = job.id
    session.add_all(rows)
    job.updated_at = clock.now()
    session.flush()
    record(
        session,
        actor,
        clock,
        "onsite.instruments",
        "onsite_job",
        job.number,
        after={"items": [r.serial for r in rows]},
    )
    return [r.id for r in rows]


def _move(
    session: Session, actor: Actor, clock: Clock, job: OnsiteJob, new: JobState, reason: str = ""
) -> JobDone:
    problem = move_problem(job.number, job.state, new)
    if problem:
        raise CounterError(problem)
    before = job.state
    job.state = new
    job.updated_at = clock.now()
    session.flush()
    action = (
        "onsite.done"
        if new == JobState.DONE
        else "onsite.cancelled"
        if new == JobState.CANCELLED
        else "onsite.in_progress"
    )
    record(
        session,
        actor,
        clock,
        action,
        "onsite_job",
        job.number,
        before={"status": before},
        after={"status": new.value},
        reason=reason,
    )
    return JobDone(job.id, job.number, job.state)


def start_job(session: Session, actor: Actor, clock: Clock, job_id: int) -> JobDone:
    """The crew has arrived on site: scheduled → in progress (on or after the day)."""
    require_any(session, actor, frozenset({Perm.LAB_WORK, Perm.RECEIVE}))
    job = get_job(session, job_id, lock=True)
    today = local_date(clock.now())
    if job.confirmed_date is not None and job.confirmed_date > today:
        raise CounterError(
            _("上门任务 {number} 安排在 {day}，尚未到期").format(
                number=job.number, day=job.confirmed_date.isoformat()
            )
        )
    job.started_at = clock.now()
    return _move(session, actor, clock, job, JobState.IN_PROGRESS)


def finish_job(
    session: Session, actor: Actor, clock: Clock, job_id: int, results: dict[int, str] | None = None
) -> JobDone:
    """The work on site is finished; `results` maps job instrument ids to "pass" / "fail"."""
    require_any(session, actor, frozenset({Perm.LAB_WORK, Perm.RECEIVE}))
    job = get_job(session, job_id, lock=True)
    rows = {i.id: i for i in job.instruments}
    for row_id, result in (results or {}).items():
        if row_id not in rows or result not in ("pass", "fail", ""):
            raise ValidationError([_("检定结果无效")])
        rows[row_id].result = result
    job.finished_at = clock.now()
    done = _move(session, actor, clock, job, JobState.DONE)
    session.execute(delete(Booking).where(Booking.job_id == job.id))
    return done


def cancel_job(session: Session, actor: Actor, clock: Clock, job_id: int, reason: str) -> JobDone:
    """Cancel with a reason; the crew, vehicle and standards are free again that day."""
    require(session, actor, Perm.RECEIVE)
    if not reason.strip():
        raise ValidationError([_("取消上门任务需要填写原因")])
    job = get_job(session, job_id, lock=True)
    job.cancel_reason = reason.strip()
    done = _move(session, actor, clock, job, JobState.CANCELLED, reason.strip())
    session.execute(delete(Booking).where(Booking.job_id == job.id))
    session.flush()
    return done
