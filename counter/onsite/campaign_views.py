"""Reading campaigns (统检): the list, one campaign's daily jobs, what a new one picks from.

Read-only; no permission beyond being logged in (planning checks its own).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.clock import CHINA_TZ
from counter.onsite.campaigns import CampaignForm, select_instruments
from counter.onsite.rules.jobs import state_label
from db.models import Customer, Instrument, InstrumentType
from db.models_onsite import Campaign, CampaignPartner, JobInstrument, OnsiteJob, Vehicle


@dataclass(frozen=True)
class CampaignRow:
    campaign_id: int
    name: str
    start: str  # ISO dates from the campaign's criteria ("" when unknown)
    end: str
    jobs: int
    instruments: int
    partners: tuple[tuple[str, int], ...]  # (institute, share ‰)
    created_at: dt.datetime


@dataclass(frozen=True)
class CampaignJobRow:
    job_id: int
    number: str
    day: dt.date  # confirmed, else requested
    county: str
    customer: str
    vehicle_id: int | None
    vehicle: str
    institute: str  # "" = this institute
    instruments: int
    state: str
    state_text: str


@dataclass(frozen=True)
class CampaignChoices:
    """What a new campaign selects by: instrument types in the ledger, customers' sectors,
    active vehicles (id, label, capacity per day)."""

    types: tuple[tuple[int, str], ...]
    sectors: tuple[str, ...]
    vehicles: tuple[tuple[int, str, int], ...]


def list_campaigns(session: Session) -> list[CampaignRow]:
    """Every campaign, newest first, with its job and instrument counts."""
    jobs = dict(
        session.execute(
            select(OnsiteJob.campaign_id, func.count(OnsiteJob.id))
            .where(OnsiteJob.campaign_id.is_not(None))
            .group_by(OnsiteJob.campaign_id)
        ).all()
    )
    instruments = dict(
        session.execute(
            select(OnsiteJob.campaign_id, func.count(JobInstrument.id))
            .join(JobInstrument, JobInstrument.job_id == OnsiteJob.id)
            .where(OnsiteJob.campaign_id.is_not(None))
            .group_by(OnsiteJob.campaign_id)
        ).all()
    )
    partners: dict[int, list[tuple[str, int]]] = {}
    for cid, institute, share in session.execute(
        select(
            CampaignPartner.campaign_id, CampaignPartner.institute, CampaignPartner.share_permille
        ).order_by(CampaignPartner.id)
    ):
        partners.setdefault(cid, []).append((institute, share))
    out = []
    for c in session.scalars(select(Campaign).order_by(Campaign.id.desc())):
        criteria = json.loads(c.criteria or "{}")
        out.append(
            CampaignRow(
                c.id,
                c.name,
                str(criteria.get("start", "")),
                str(criteria.get("end", "")),
                jobs.get(c.id, 0),
                instruments.get(c.id, 0),
                tuple(partners.get(c.id, ())),
                c.created_at.astimezone(CHINA_TZ),
            )
        )
    return out


def campaign_jobs(session: Session, campaign_id: int) -> list[CampaignJobRow]:
    """The campaign's jobs by day, vehicle and number."""
    counts = dict(
        session.execute(
            select(JobInstrument.job_id, func.count(JobInstrument.id))
            .join(OnsiteJob, OnsiteJob.id == JobInstrument.job_id)
            .where(OnsiteJob.campaign_id == campaign_id)
            .group_by(JobInstrument.job_id)
        ).all()
    )
    query = (
        select(OnsiteJob, Customer.name, Vehicle.plate)
        .join(Customer, Customer.id == OnsiteJob.customer_id)
        .outerjoin(Vehicle, Vehicle.id == OnsiteJob.vehicle_id)
        .where(OnsiteJob.campaign_id == campaign_id)
    )
    rows = [
        CampaignJobRow(
            j.id,
            j.number,
            j.confirmed_date or j.requested_date,
            j.division_code,
            customer,
            j.vehicle_id,
            plate or "",
            j.institute,
            counts.get(j.id, 0),
            j.state,
            state_label(j.state),
        )
        for j, customer, plate in session.execute(query)
    ]
    rows.sort(key=lambda r: (r.day, r.vehicle, r.number))
    return rows


def campaign_choices(session: Session) -> CampaignChoices:
    types = session.execute(
        select(InstrumentType.id, InstrumentType.name)
        .where(
            InstrumentType.id.in_(
                select(Instrument.type_id).where(Instrument.status == "in_use").distinct()
            )
        )
        .order_by(InstrumentType.name)
    ).all()
    sectors = session.scalars(
        select(Customer.sector).where(Customer.sector != "").distinct().order_by(Customer.sector)
    )
    vehicles = session.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.kind, Vehicle.capacity_per_day)
        .where(Vehicle.active.is_(True))
        .order_by(Vehicle.plate)
    ).all()
    return CampaignChoices(
        tuple((tid, name) for tid, name in types),
        tuple(sectors),
        tuple((vid, f"{plate} {kind}".strip(), cap) for vid, plate, kind, cap in vehicles),
    )


def count_selected(session: Session, form: CampaignForm) -> int:
    """How many ledger instruments the form's selection covers (before planning)."""
    return len(select_instruments(session, form))
