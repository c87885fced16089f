"""Labels and receipts of an order: data for `printing/`, delivery, reprints.

Printing happens after the order is committed: a printer that does not answer
never loses an order.  Each label and receipt has a `PrintJob`; a failed one
stays in the reprint list with the printer's answer.  Sending labels to a thermal
printer is `counter.intake.label_printing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session, selectinload

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.print_fonts import printing_fonts
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import InstituteSettings, load_settings, require_identity
from counter.clock import CHINA_TZ, Clock
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.receive import return_way_label, service_label
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Customer, Department, InstrumentType, Item, Order, PrintJob, User
from printing.common import InstituteInfo
from printing.label import LabelData, LabelSize, render_labels_pdf
from printing.receipt import render_receipt_pdf
from printing.receipt_data import ReceiptData, ReceiptItem

Progress = Callable[[int, int, str], None]


def institute_info(settings: InstituteSettings) -> InstituteInfo:
    """The institute as every printout shows it; refused while its details are missing."""
    require_identity(settings)
    return InstituteInfo(
        name=settings.institute_name,
        address=settings.address,
        phone=settings.phone,
        authorisation_no=settings.authorisation_no,
        terms=settings.receipt_terms,
    )


def load_order(session: Session, order_id: int) -> Order:
    order = session.scalar(
        select(Order)
        .where(Order.id == order_id)
        .options(
            selectinload(Order.items).selectinload(Item.instrument_type),
            selectinload(Order.items).selectinload(Item.department),
        )
    )
    if order is None:
        raise NotFound(_("委托单不存在"))
    return order


def label_of(item: Item, order: Order, customer: Customer) -> LabelData:
    return LabelData(
        item_number=item.number,
        order_number=order.number,
        instrument_name=item.instrument_type.name,
        customer_short=customer.short_name or customer.name,
        department=item.department.name,
        promised_date=item.promised_date,
        urgent=item.urgency != "normal",
    )


def _printed_order(session: Session, order_id: int) -> Row[*tuple[Any, ...]]:
    """The order's head as its labels and receipt print it (customer and clerk joined)."""
    head = session.execute(
        select(
            Order.number,
            Order.contact_name,
            Order.contact_phone,
            Order.received_at,
            Order.promised_date,
            Order.note,
            Customer.name.label("customer_name"),
            Customer.short_name.label("customer_short"),
            User.full_name.label("clerk"),
        )
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(User, User.id == Order.received_by_id)
        .where(Order.id == order_id)
    ).one_or_none()
    if head is None:
        raise NotFound(_("委托单不存在"))
    return head


def _printed_items(
    session: Session, order_id: int, item_ids: Sequence[int] | None = None
) -> list[Row[*tuple[Any, ...]]]:
    """The order's items that are not voided, in order, with their type's and department's
    names: plain rows, 5 times cheaper for 50 items than the ORM objects `load_order` builds
    (two reads of them, labels then receipt, after every Save)."""
    rows = session.execute(
        select(
            Item.id,
            Item.number,
            Item.model,
            Item.serial,
            Item.service,
            Item.promised_date,
            Item.urgency,
            Item.return_way,
            InstrumentType.name.label("instrument_name"),
            Department.name.label("department"),
        )
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .join(Department, Department.id == Item.department_id)
        .where(Item.order_id == order_id, Item.status != ItemStatus.VOIDED)
        .order_by(Item.seq)
    ).all()
    return [r for r in rows if item_ids is None or r.id in item_ids]


def order_labels(
    session: Session, order_id: int, item_ids: Sequence[int] | None = None
) -> list[LabelData]:
    head = _printed_order(session, order_id)
    return [
        LabelData(
            item_number=i.number,
            order_number=head.number,
            instrument_name=i.instrument_name,
            customer_short=head.customer_short or head.customer_name,
            department=i.department,
            promised_date=i.promised_date,
            urgent=i.urgency != "normal",
        )
        for i in _printed_items(session, order_id, item_ids)
    ]


def receipt_of(session: Session, order_id: int) -> ReceiptData:
    head = _printed_order(session, order_id)
    live = _printed_items(session, order_id)
    settings = load_settings(session)
    ways = {i.return_way for i in live}
    return ReceiptData(
        order_number=head.number,
        customer_name=head.customer_name,
        customer_phone=head.contact_phone,
        customer_contact=head.contact_name,
        received_at=head.received_at.astimezone(CHINA_TZ),
        clerk=head.clerk or "",
        items=tuple(
            ReceiptItem(
                item_number=i.number,
                instrument_name=i.instrument_name,
                model=i.model,
                serial=i.serial,
                service=service_label(i.service),
                department=i.department,
                promised_date=i.promised_date,
                urgent=i.urgency != "normal",
            )
            for i in live
        ),
        promised_date=max(
            (i.promised_date for i in live), default=head.promised_date or dt.date.today()
        ),
        institute=institute_info(settings),
        return_way="、".join(return_way_label(w) for w in sorted(ways)),
        note=head.note,
    )


def label_size(settings: InstituteSettings) -> LabelSize:
    return LabelSize(settings.label_width_mm, settings.label_height_mm)


def labels_pdf(session: Session, order_id: int, item_ids: Sequence[int] | None = None) -> bytes:
    settings = load_settings(session)
    labels = order_labels(session, order_id, item_ids)
    with printing_fonts(settings):
        return render_labels_pdf(labels, label_size(settings))


def receipt_pdf(session: Session, order_id: int) -> bytes:
    settings = load_settings(session)
    data = receipt_of(session, order_id)
    with printing_fonts(settings):
        return render_receipt_pdf(data, settings.receipt_page)


def mark_printed(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_id: int,
    kind: str,
    item_ids: Sequence[int] | None = None,
) -> None:
    """The clerk printed the PDF through the system dialog: those jobs are done.

    ``item_ids`` limits labels to the ones in the PDF (all of the order's when None).
    """
    require(session, actor, Perm.RECEIVE)
    order = load_order(session, order_id)
    query = select(PrintJob).where(PrintJob.order_id == order_id, PrintJob.kind == kind)
    if item_ids is not None:
        query = query.where(PrintJob.item_id.in_(item_ids))
    done = 0
    for job in session.scalars(query):
        if job.status != "printed":
            done += 1
        job.status, job.error, job.updated_at = "printed", "", clock.now()
        job.attempts = (job.attempts or 0) + 1
    after = {"kind": kind, "jobs": done, "via": "pdf"}
    action = "label.printed_pdf" if kind == "label" else "receipt.printed_pdf"
    record(session, actor, clock, action, "order", order.number, after=after)
    session.flush()


@dataclass(frozen=True)
class ReprintRow:
    job_id: int
    kind: str
    order_id: int
    order_number: str
    item_number: str
    status: str
    error: str
    updated_at: dt.datetime
    item_id: int | None = None


def reprint_list(session: Session, limit: int = 500) -> list[ReprintRow]:
    """Labels and receipts that were not printed (failed or still pending).

    Labels of voided items are left out: nobody sticks them on anything.
    """
    rows = session.execute(
        select(PrintJob, Order.number, Item.number)
        .join(Order, Order.id == PrintJob.order_id)
        .outerjoin(Item, Item.id == PrintJob.item_id)
        .where(PrintJob.status != "printed")
        .where(or_(PrintJob.item_id.is_(None), Item.status != ItemStatus.VOIDED))
        .order_by(PrintJob.id.desc())
        .limit(limit)
    )
    return [
        ReprintRow(
            j.id, j.kind, j.order_id, onum, inum or "", j.status, j.error, j.updated_at, j.item_id
        )
        for j, onum, inum in rows
    ]
