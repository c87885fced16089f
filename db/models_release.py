"""Return and dispatch: what left the counter, to whom, and how (same metadata as `db.models`).

One `Release` per handover (picked up at the counter or mailed), with one
`ReleaseItem` per instrument; `release_items.item_id` is unique, so an item
leaves once, whatever the screen does.  A mailed release has its
`MailDispatch`.  An instrument returned unprocessed keeps its reason and the
note for the customer in `UnprocessedReturn`; a quality supervisor's written
permission to release an account customer's item before its fees are paid is
an `UnpaidReleaseApproval`.  Nothing here is ever deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Customer, Item, Order, User


class Release(Base):
    """One handover: number, who collected (or where it was mailed), signature, clerk, time."""

    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # "R" + year + 6 digits
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    # "pickup" | "mail"
    way: Mapped[str] = mapped_column(String(16))
    collector_name: Mapped[str] = mapped_column(String(64), default="")
    collector_phone: Mapped[str] = mapped_column(String(32), default="")
    # the last digits of the collector's ID card, as shown to the clerk
    collector_id_digits: Mapped[str] = mapped_column(String(8), default="")
    # the signature drawn on screen, as PNG; None when signed on a paper slip or mailed
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    paper_slip: Mapped[bool] = mapped_column(Boolean, default=False)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(index=True)
    # the supervisors' reasons when items left before their fees were paid ("" = none)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # a per-dialog token so that a double confirm releases once
    request_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    order: Mapped[Order] = relationship()
    customer: Mapped[Customer] = relationship()
    clerk: Mapped[User] = relationship()
    items: Mapped[list[ReleaseItem]] = relationship(
        back_populates="release", order_by="ReleaseItem.id"
    )
    mail: Mapped[MailDispatch | None] = relationship(back_populates="release")


class ReleaseItem(Base):
    """An instrument that left with a release, with the certificate it left with."""

    __tablename__ = "release_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    certificate_number: Mapped[str] = mapped_column(String(64), default="")
    # what the customer is told with the instrument (a returned-unprocessed note)
    note: Mapped[str] = mapped_column(Text, default="")

    release: Mapped[Release] = relationship(back_populates="items")
    item: Mapped[Item] = relationship()


class MailDispatch(Base):
    """Where a mailed release went: courier, tracking number, address."""

    __tablename__ = "mail_dispatches"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"), unique=True)
    courier: Mapped[str] = mapped_column(String(32))
    tracking_number: Mapped[str] = mapped_column(String(64), index=True)
    recipient: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(256))

    release: Mapped[Release] = relationship(back_populates="mail")


class UnprocessedReturn(Base):
    """Why an instrument goes back unprocessed, and what the customer is told."""

    __tablename__ = "unprocessed_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    customer_note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime]


class UnpaidReleaseApproval(Base):
    """A quality supervisor lets an account customer's item leave before its fees are paid."""

    __tablename__ = "unpaid_release_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime]

    by: Mapped[User] = relationship()
