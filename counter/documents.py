"""Labels and receipts of an order: data for `printing/`, delivery, reprints.

Printing happens after the order is committed: a printer that does not answer
never loses an order.  Each label and receipt has a `PrintJob`; a failed one
stays in the reprint list with the printer's answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from counter.clock import CHINA_TZ, Clock
from counter.database import read, user_action
from counter.errors import CounterError, NotFound
from counter.i18n import _
from counter.intake import return_way_label, service_label
from counter.lifecycle import ItemStatus
from counter.settings import InstituteSettings, load_settings, require_identity
from db.engine import Database
from db.models import Customer, Item, Order, PrintJob, User
from printing.common import InstituteInfo
from printing.label import LabelData, LabelSize, render_label_zpl, render_labels_pdf
from printing.receipt import ReceiptData, ReceiptItem, render_receipt_pdf
from printing.zpl_send import PrinterError, parse_printer_address, send_raw

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


def _load_order(session: Session, order_id: int) -> Order:
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


def order_labels(
    session: Session, order_id: int, item_ids: Sequence[int] | None = None
) -> list[LabelData]:
    order = _load_order(session, order_id)
    return [
        label_of(i, order, order.customer)
        for i in order.items
        if (item_ids is None or i.id in item_ids) and i.status != "voided"
    ]


def receipt_of(session: Session, order_id: int) -> ReceiptData:
    order = _load_order(session, order_id)
    settings = load_settings(session)
    clerk = session.get(User, order.received_by_id)
    live = [i for i in order.items if i.status != "voided"]
    ways = {i.return_way for i in live}
    return ReceiptData(
        order_number=order.number,
        customer_name=order.customer.name,
        customer_phone=order.contact_phone,
        customer_contact=order.contact_name,
        received_at=order.received_at.astimezone(CHINA_TZ),
        clerk=clerk.full_name if clerk else "",
        items=tuple(
            ReceiptItem(
                item_number=i.number,
                instrument_name=i.instrument_type.name,
                model=i.model,
                serial=i.serial,
                service=service_label(i.service),
                department=i.department.name,
                promised_date=i.promised_date,
                urgent=i.urgency != "normal",
            )
            for i in live
        ),
        promised_date=max(
            (i.promised_date for i in live), default=order.promised_date or dt.date.today()
        ),
        institute=institute_info(settings),
        return_way="、".join(return_way_label(w) for w in sorted(ways)),
        note=order.note,
    )


def label_size(settings: InstituteSettings) -> LabelSize:
    return LabelSize(settings.label_width_mm, settings.label_height_mm)


def labels_pdf(session: Session, order_id: int, item_ids: Sequence[int] | None = None) -> bytes:
    settings = load_settings(session)
    return render_labels_pdf(order_labels(session, order_id, item_ids), label_size(settings))


def receipt_pdf(session: Session, order_id: int) -> bytes:
    settings = load_settings(session)
    return render_receipt_pdf(receipt_of(session, order_id), settings.receipt_page)


@dataclass(frozen=True)
class PrintOutcome:
    printed: int
    failed: int
    message: str


def printer_message(error: PrinterError) -> str:
    return _(
        "标签打印机 {host}:{port} 无响应（{reason}）。委托单已保存，标签已放入补打列表。"
    ).format(host=error.host, port=error.port, reason=error.reason)


@dataclass(frozen=True)
class LabelBatch:
    """The ZPL of an order's labels, ready to send, and which items it covers."""

    host: str
    port: int
    zpl: str
    item_ids: tuple[int, ...]


def label_batch(
    session: Session,
    order_id: int,
    *,
    item_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> LabelBatch:
    """Render the labels for the configured thermal printer (reads only)."""
    settings = load_settings(session)
    if not settings.label_printer:
        raise CounterError(_("未设置标签打印机（系统设置 → 标签打印机）"))
    host, port = parse_printer_address(settings.label_printer)
    order = _load_order(session, order_id)
    items = [
        i for i in order.items if (item_ids is None or i.id in item_ids) and i.status != "voided"
    ]
    size = label_size(settings)
    zpl = []
    for n, item in enumerate(items, 1):
        label = label_of(item, order, order.customer)
        zpl.append(render_label_zpl(label, size, cjk_font=settings.label_printer_font))
        if progress:
            progress(n, len(items), item.number)
    return LabelBatch(host, port, "".join(zpl), tuple(i.id for i in items))


def record_label_outcome(
    session: Session, clock: Clock, order_id: int, batch: LabelBatch, error: PrinterError | None
) -> PrintOutcome:
    """Mark the batch's label jobs printed, or failed with the printer's answer."""
    jobs = {
        j.item_id: j
        for j in session.scalars(
            select(PrintJob).where(PrintJob.order_id == order_id, PrintJob.kind == "label")
        )
    }
    now = clock.now()
    status, reason = ("failed", error.reason) if error else ("printed", "")
    for item_id in batch.item_ids:
        job = jobs.get(item_id)
        if job is None:
            job = PrintJob(kind="label", order_id=order_id, item_id=item_id, created_at=now)
            session.add(job)
        job.attempts = (job.attempts or 0) + 1
        job.status, job.error, job.updated_at = status, reason, now
    session.flush()
    count = len(batch.item_ids)
    if error:
        return PrintOutcome(0, count, printer_message(error))
    return PrintOutcome(count, 0, "")


def print_labels(
    database: Database,
    clock: Clock,
    order_id: int,
    *,
    item_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> PrintOutcome:
    """Send an order's labels to the thermal printer and record the outcome.

    Three steps so that no transaction is open while the printer is waited for:
    render (a read), send (may take the printer's whole timeout), record (a short write).
    The order itself was committed before.
    """
    batch = read(database, lambda s: label_batch(s, order_id, item_ids=item_ids, progress=progress))
    failure: PrinterError | None = None
    try:
        send_raw(batch.host, batch.port, batch.zpl.encode("utf-8"))
    except PrinterError as error:
        failure = error
    with user_action(database) as session:
        return record_label_outcome(session, clock, order_id, batch, failure)


def mark_printed(session: Session, clock: Clock, order_id: int, kind: str) -> None:
    """The clerk printed through the system dialog: the jobs of that kind are done."""
    for job in session.scalars(
        select(PrintJob).where(PrintJob.order_id == order_id, PrintJob.kind == kind)
    ):
        job.status, job.error, job.updated_at = "printed", "", clock.now()
        job.attempts = (job.attempts or 0) + 1
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


def sample_label_zpl(settings: InstituteSettings, today: dt.date) -> str:
    """A test label with the institute's size and printer font."""
    label = LabelData(
        item_number="20261000000001",
        order_number="2026100000000",
        instrument_name=_("测试标签"),
        customer_short=settings.institute_name,
        department=settings.counter_name,
        promised_date=today,
    )
    return render_label_zpl(label, label_size(settings), cjk_font=settings.label_printer_font)


def send_test_label(settings: InstituteSettings, today: dt.date) -> str:
    """Send a test label to the printer in `settings` (not yet saved); returns its address."""
    try:
        host, port = parse_printer_address(settings.label_printer)
    except ValueError as error:
        raise CounterError(_("标签打印机设置无效：{detail}").format(detail=error)) from error
    try:
        send_raw(host, port, sample_label_zpl(settings, today).encode("utf-8"))
    except PrinterError as error:
        raise CounterError(
            _("测试标签发送失败：标签打印机 {host}:{port} 无响应（{reason}）").format(
                host=error.host, port=error.port, reason=error.reason
            )
        ) from error
    return f"{host}:{port}"
