"""The filter as SQL conditions on an item and its order, and the moments items reach a stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Subquery

from counter.statistics.rules.filters import StatFilter
from db.models import Customer, Item, Order
from db.models_certificates import CertificateRecord, FinalCheckRecord


def item_conditions(f: StatFilter, item: Any = Item) -> list[ColumnElement[bool]]:
    """Department, service, customer, sector and region as conditions on `item` alone
    (the customer through a sub-select of its orders, so no join is needed)."""
    out: list[ColumnElement[bool]] = []
    if f.department_ids:
        out.append(item.department_id.in_(f.department_ids))
    if f.service:
        out.append(item.service == f.service)
    wanted = customer_conditions(f, Order.customer_id)
    if wanted:
        out.append(item.order_id.in_(select(Order.id).where(*wanted)))
    return out


def customer_conditions(f: StatFilter, customer_id: Any) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.customer_id is not None:
        out.append(customer_id == f.customer_id)
    wanted = []
    if f.sector:
        wanted.append(Customer.sector == f.sector)
    if f.division_prefix:
        wanted.append(Customer.division_code.startswith(f.division_prefix, autoescape=True))
    if wanted:
        out.append(customer_id.in_(select(Customer.id).where(and_(*wanted))))
    return out


def finished_in(lo: dt.datetime, hi: dt.datetime) -> Subquery:
    """(item_id, at): the items finished in [lo, hi) — their certificate passed the final
    check for the first time then.  A reissue (a certificate superseding another) and a
    certificate passed again after an amendment do not finish the item again."""
    earlier = aliased(FinalCheckRecord, name="earlier")
    again = (
        select(earlier.id)
        .where(
            earlier.certificate_id == FinalCheckRecord.certificate_id,
            earlier.outcome == "passed",
            earlier.at < FinalCheckRecord.at,
        )
        .exists()
    )
    return (
        select(CertificateRecord.item_id.label("item_id"), FinalCheckRecord.at.label("at"))
        .join(CertificateRecord, CertificateRecord.id == FinalCheckRecord.certificate_id)
        .where(
            FinalCheckRecord.outcome == "passed",
            FinalCheckRecord.at >= lo,
            FinalCheckRecord.at < hi,
            CertificateRecord.supersedes_id.is_(None),
            # a revision-1 pass is the certificate's first (every save after it adds one)
            or_(FinalCheckRecord.revision == 1, ~again),
        )
        .subquery("finished")
    )
