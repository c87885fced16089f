"""Appointments (预约制): sectors and their catalogue, slot capacity, closures, bookings.

A slot is one department's half day (`half` "am" | "pm").  Its capacity comes
from `SlotCapacity` (per department and half, optionally per instrument type)
lowered or closed by `SlotClosure`; `SlotLoad` holds what is booked in a slot,
one row per (department, day, half, type_key) with type_key 0 = every type, and
a booking raises it with a conditional UPDATE so that two counters can never
book past the capacity.  Nothing is deleted: an appointment is cancelled or
marked no-show with a reason; a closure is lifted with a reason.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Customer, Department, Instrument, InstrumentType, User


class Sector(Base):
    """A sector the institute books by (医疗机构, 眼镜店, 加油站 …); `name` is what
    `Customer.sector` holds."""

    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    name_en: Mapped[str] = mapped_column(String(64), default="")
    sort: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SectorCatalogueEntry(Base):
    """A line of the 《强检计量器具检定预约目录》: a sector books this type with a department."""

    __tablename__ = "sector_catalogue"
    __table_args__ = (
        UniqueConstraint("sector_id", "type_id", name="uq_sector_catalogue_sector_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    # the time segments offered, e.g. "周二上午、周四下午"
    time_segments: Mapped[str] = mapped_column(String(128), default="")
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    sector: Mapped[Sector] = relationship()
    instrument_type: Mapped[InstrumentType] = relationship()
    department: Mapped[Department] = relationship()


class SlotCapacity(Base):
    """How many items (台件) a department takes in one half-day slot; `type_key` 0 = in all,
    otherwise the limit for that instrument type's id within the slot."""

    __tablename__ = "slot_capacities"
    __table_args__ = (
        UniqueConstraint(
            "department_id", "half", "type_key", name="uq_slot_capacities_department_half"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    half: Mapped[str] = mapped_column(String(2))  # "am" | "pm"
    type_key: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SlotClosure(Base):
    """A closed or reduced day: one department (or all when department_id is null), one half
    or the whole day; `items` None = closed, a number = the reduced capacity."""

    __tablename__ = "slot_closures"
    __table_args__ = (Index("ix_slot_closures_day_active", "day", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    half: Mapped[str] = mapped_column(String(4))  # "am" | "pm" | "day"
    items: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    lifted_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class SlotLoad(Base):
    """Items booked in one slot (type_key 0 = all types); raised only by a conditional UPDATE."""

    __tablename__ = "slot_loads"

    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    half: Mapped[str] = mapped_column(String(2), primary_key=True)
    type_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class Appointment(Base):
    """A customer booked into a department's half-day slot; the slip carries `number`."""

    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_department_day", "department_id", "day"),
        Index("ix_appointments_day_status", "day", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    half: Mapped[str] = mapped_column(String(2))  # "am" | "pm"
    # "booked" | "cancelled" | "no_show" | "arrived"
    status: Mapped[str] = mapped_column(String(16), default="booked")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    status_at: Mapped[dt.datetime | None]
    status_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # "phone" | "file" | "due" | "plan" | "counter"
    source: Mapped[str] = mapped_column(String(16), default="phone")
    # 随送随检随取: the customer waits and takes the instruments back the same day
    wait: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # the order the appointment became at the counter
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    # the slot it was moved from, if any ("2026-11-24 am")
    moved_from: Mapped[str] = mapped_column(String(32), default="")
    booked_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id"))
    reminder_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_messages.id"))
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    customer: Mapped[Customer] = relationship()
    department: Mapped[Department] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    items: Mapped[list[AppointmentItem]] = relationship(
        back_populates="appointment", order_by="AppointmentItem.seq"
    )


class AppointmentItem(Base):
    """What is booked: a ledger entry, or N instruments of a type not yet in the ledger."""

    __tablename__ = "appointment_items"
    __table_args__ = (UniqueConstraint("appointment_id", "seq", name="uq_appointment_items_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointments.id"))
    seq: Mapped[int] = mapped_column(Integer)
    instrument_id: Mapped[int | None] = mapped_column(ForeignKey("instruments.id"), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    wait: Mapped[bool] = mapped_column(Boolean, default=False)

    appointment: Mapped[Appointment] = relationship(back_populates="items")
    instrument: Mapped[Instrument | None] = relationship()
    instrument_type: Mapped[InstrumentType] = relationship()


class CustomerAppointmentPrefs(Base):
    """When a customer likes to come: ISO weekdays "1,3" (Mon, Wed; "" = any) and half."""

    __tablename__ = "customer_appointment_prefs"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    weekdays: Mapped[str] = mapped_column(String(16), default="")
    half: Mapped[str] = mapped_column(String(2), default="")  # "am" | "pm" | "" = either
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CustomerBlockedDates(Base):
    """Days a customer cannot come (first..last inclusive), e.g. their own busy season."""

    __tablename__ = "customer_blocked_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    first: Mapped[dt.date] = mapped_column(Date)
    last: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
