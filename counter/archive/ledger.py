"""A customer's instrument ledger (计量器具台账): read it, add and edit entries, change status.

An entry is an `Instrument` row.  Intake creates most of them (`counter.intake.ledger_link`),
an import adds many (`counter.archive.ledger_xlsx`), a clerk adds the rest here.  Entries are
never deleted: they go out of use or are scrapped, with a date and a reason, and can come
back into use the same way.  Every change is audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, fields
from types import EllipsisType
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.archive.rules.due import DueState, LedgerStatus, RecallRule, due_state
from counter.archive.rules.ledger_form import (
    EntryForm,
    cleaned,
    due_after,
    form_problems,
    is_compulsory_use,
)
from counter.clock import Clock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer, Department, Instrument, InstrumentType


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger entry as the customer file shows it, with where it stands today."""

    id: int
    customer_id: int
    type_id: int
    serial: str
    name: str
    category: str
    kind: str
    model: str
    measuring_range: str
    accuracy_class: str
    manufacturer: str
    origin: str
    location: str
    division_code: str
    quantity: int
    use: str
    verify_mode: str
    regulator_number: str
    compulsory: bool
    status: str
    status_date: dt.date | None
    status_reason: str
    last_verified: dt.date | None
    last_result: str
    last_certificate: str
    valid_until: dt.date | None
    next_due: dt.date | None
    source: str
    created_at: dt.datetime
    updated_at: dt.datetime | None
    type_name: str
    period_months: int | None
    department_id: int
    department: str
    due: DueState


#: the entry's own columns the read model carries (the first fields of `LedgerEntry`)
OWN_COLUMNS = tuple(f.name for f in fields(LedgerEntry) if f.name in Instrument.__table__.c)


def _query() -> Select[Any]:
    return (
        select(
            *(getattr(Instrument, c) for c in OWN_COLUMNS),
            InstrumentType.name.label("type_name"),
            InstrumentType.period_months,
            InstrumentType.department_id,
            Department.name.label("department"),
        )
        .join(InstrumentType, InstrumentType.id == Instrument.type_id)
        .join(Department, Department.id == InstrumentType.department_id)
    )


def _entry(row: Any, today: dt.date, rule: RecallRule) -> LedgerEntry:
    values = row._mapping
    state = due_state(
        today,
        values["next_due"],
        status=values["status"],
        compulsory=values["compulsory"],
        verified=values["last_verified"] is not None,
        rule=rule,
    )
    return LedgerEntry(**{k: values[k] for k in values.keys()}, due=state)  # noqa: SIM118


def customer_ledger(
    session: Session, customer_id: int, today: dt.date, *, rule: RecallRule | None = None
) -> list[LedgerEntry]:
    """Every entry of the customer: in use first, then by next due date, type and serial."""
    query = (
        _query()
        .where(Instrument.customer_id == customer_id)
        .order_by(
            Instrument.status != LedgerStatus.IN_USE.value,
            Instrument.next_due.is_(None),
            Instrument.next_due,
            InstrumentType.name,
            Instrument.serial,
        )
    )
    chosen = rule or RecallRule()
    return [_entry(row, today, chosen) for row in session.execute(query)]


def get_entry(
    session: Session, entry_id: int, today: dt.date, *, rule: RecallRule | None = None
) -> LedgerEntry:
    row = session.execute(_query().where(Instrument.id == entry_id)).first()
    if row is None:
        raise NotFound(_("台账记录不存在"))
    return _entry(row, today, rule or RecallRule())


def entry_form(session: Session, entry_id: int) -> EntryForm:
    """The entry as the edit form starts (compulsory stated: the clerk sees what is stored)."""
    entry = _instrument(session, entry_id)
    return EntryForm(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(EntryForm)})


def _instrument(session: Session, entry_id: int) -> Instrument:
    entry = session.get(Instrument, entry_id)
    if entry is None:
        raise NotFound(_("台账记录不存在"))
    return entry


def recompute_due(
    entry: Instrument, period_months: int | EllipsisType | None = ...
) -> dt.date | None:
    """Set and return the entry's next due date: valid-until, else last verification plus
    the type's period (`period_months`, or the entry's type when not given).  A failed
    verification makes the entry due at once: it may not be used until verified again."""
    period = entry.type.period_months if isinstance(period_months, EllipsisType) else period_months
    entry.next_due = due_after(entry.last_verified, entry.last_result, period, entry.valid_until)
    return entry.next_due


def _snapshot(entry: Instrument) -> dict[str, Any]:
    keys = [f.name for f in dataclasses.fields(EntryForm)]
    keys += ["status", "status_date", "status_reason", "next_due"]
    return {k: getattr(entry, k) for k in keys}


def _checked(session: Session, form: EntryForm) -> tuple[EntryForm, InstrumentType]:
    form = cleaned(form)
    problems = form_problems(form)
    kind = session.get(InstrumentType, form.type_id)
    if kind is None:
        problems.insert(0, _("器具名称不在目录中，请从目录中选择"))
    if problems:
        raise ValidationError(problems)
    assert kind is not None
    return form, kind


def _same_key(session: Session, customer_id: int, form: EntryForm, own_id: int | None) -> None:
    other = session.scalar(
        select(Instrument.id).where(
            Instrument.customer_id == customer_id,
            Instrument.type_id == form.type_id,
            Instrument.serial == form.serial,
        )
    )
    if other is not None and other != own_id:
        serial = form.serial or _("（无编号）")
        raise ValidationError(
            [_("台账中已有同一器具（出厂编号 {serial}），请编辑那一条").format(serial=serial)]
        )


def _apply(entry: Instrument, form: EntryForm, kind: InstrumentType) -> None:
    for f in dataclasses.fields(EntryForm):
        if f.name != "compulsory":
            setattr(entry, f.name, getattr(form, f.name))
    entry.name = form.name or kind.name
    entry.compulsory = (
        form.compulsory
        if form.compulsory is not None
        else is_compulsory_use(kind.compulsory_uses, form.use)
    )
    recompute_due(entry, kind.period_months)


def add_entry(
    session: Session, actor: Actor, clock: Clock, customer_id: int, form: EntryForm
) -> LedgerEntry:
    """A ledger entry the clerk types in (an instrument that has not been to the counter)."""
    require(session, actor, Perm.EDIT_LEDGER)
    if session.get(Customer, customer_id) is None:
        raise NotFound(_("客户不存在"))
    form, kind = _checked(session, form)
    _same_key(session, customer_id, form, None)
    now = clock.now()
    entry = Instrument(customer_id=customer_id, created_at=now, updated_at=now, source="manual")
    entry.status = LedgerStatus.IN_USE.value
    _apply(entry, form, kind)
    session.add(entry)
    session.flush()
    after = _snapshot(entry)
    record(session, actor, clock, "ledger.add", "instrument", str(entry.id), after=after)
    return get_entry(session, entry.id, local_date(now))


def update_entry(
    session: Session, actor: Actor, clock: Clock, entry_id: int, form: EntryForm
) -> LedgerEntry:
    require(session, actor, Perm.EDIT_LEDGER)
    entry = _instrument(session, entry_id)
    form, kind = _checked(session, form)
    _same_key(session, entry.customer_id, form, entry.id)
    old = _snapshot(entry)
    _apply(entry, form, kind)
    before, after = changes(old, _snapshot(entry))
    if after:
        entry.updated_at = clock.now()
        record(
            session,
            actor,
            clock,
            "ledger.update",
            "instrument",
            str(entry.id),
            before=before,
            after=after,
        )
    session.flush()
    return get_entry(session, entry.id, local_date(clock.now()))


def set_status(
    session: Session,
    actor: Actor,
    clock: Clock,
    entry_id: int,
    status: str,
    day: dt.date,
    reason: str,
) -> LedgerEntry:
    """Out of use, scrapped, or back in use — always with the date and the reason."""
    require(session, actor, Perm.EDIT_LEDGER)
    entry = _instrument(session, entry_id)
    problems = []
    if status not in set(LedgerStatus):
        problems.append(_("状态无效"))
    elif status == entry.status:
        problems.append(_("状态没有变化"))
    if not reason.strip():
        problems.append(_("请填写状态变更的原因"))
    if day > local_date(clock.now()):
        problems.append(_("状态变更日期不能晚于今天"))
    if problems:
        raise ValidationError(problems)
    before = {"status": entry.status, "status_date": entry.status_date}
    entry.status = status
    entry.status_date = day
    entry.status_reason = reason.strip()
    entry.updated_at = clock.now()
    session.flush()
    record(
        session,
        actor,
        clock,
        "ledger.status",
        "instrument",
        str(entry.id),
        before=before,
        after={"status": status, "status_date": day},
        reason=entry.status_reason,
    )
    return get_entry(session, entry.id, local_date(clock.now()))
