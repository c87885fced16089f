"""Papers of a handover: the slip, the parcel's address label, the certificates; and the
search by tracking number.  Data for `printing/` is built here from the stored release.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.admin.print_fonts import printing_fonts
from counter.admin.settings import load_settings
from counter.certificates.pdf import certificate_pdf
from counter.clock import CHINA_TZ, Clock
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.documents import institute_info
from counter.intake.scan import clean_code
from counter.release.rating_code import rating_code_of
from counter.release.rules.rating_code import qr_text, shown
from db.models import Customer, Item, Order
from db.models_certificates import CertificateRecord
from db.models_release import MailDispatch, Release, ReleaseItem
from printing.address_label import AddressLabelData, LabelPage, render_address_label_pdf
from printing.handover import HandoverData, HandoverItem, render_handover_pdf


def get_release(session: Session, release_id: int) -> Release:
    release = session.scalar(
        select(Release)
        .where(Release.id == release_id)
        .options(
            selectinload(Release.items).selectinload(ReleaseItem.item).selectinload(Item.order),
            selectinload(Release.items)
            .selectinload(ReleaseItem.item)
            .selectinload(Item.instrument_type),
        )
    )
    if release is None:
        raise NotFound(_("交接单不存在"))
    return release


def handover_data(session: Session, release_id: int) -> HandoverData:
    release = get_release(session, release_id)
    mail = release.mail
    orders = tuple(dict.fromkeys(ri.item.order.number for ri in release.items))
    return HandoverData(
        institute=institute_info(load_settings(session)),
        release_number=release.number,
        way={"mail": "邮寄", "handover": "现场交付"}.get(release.way, "自取"),
        customer_name=release.customer.name,
        order_numbers=orders,
        released_at=release.at.astimezone(CHINA_TZ),
        clerk=release.clerk.full_name,
        items=tuple(
            HandoverItem(
                ri.item.number,
                ri.item.instrument_type.name,
                ri.item.model,
                ri.item.serial,
                ri.certificate_number,
                f"退回未检：{ri.note}" if ri.note else "",
            )
            for ri in release.items
        ),
        collector_name=release.collector_name,
        collector_phone=release.collector_phone,
        collector_id_digits=release.collector_id_digits,
        signature_png=release.signature_png,
        paper=release.paper_slip,
        courier=mail.courier if mail else "",
        tracking_number=mail.tracking_number if mail else "",
        address=mail.address if mail else "",
        override_note=release.override_reason,
        **_rating(rating_code_of(session, release.order_id)),
    )


def _rating(code: str) -> dict[str, str]:
    """The slip's rating code and its QR text; none for an order released before codes."""
    return {"rating_code": shown(code), "rating_qr": qr_text(code)} if code else {}


def handover_pdf(session: Session, release_id: int, page_size: str = "A5") -> bytes:
    data = handover_data(session, release_id)
    with printing_fonts(load_settings(session)):
        return render_handover_pdf(data, page_size)


def address_label_data(session: Session, release_id: int) -> AddressLabelData:
    release = get_release(session, release_id)
    mail = release.mail
    if mail is None:
        raise NotFound(_("交接单 {number} 不是邮寄").format(number=release.number))
    orders = "、".join(dict.fromkeys(ri.item.order.number for ri in release.items))
    return AddressLabelData(
        courier=mail.courier,
        tracking_number=mail.tracking_number,
        recipient=mail.recipient,
        phone=mail.phone,
        address=mail.address,
        sender=institute_info(load_settings(session)),
        release_number=release.number,
        contents=f"计量器具 {len(release.items)} 件（委托单 {orders}）",
    )


def address_label_pdf(session: Session, release_id: int, page: LabelPage | None = None) -> bytes:
    data = address_label_data(session, release_id)
    with printing_fonts(load_settings(session)):
        return render_address_label_pdf(data, page or LabelPage())


def release_certificates(
    session: Session, clock: Clock, release_id: int
) -> list[tuple[str, bytes]]:
    """(certificate number, PDF) of every certificate that left with the release."""
    release = get_release(session, release_id)
    numbers = [ri.certificate_number for ri in release.items if ri.certificate_number]
    rows = session.execute(
        select(CertificateRecord.number, CertificateRecord.id).where(
            CertificateRecord.number.in_(numbers)
        )
    )
    ids = {key: value for key, value in rows}
    return [(n, certificate_pdf(session, ids[n], clock)) for n in numbers if n in ids]


@dataclass(frozen=True)
class MailRow:
    release_id: int
    release_number: str
    tracking_number: str
    courier: str
    recipient: str
    phone: str
    address: str
    customer: str
    at: dt.datetime
    item_numbers: tuple[str, ...]


def find_by_tracking(session: Session, number: str, limit: int = 50) -> list[MailRow]:
    """Parcels by tracking number: the exact number, else every number containing it."""
    code = clean_code(number)
    if not code:
        return []
    base = (
        select(MailDispatch, Release, Customer.name)
        .join(Release, Release.id == MailDispatch.release_id)
        .join(Customer, Customer.id == Release.customer_id)
        .order_by(Release.at.desc(), Release.id.desc())
        .limit(limit)
    )
    rows = list(session.execute(base.where(MailDispatch.tracking_number == code)))
    if not rows:
        part = MailDispatch.tracking_number.contains(code, autoescape=True)
        rows = list(session.execute(base.where(part)))
    items: dict[int, list[str]] = {}
    for release_id, item_number in session.execute(
        select(ReleaseItem.release_id, Item.number)
        .join(Item, Item.id == ReleaseItem.item_id)
        .where(ReleaseItem.release_id.in_([r.id for _m, r, _c in rows]))
        .order_by(Item.number)
    ):
        items.setdefault(release_id, []).append(item_number)
    return [
        MailRow(
            r.id,
            r.number,
            m.tracking_number,
            m.courier,
            m.recipient,
            m.phone,
            m.address,
            customer,
            r.at,
            tuple(items.get(r.id, ())),
        )
        for m, r, customer in rows
    ]


def releases_of_order(session: Session, order_id: int) -> list[Release]:
    """Every handover of an order's items, oldest first."""
    query = select(Release).where(
        Release.id.in_(
            select(ReleaseItem.release_id)
            .join(Item, Item.id == ReleaseItem.item_id)
            .where(Item.order_id == order_id)
        )
    )
    return list(session.scalars(query.order_by(Release.at, Release.id)))


@dataclass(frozen=True)
class MailDefaults:
    recipient: str
    phone: str
    address: str


def mail_defaults(session: Session, order_id: int) -> MailDefaults:
    """Recipient, phone and address proposed for a parcel: the order's contact, the customer's
    address (the clerk may change any of them)."""
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("委托单不存在"))
    customer = order.customer
    return MailDefaults(
        order.contact_name or customer.contact_name or customer.name,
        order.contact_phone or customer.phone,
        customer.address,
    )
