"""On-site work (上门 / 外检) and campaigns (统检) (same metadata as `db.models`).

A job is a trip to a customer's site on one day: the instruments to do there
(ledger entries, or new ones registered on site), the crew (verifiers), a vehicle
and the reference standards taken.  Its items become counter items through an
intake order, so certificates, fees and the release gate work as for
the counter (`JobInstrument.item_id`; a job's orders are those of its items).
Nothing is deleted: a job is cancelled with a reason.  Only the booking rows
(`onsite_bookings`, one per resource and day, unique) are removed when a job
releases its resources; the assignment itself stays on the job and every change
is in the audit log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Customer, User


class Vehicle(Base):
    """A vehicle of the institute, e.g. a test-weight truck (检衡车)."""

    __tablename__ = "onsite_vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="")  # 检衡车 | 工程车 | 面包车
    capacity_per_day: Mapped[int] = mapped_column(Integer, default=8)  # instruments a day
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]


class Campaign(Base):
    """A verification campaign (统检), e.g. "2027 truck-scale campaign"."""

    __tablename__ = "onsite_campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    # the selection, as JSON: types, divisions, sectors, due until
    criteria: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class CampaignPartner(Base):
    """An institute taking part in a campaign with its agreed share of the revenue."""

    __tablename__ = "onsite_campaign_partners"
    __table_args__ = (
        UniqueConstraint("campaign_id", "institute", name="uq_onsite_campaign_partners_campaign"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("onsite_campaigns.id"), index=True)
    institute: Mapped[str] = mapped_column(String(128))
    share_permille: Mapped[int] = mapped_column(Integer)  # agreed share, ‰


class OnsiteJob(Base):
    """One trip to one site on one day: requested → scheduled → in progress → done."""

    __tablename__ = "onsite_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # "W" + year + 6 digits
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    site_address: Mapped[str] = mapped_column(String(256))
    division_code: Mapped[str] = mapped_column(String(6), default="")  # GB/T 2260
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    description: Mapped[str] = mapped_column(Text, default="")  # what the customer asked for
    requested_date: Mapped[dt.date] = mapped_column(Date)
    confirmed_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    # "requested" | "scheduled" | "in_progress" | "done" | "cancelled"
    state: Mapped[str] = mapped_column(String(16), default="requested", index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)  # green channel
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("onsite_vehicles.id"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("onsite_campaigns.id"), index=True)
    institute: Mapped[str] = mapped_column(String(128), default="")  # "" = this institute
    # "handover" (at the site) | "mail": certificates never wait for pickup
    return_way: Mapped[str] = mapped_column(String(16), default="handover")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    request_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime]
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]

    customer: Mapped[Customer] = relationship()
    vehicle: Mapped[Vehicle | None] = relationship()
    instruments: Mapped[list[JobInstrument]] = relationship(order_by="JobInstrument.seq")
    crew: Mapped[list[JobCrew]] = relationship(order_by="JobCrew.user_id")
    standards: Mapped[list[JobStandard]] = relationship(order_by="JobStandard.standard_id")


class JobInstrument(Base):
    """An instrument to do on a job: a ledger entry, or one registered on site."""

    __tablename__ = "onsite_job_instruments"
    __table_args__ = (UniqueConstraint("job_id", "seq", name="uq_onsite_job_instruments_job"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("onsite_jobs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    instrument_id: Mapped[int | None] = mapped_column(ForeignKey("instruments.id"), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"))
    serial: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(128), default="")
    manufacturer: Mapped[str] = mapped_column(String(128), default="")
    measuring_range: Mapped[str] = mapped_column(String(128), default="")
    accuracy_class: Mapped[str] = mapped_column(String(32), default="")
    use: Mapped[str] = mapped_column(String(16), default="")
    location: Mapped[str] = mapped_column(String(256), default="")
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), unique=True)
    # "" (not yet) | "pass" | "fail"
    result: Mapped[str] = mapped_column(String(8), default="")


class JobCrew(Base):
    """A verifier on a job."""

    __tablename__ = "onsite_job_crew"

    job_id: Mapped[int] = mapped_column(ForeignKey("onsite_jobs.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    lead: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship()


class JobStandard(Base):
    """A reference standard (`standards` register) taken on a job."""

    __tablename__ = "onsite_job_standards"

    job_id: Mapped[int] = mapped_column(ForeignKey("onsite_jobs.id"), primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), primary_key=True)


class Booking(Base):
    """A resource held for a job on a day: one row per (resource, day), so a second job
    asking for it fails on the unique key, on SQLite and PostgreSQL, whatever the race."""

    __tablename__ = "onsite_bookings"
    __table_args__ = (
        UniqueConstraint("resource", "resource_id", "day", name="uq_onsite_bookings_resource"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "user" | "vehicle" | "standard"
    resource: Mapped[str] = mapped_column(String(16))
    resource_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("onsite_jobs.id"), index=True)
