"""Customer feedback (好差评) and complaints (投诉) (same metadata as `db.models`).

A `Rating` is one customer's judgement of one order's service, through one
channel (at the counter on pickup, by the QR / short code printed on the handover
slip, by phone); the departments that worked on the order are kept with it
(`RatingDepartment`), so satisfaction per department is a GROUP BY.  There is one
live rating per order and channel (`live` is True, or NULL once voided — NULLs
never collide in a unique constraint): a correction voids the old one and
records a new one that names it.  `RatingCode` is the short code on the slip.

A `Complaint` runs received → in handling → answered → called back → closed (or
withdrawn, with the reason).  The department that took it owns it (首问负责).
Nothing here is deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Customer, Department, Order, User


class RatingCode(Base):
    """The short code printed (with its QR) on an order's handover slip."""

    __tablename__ = "rating_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[dt.datetime]


class Rating(Base):
    """Satisfied / basically / dissatisfied (or 1–5 stars) for one order through one channel."""

    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("order_id", "channel", "live", name="uq_ratings_order_channel_live"),
        Index("ix_ratings_rated_on_level", "rated_on", "level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    # "satisfied" | "basic" | "dissatisfied"
    level: Mapped[str] = mapped_column(String(16))
    stars: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1–5 when given so
    comment: Mapped[str] = mapped_column(Text, default="")
    # "counter" | "code" | "phone"
    channel: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime]
    rated_on: Mapped[dt.date] = mapped_column(Date)  # the counter's local date of `at`
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: by code
    live: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=True)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    voided_at: Mapped[dt.datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[Order] = relationship()
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])


class RatingDepartment(Base):
    """A department whose work the rating judges (the order's items' departments)."""

    __tablename__ = "rating_departments"

    rating_id: Mapped[int] = mapped_column(ForeignKey("ratings.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id"), primary_key=True, index=True
    )


class Complaint(Base):
    """One complaint, from receipt to closing (or withdrawal)."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # "TS" + year + 4 digits
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    complainant: Mapped[str] = mapped_column(String(128), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    # "department" | "person" | "certificate" | "fee" | "waiting" | "other"
    object: Mapped[str] = mapped_column(String(16), index=True)
    object_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    object_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    object_text: Mapped[str] = mapped_column(String(128), default="")  # a name, a number …
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    summary: Mapped[str] = mapped_column(Text)
    # "urgent" | "high" | "normal"
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    owner_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    # "received" | "handling" | "answered" | "called_back" | "closed" | "withdrawn"
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    received_at: Mapped[dt.datetime]
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    received_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    planned_date: Mapped[dt.date] = mapped_column(Date)
    handling: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handling_days: Mapped[int | None] = mapped_column(Integer, nullable=True)  # working days
    # "praise" | "criticism" | "suggestion" | "repeat" | "new_need" | ""
    callback_kind: Mapped[str] = mapped_column(String(16), default="")
    callback_note: Mapped[str] = mapped_column(Text, default="")
    called_back_at: Mapped[dt.datetime | None]
    final_level: Mapped[str] = mapped_column(String(16), default="")  # as Rating.level
    final_stars: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed_at: Mapped[dt.datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime]

    customer: Mapped[Customer | None] = relationship()
    owner_department: Mapped[Department] = relationship(foreign_keys=[owner_department_id])
    object_department: Mapped[Department | None] = relationship(foreign_keys=[object_department_id])
    object_user: Mapped[User | None] = relationship(foreign_keys=[object_user_id])
    received_by: Mapped[User] = relationship(foreign_keys=[received_by_id])
