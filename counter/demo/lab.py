"""The demo's lab side: standards, signing authorisations, and items driven through the real
functions (certificate saved by the lab, final check passed by the supervisor, handed over).

So every demo item's state agrees with its documents: a drafted item has a certificate
awaiting review, a checked item one that passed the final check, a released item a
release record.  Dates are relative to the demo's clock, so the registers stay valid.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.certificates.registers import (
    AuthorisationForm,
    StandardForm,
    grant_authorisation,
    save_standard,
)
from counter.certificates.review import pass_certificate
from counter.certificates.rules import Certificate
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.samples import STANDARDS
from counter.certificates.service import save_certificate
from counter.clock import Clock, local_date
from counter.errors import CounterError
from counter.intake.catalog import list_types
from counter.intake.item_status import move_item_status
from counter.intake.lookups import get_item
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.handover import Collector, pickup
from db.models_certificates import RegulationEntry

#: instrument type → the sample certificate the demo lab issues for it
CERTIFICATE_KINDS = {
    "电子计价秤": "scale",
    "血压计和血压表": "sphygmomanometer",
    "一般压力表": "pressure_gauge",
    "燃油加油机": "fuel_dispenser",
}
#: the demo's three signers: (verifier, checker, approver)
SIGNERS = ("zhangwei", "liuyang", "wangfang")


def standards_valid_until(clock: Clock) -> dt.date:
    return local_date(clock.now()) + dt.timedelta(days=365)


def seed_lab_registers(
    session: Session,
    admin: Actor,
    clock: Clock,
    signers: Sequence[Actor],
    type_names: Sequence[str],
) -> None:
    """The sample standards (valid for a year from today) and every signer authorised for
    every type the demo orders use."""
    until = standards_valid_until(clock)
    for std in STANDARDS:
        form = StandardForm(
            std.id, std.name, std.range, std.accuracy, std.certificate_number, until
        )
        save_standard(session, admin, clock, form)
    types = {t.name: t.id for t in list_types(session)}
    for name in sorted(set(type_names)):
        for signer in signers:
            form_a = AuthorisationForm(signer.id, types[name], until + dt.timedelta(days=365))
            grant_authorisation(session, admin, clock, form_a)


def demo_certificate(session: Session, item_id: int, clock: Clock) -> Certificate:
    """A clean certificate for the item, signed by the demo signers, on today's date."""
    item = get_item(session, item_id)
    kind = CERTIFICATE_KINDS[item.instrument_type.name]
    base = clean(kind)
    until = standards_valid_until(clock)
    today = local_date(clock.now())
    verifier, checker, approver = SIGNERS
    return dataclasses.replace(
        base,
        regulation=current_regulation(session, base.regulation, today),
        item_number=item.number,
        number="",
        customer=item.order.customer.name,
        model=item.model,
        serial=item.serial,
        manufacturer=item.manufacturer,
        accuracy_class=item.accuracy_class,
        received=None,
        page_count=None,
        performed=today,
        issued=today,
        valid_until=None,
        instrument_name=item.instrument_type.name,
        record_number=f"YS-{item.number}",
        verifier=verifier,
        checker=checker,
        approver=approver,
        standards=tuple(dataclasses.replace(s, valid_until=until) for s in base.standards),
    )


def current_regulation(session: Session, code: str, today: dt.date) -> str:
    """The regulation in force today: the register's replacement once `code` is superseded."""
    for _step in range(5):  # a chain of replacements, never a loop
        entry = session.scalar(select(RegulationEntry).where(RegulationEntry.code == code))
        if entry is None or not entry.superseded_by or not entry.superseded_on:
            return code
        if entry.superseded_on > today:
            return code
        code = entry.superseded_by
    return code


def drive_item(
    session: Session,
    clock: Clock,
    item_id: int,
    target: ItemStatus,
    *,
    lab: Actor,
    supervisor: Actor,
) -> int | None:
    """Take a received item to `target` (in the lab, drafted or checked) the way the lab and the
    supervisor would; return the certificate id, if one was written."""
    move_item_status(session, lab, clock, item_id, ItemStatus.IN_LAB)
    if target is ItemStatus.IN_LAB:
        return None
    saved = save_certificate(session, lab, clock, demo_certificate(session, item_id, clock))
    if saved.defects:
        raise CounterError("；".join(d.message_zh for d in saved.defects))
    if target is ItemStatus.CHECKED:
        pass_certificate(session, supervisor, clock, saved.certificate_id)
    return saved.certificate_id


def hand_over(
    session: Session, clerk: Actor, clock: Clock, order_id: int, item_ids: Sequence[int]
) -> None:
    """The customer collected these items (signed a paper handover note)."""
    pickup(session, clerk, clock, order_id, item_ids, Collector("陈静", "13705352222", paper=True))
