"""Intake's link to the customer's ledger: each item with a serial finds its ledger entry.

An entry is found again by (customer, type, serial), whatever its status (an entry out
of use or scrapped keeps its status: the item still links to it), or created from the
item (`counter.intake.order_store`) with the ledger columns below: the catalogue's name,
the item's use and whether it is compulsory, source "intake".  The customer's first
order also settles who owns the customer (首问负责): the department of the order's
first item, when nobody owns it yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from db.models import Customer


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
