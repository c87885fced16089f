"""Campaigns (统检): select ledger instruments, plan daily jobs, track progress, split revenue.

`plan_campaign` selects the in-use ledger entries of the chosen types, regions
(division-code prefixes), sectors and due date, splits them into daily jobs by
county and vehicle capacity (`counter.onsite.rules.campaign`) and stores the jobs
as requested on their days with the planned vehicle and the performing institute
of their county — each is then scheduled, started and finished as any job.
Progress counts instruments by county; the revenue of the campaign's statements
is split among the partner institutes by their agreed shares, to the fen.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.intake.numbering import next_values
from counter.onsite.jobs import job_number
from counter.onsite.rules.campaign import (
    CampaignInstrument,
    CountyProgress,
    InstrumentState,
    RevenueSplit,
    Share,
    VehicleSlot,
    progress_by_county,
    split_campaign,
    split_revenue,
    working_days,
)
from counter.onsite.rules.jobs import JobState
from counter.spreadsheet import append_row
from db.models import CalendarDay, Customer, Instrument, Item
from db.models_billing import FeeStatement, FeeStatementOrder
from db.models_onsite import Campaign, CampaignPartner, JobInstrument, OnsiteJob, Vehicle


@dataclass(frozen=True)
class CampaignForm:
    name: str
    start: dt.date
    end: dt.date
    vehicle_ids: tuple[int, ...]
    type_ids: tuple[int, ...] = ()  # () = every type
    divisions: tuple[str, ...] = ()  # division-code prefixes, () = everywhere
    sectors: tuple[str, ...] = ()
    due_until: dt.date | None = None  # None = whatever the due date
    partners: tuple[Share, ...] = ()  # agreed shares of the revenue (‰)
    county_institutes: Mapping[str, str] | None = None  # county → performing institute


@dataclass(frozen=True)
class CampaignPlanned:
    campaign_id: int
    jobs: int
    instruments: int
    unplaced: int


def select_instruments(session: Session, form: CampaignForm) -> list[CampaignInstrument]:
    """The in-use ledger entries the campaign covers (the entry's division, else its owner's)."""
    query = (
        select(
            Instrument.id,
            Instrument.customer_id,
            Instrument.division_code,
            Customer.division_code,
            Instrument.next_due,
        )
        .join(Customer, Customer.id == Instrument.customer_id)
        .where(Instrument.status == "in_use", Customer.active.is_(True))
        .order_by(Instrument.id)
    )
    if form.type_ids:
        query = query.where(Instrument.type_id.in_(form.type_ids))
    if form.sectors:
        query = query.where(Customer.sector.in_(form.sectors))
    if form.due_until is not None:
        query = query.where(
            or_(Instrument.next_due.is_(None), Instrument.next_due <= form.due_until)
        )
    out = []
    for iid, cid, own, owner, due in session.execute(query):
        code = own or owner
        if form.divisions and not any(code.startswith(p) for p in form.divisions):
            continue
        out.append(CampaignInstrument(iid, cid, code, due))
    return out


def _problems(session: Session, form: CampaignForm) -> list[str]:
    problems = []
    if not form.name.strip() or len(form.name.strip()) > 128:
        problems.append(_("请填写统检名称（最多 128 个字符）"))
    elif session.scalar(select(Campaign.id).where(Campaign.name == form.name.strip())):
        problems.append(_("统检“{name}”已存在").format(name=form.name.strip()))
    if form.end < form.start:
        problems.append(_("结束日期早于开始日期"))
    if not form.vehicle_ids:
        problems.append(_("请至少选择一辆车"))
    if any(p.permille < 0 for p in form.partners) or len(
        {p.institute for p in form.partners}
    ) < len(form.partners):
        problems.append(_("参加机构重复或分成比例为负"))
    return problems


def plan_campaign(
    session: Session, actor: Actor, clock: Clock, form: CampaignForm
) -> CampaignPlanned:
    """Create the campaign and its daily jobs (requested, on their planned days)."""
    require(session, actor, Perm.RECEIVE)
    problems = _problems(session, form)
    if problems:
        raise ValidationError(problems)
    vehicles = list(session.scalars(select(Vehicle).where(Vehicle.id.in_(form.vehicle_ids))))
    if len(vehicles) != len(set(form.vehicle_ids)) or not all(v.active for v in vehicles):
        raise ValidationError([_("车辆不存在或已停用")])
    items = select_instruments(session, form)
    holidays = session.scalars(select(CalendarDay.day).where(CalendarDay.kind == "holiday"))
    days = working_days(form.start, form.end, holidays)
    split = split_campaign(items, [VehicleSlot(v.id, v.capacity_per_day) for v in vehicles], days)
    now = clock.now()
    criteria = {
        "types": list(form.type_ids),
        "divisions": list(form.divisions),
        "sectors": list(form.sectors),
        "due_until": str(form.due_until or ""),
        "start": form.start.isoformat(),
        "end": form.end.isoformat(),
    }
    campaign = Campaign(
        name=form.name.strip(),
        criteria=json.dumps(criteria, ensure_ascii=False),
        created_at=now,
        created_by_id=actor.id,
    )
    session.add(campaign)
    session.flush()
    session.add_all(
        CampaignPartner(
            campaign_id=campaign.id, institute=p.institute.strip(), share_permille=p.permille
        )
        for p in form.partners
    )
    _store_jobs(session, actor, now, campaign.id, split.jobs, form.county_institutes or {})
    record(
        session,
        actor,
        clock,
        "campaign.create",
        "campaign",
        campaign.name,
        after={
            "jobs": len(split.jobs),
            "items": len(items) - len(split.unplaced),
            "unplaced": len(split.unplaced),
        },
    )
    return CampaignPlanned(campaign.id, len(split.jobs), len(items), len(split.unplaced))


def _store_jobs(
    session: Session,
    actor: Actor,
    now: dt.datetime,
    campaign_id: int,
    planned: Sequence[Any],
    institutes: Mapping[str, str],
) -> None:
    if not planned:
        return
    year = local_date(now).year
    numbers = next_values(session, f"onsite:{year}", len(planned))
    customers = {
        c.id: c
        for c in session.scalars(
            select(Customer).where(Customer.id.in_({p.customer_id for p in planned}))
        )
    }
    entries = {
        e.id: e
        for e in session.scalars(
            select(Instrument).where(
                Instrument.id.in_([i for p in planned for i in p.instrument_ids])
            )
        )
    }
    for seq, p in zip(numbers, planned, strict=True):
        customer = customers[p.customer_id]
        job = OnsiteJob(
            number=job_number(year, seq),
            customer_id=customer.id,
            site_address=customer.address or customer.name,
            division_code=p.county[:6],
            contact_name=customer.contact_name,
            contact_phone=customer.phone,
            requested_date=p.day,
            state=JobState.REQUESTED,
            vehicle_id=p.vehicle_id,
            campaign_id=campaign_id,
            institute=institutes.get(p.county[:6], ""),
            created_at=now,
            created_by_id=actor.id,
            updated_at=now,
        )
        session.add(job)
        session.flush()
        session.add_all(
            JobInstrument(
                job_id=job.id,
                seq=n,
                instrument_id=e.id,
                type_id=e.type_id,
                serial=e.serial,
                model=e.model,
                manufacturer=e.manufacturer,
                measuring_range=e.measuring_range,
                accuracy_class=e.accuracy_class,
                use=e.use,
                location=e.location,
            )
            for n, e in enumerate((entries[i] for i in p.instrument_ids), 1)
        )
    session.flush()


def _campaign(session: Session, campaign_id: int) -> Campaign:
    row = session.get(Campaign, campaign_id)
    if row is None:
        raise NotFound(_("统检不存在"))
    return row


def campaign_progress(session: Session, campaign_id: int) -> list[CountyProgress]:
    """Planned, done, failed, remaining instruments by county, a total row ("*") last."""
    _campaign(session, campaign_id)
    query = (
        select(OnsiteJob.division_code, OnsiteJob.state, JobInstrument.result)
        .join(JobInstrument, JobInstrument.job_id == OnsiteJob.id)
        .where(OnsiteJob.campaign_id == campaign_id)
    )
    return progress_by_county(InstrumentState(c[:6], s, r) for c, s, r in session.execute(query))


def campaign_revenue(session: Session, campaign_id: int) -> RevenueSplit:
    """The total of the campaign's current statements, split by the agreed shares."""
    _campaign(session, campaign_id)
    orders = (
        select(Item.order_id)
        .join(JobInstrument, JobInstrument.item_id == Item.id)
        .join(OnsiteJob, OnsiteJob.id == JobInstrument.job_id)
        .where(OnsiteJob.campaign_id == campaign_id)
    )
    statements = select(FeeStatementOrder.statement_id).where(
        FeeStatementOrder.order_id.in_(orders)
    )
    total = sum(
        session.scalars(
            select(FeeStatement.total_fen).where(
                FeeStatement.id.in_(statements), FeeStatement.voided_at.is_(None)
            )
        )
    )
    partners = session.scalars(
        select(CampaignPartner)
        .where(CampaignPartner.campaign_id == campaign_id)
        .order_by(CampaignPartner.id)
    )
    return split_revenue(total, [Share(p.institute, p.share_permille) for p in partners])


def campaign_summary_xlsx(session: Session, campaign_id: int) -> bytes:
    """The campaign's summary: progress by county and the revenue split (fen and yuan)."""
    from openpyxl import Workbook  # loads slowly: only when a workbook is made

    campaign = _campaign(session, campaign_id)
    book = Workbook()
    sheet: Any = book.active
    sheet.title = _("进度")
    append_row(sheet, [campaign.name])
    append_row(sheet, [_("区县"), _("计划"), _("合格"), _("不合格"), _("未完成"), _("已取消")])
    for p in campaign_progress(session, campaign_id):
        county = _("合计") if p.county == "*" else p.county
        append_row(sheet, [county, p.planned, p.done, p.failed, p.remaining, p.cancelled])
    money: Any = book.create_sheet(_("收入分成"))
    revenue = campaign_revenue(session, campaign_id)
    append_row(money, [_("机构"), _("金额（分）"), _("金额（元）")])
    for institute, fen in revenue.parts:
        append_row(money, [institute, fen, fen / 100])
    append_row(money, [_("合计"), revenue.total_fen, revenue.total_fen / 100])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
