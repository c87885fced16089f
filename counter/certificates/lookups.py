"""What the certificate screens show: register lists, who may sign, an item's starting draft.

Plain rows (no ORM objects leave the session), and `certificate_form_data`: everything
the lab's form needs for one item in one call, with a proposed draft when the item
has no certificate yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.certificates.rules import (
    DEFAULT_STATEMENTS,
    Certificate,
    CertType,
    Defect,
    EnvCondition,
    SignRole,
    Verdict,
    compose_conclusion,
    propose_valid_until,
)
from counter.certificates.service import current_certificate
from counter.certificates.store import certificate_of, current_defects
from counter.certificates.worklist import SendBack, last_send_back
from counter.clock import local_date
from counter.errors import NotFound
from counter.i18n import _
from db.models import Customer, InstrumentType, Item, Order, User
from db.models_certificates import RegulationEntry, SignAuthorisation, StandardEntry


@dataclass(frozen=True)
class StandardRow:
    id: int
    ref: str
    name: str
    measuring_range: str
    accuracy: str
    certificate_number: str
    valid_until: dt.date | None
    active: bool
    inactive_reason: str


def list_standard_rows(session: Session, *, include_inactive: bool = False) -> list[StandardRow]:
    query = select(StandardEntry).order_by(StandardEntry.ref)
    if not include_inactive:
        query = query.where(StandardEntry.active)
    return [
        StandardRow(s.id, s.ref, s.name, s.measuring_range, s.accuracy, s.certificate_number,
                    s.valid_until, s.active, s.inactive_reason)
        for s in session.scalars(query)
    ]  # fmt: skip


@dataclass(frozen=True)
class AuthorisationRow:
    id: int
    username: str
    full_name: str
    type_id: int
    instrument_type: str
    role: str
    certificate_no: str
    valid_until: dt.date
    active: bool
    revoked_reason: str


def list_authorisations(
    session: Session, *, include_inactive: bool = False
) -> list[AuthorisationRow]:
    query = (
        select(SignAuthorisation, User.username, User.full_name, InstrumentType.name)
        .join(User, User.id == SignAuthorisation.user_id)
        .join(InstrumentType, InstrumentType.id == SignAuthorisation.type_id)
        .order_by(User.username, InstrumentType.name, SignAuthorisation.id)
    )
    if not include_inactive:
        query = query.where(SignAuthorisation.active)
    return [
        AuthorisationRow(a.id, username, full, a.type_id, kind, a.role, a.certificate_no,
                         a.valid_until, a.active, a.revoked_reason)
        for a, username, full, kind in session.execute(query)
    ]  # fmt: skip


def role_label(role: str) -> str:
    """A signing role for people: "" means any of the three."""
    return {
        "": _("检定员/核验员/批准人"),
        SignRole.VERIFIER: _("检定员"),
        SignRole.CHECKER: _("核验员"),
        SignRole.APPROVER: _("批准人"),
    }[role]


@dataclass(frozen=True)
class Signer:
    username: str
    full_name: str
    roles: frozenset[SignRole]  # the roles this person may sign in


def signers_for_type(session: Session, type_id: int, on: dt.date) -> list[Signer]:
    """Active people holding an authorisation for the type that is valid on `on`."""
    query = (
        select(User.username, User.full_name, SignAuthorisation.role)
        .join(User, User.id == SignAuthorisation.user_id)
        .where(
            SignAuthorisation.type_id == type_id,
            SignAuthorisation.active,
            SignAuthorisation.valid_until >= on,
            User.active,
        )
        .order_by(User.username)
    )
    found: dict[str, tuple[str, set[SignRole]]] = {}
    for username, full, role in session.execute(query):
        roles = found.setdefault(username, (full, set()))[1]
        roles.update({SignRole(role)} if role else set(SignRole))
    return [Signer(u, full, frozenset(roles)) for u, (full, roles) in found.items()]


def list_regulation_codes(session: Session) -> list[str]:
    return list(session.scalars(select(RegulationEntry.code).order_by(RegulationEntry.code)))


# --- the lab's form -----------------------------------------------------------------


@dataclass(frozen=True)
class ItemForCertificate:
    item_id: int
    item_number: str
    type_id: int
    instrument_type: str
    customer: str
    model: str
    serial: str
    manufacturer: str
    accuracy_class: str
    received: dt.date
    service: str  # "verification" | "calibration" | "testing" | "repair"
    regulation: str  # what the catalogue names
    period_months: int | None


@dataclass(frozen=True)
class CertificateFormData:
    item: ItemForCertificate
    certificate: Certificate  # the live one, or a proposed draft
    certificate_id: int | None  # None: nothing saved yet
    status: str  # "" when nothing is saved yet
    regulations: tuple[str, ...]
    standards: tuple[StandardRow, ...]
    signers: tuple[Signer, ...]
    today: dt.date  # at the counter, for dates the lab has not given
    defects: tuple[Defect, ...] = ()  # the latest check's findings of the saved certificate
    send_back: SendBack | None = None  # the supervisor's reason, while the lab must act on it


_TYPE_BY_SERVICE = {
    "verification": CertType.VERIFICATION_CERTIFICATE,
    "calibration": CertType.CALIBRATION_CERTIFICATE,
    "testing": CertType.TEST_REPORT,
    "repair": CertType.VERIFICATION_CERTIFICATE,
}


def draft_for_item(item: ItemForCertificate, today: dt.date) -> Certificate:
    """A starting certificate: what intake and the catalogue already say."""
    kind = _TYPE_BY_SERVICE.get(item.service, CertType.VERIFICATION_CERTIFICATE)
    verification = kind is CertType.VERIFICATION_CERTIFICATE
    valid = (
        propose_valid_until(today, item.period_months)
        if verification and item.period_months
        else None
    )
    return Certificate(
        type=kind, number="", item_number=item.item_number, customer=item.customer,
        instrument_name=item.instrument_type, model=item.model, serial=item.serial,
        manufacturer=item.manufacturer, accuracy_class=item.accuracy_class,
        regulation=item.regulation, verdict=Verdict.PASS if verification else Verdict.NONE,
        conclusion=compose_conclusion(Verdict.PASS, item.accuracy_class) if verification else "",
        received=item.received, performed=today, issued=today, valid_until=valid,
        location="本所实验室",  # printed on the certificate: always Chinese
        environment=(EnvCondition("温度", "", "℃"), EnvCondition("相对湿度", "", "%RH")),
        statement=DEFAULT_STATEMENTS[kind],
    )  # fmt: skip


def certificate_form_data(session: Session, item_id: int, now: dt.datetime) -> CertificateFormData:
    found = session.execute(
        select(Item, InstrumentType, Customer.name, Order.received_at)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .where(Item.id == item_id)
    ).first()
    if found is None:
        raise NotFound(_("器具不存在"))
    row, kind, customer, received = found
    item = ItemForCertificate(
        row.id, row.number, kind.id, kind.name, customer, row.model, row.serial,
        row.manufacturer, row.accuracy_class, local_date(received), row.service,
        kind.regulation, kind.period_months,
    )  # fmt: skip
    today = local_date(now)
    live = current_certificate(session, item_id)
    return CertificateFormData(
        item,
        certificate_of(live) if live is not None else draft_for_item(item, today),
        live.id if live is not None else None,
        live.status if live is not None else "",
        tuple(list_regulation_codes(session)),
        tuple(list_standard_rows(session)),
        tuple(signers_for_type(session, kind.id, today)),
        today,
        tuple(current_defects(session, live)) if live is not None else (),
        last_send_back(session, live) if live is not None else None,
    )
