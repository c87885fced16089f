"""Intake's link to the customer's ledger: each item with a serial finds its ledger entry.

An entry is found again by (customer, type, serial), whatever its status (an entry out
of use or scrapped keeps its status: the item still links to it), or created from the
item: the catalogue's name, the item's use and whether it is compulsory, source
"intake".  The customer's first order also settles who owns the customer (首问负责):
the department of the order's first item, when nobody owns it yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import select, tuple_, update
from sqlalchemy.orm import Session

from counter.intake.catalog import TypeInfo, types_by_id
from db.models import Customer, Instrument


class DraftLike(Protocol):
    """What linking reads of an item draft (`counter.intake.receive.ItemDraft`)."""

    @property
    def type_id(self) -> int: ...
    @property
    def serial(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def manufacturer(self) -> str: ...
    @property
    def measuring_range(self) -> str: ...
    @property
    def accuracy_class(self) -> str: ...
    @property
    def use(self) -> str: ...


D = TypeVar("D", bound=DraftLike)


def link_instruments(
    session: Session,
    customer_id: int,
    items: Sequence[D],
    now: dt.datetime,
    compulsory: Callable[[TypeInfo, D], bool],
) -> list[Instrument | None]:
    """The ledger entry of every item with a serial (None without one), found or created."""
    keys = {(i.type_id, i.serial.strip()) for i in items if i.serial.strip()}
    known: dict[tuple[int, str], Instrument] = {}
    if keys:
        rows = session.scalars(
            select(Instrument).where(
                Instrument.customer_id == customer_id,
                tuple_(Instrument.type_id, Instrument.serial).in_(list(keys)),
            )
        )
        known = {(r.type_id, r.serial): r for r in rows}
    customer = session.get(Customer, customer_id)
    owner_missing = bool(items) and customer is not None and customer.owner_department_id is None
    wanted = {k[0] for k in keys - known.keys()} | ({items[0].type_id} if owner_missing else set())
    types = types_by_id(session, wanted) if wanted else {}
    if owner_missing and items[0].type_id in types:
        claim_owner(session, customer_id, types[items[0].type_id].department_id)
    result: list[Instrument | None] = []
    for d in items:
        key = (d.type_id, d.serial.strip())
        if not key[1]:
            result.append(None)
            continue
        inst = known.get(key)
        if inst is None:
            info = types[d.type_id]
            inst = Instrument(
                customer_id=customer_id,
                type_id=d.type_id,
                serial=key[1],
                model=d.model.strip(),
                manufacturer=d.manufacturer.strip(),
                measuring_range=d.measuring_range.strip(),
                accuracy_class=d.accuracy_class.strip(),
                created_at=now,
                **ledger_fields(info.name, d.use, compulsory(info, d), now),
            )
            session.add(inst)
            known[key] = inst
        result.append(inst)
    session.flush()
    return result


def ledger_fields(type_name: str, use: str, compulsory: bool, now: dt.datetime) -> dict[str, Any]:
    """The ledger columns of an entry intake creates, beside customer, type, serial and the
    item's model, manufacturer, range and class (a Core insert can take them as they are)."""
    return {
        "name": type_name,
        "use": use,
        "compulsory": compulsory,
        "source": "intake",
        "status": "in_use",
        "updated_at": now,
    }


def claim_owner(session: Session, customer_id: int, department_id: int) -> None:
    """首问负责: the department takes the customer unless one already owns it (one statement)."""
    session.execute(
        update(Customer)
        .where(Customer.id == customer_id, Customer.owner_department_id.is_(None))
        .values(owner_department_id=department_id)
    )
