"""What a scanned code is: an item, an order, a fee statement (opens its first order), or a
certificate (opens the item it belongs to: `counter.intake.numbering` keeps the two apart).

The lookup is on the hot path of every scan at every counter, so it runs one
indexed Core query and returns a small frozen dataclass, not ORM objects.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ClauseElement, Connection, Dialect, Select, bindparam, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from counter.errors import DatabaseUnavailable
from counter.i18n import _
from counter.intake.numbering import classify
from counter.session import unavailable_message
from db.engine import Database
from db.models import Customer, Department, InstrumentType, Item, Order
from db.models_billing import FeeStatement, FeeStatementOrder
from db.models_certificates import CertificateRecord


@dataclass(frozen=True)
class ScanHit:
    kind: str  # "item" | "order" | "statement" | "certificate"
    order_id: int
    order_number: str
    customer_name: str
    item_id: int | None = None
    item_number: str = ""
    instrument_name: str = ""
    department: str = ""
    status: str = ""
    promised_date: dt.date | None = None
    statement_id: int | None = None
    statement_number: str = ""
    certificate_number: str = ""


def _item_select(*extra: Any) -> Select[Any]:
    """An item with its order, customer, type and department (and `extra` columns)."""
    return (
        select(
            Item.id,
            Item.number,
            Item.status,
            Item.promised_date,
            Order.id,
            Order.number,
            Customer.name,
            InstrumentType.name,
            Department.name,
            *extra,
        )
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .join(Department, Department.id == Item.department_id)
    )


_ITEM_QUERY = _item_select().where(Item.number == bindparam("code"))

_CERTIFICATE_QUERY = (
    _item_select(CertificateRecord.number)
    .join(CertificateRecord, CertificateRecord.item_id == Item.id)
    .where(CertificateRecord.number == bindparam("code"))
)

_ORDER_QUERY = (
    select(Order.id, Order.number, Order.status, Order.promised_date, Customer.name)
    .join(Customer, Customer.id == Order.customer_id)
    .where(Order.number == bindparam("code"))
)

_STATEMENT_QUERY = (
    select(FeeStatement.id, FeeStatement.number, Order.id, Order.number, Customer.name)
    .join(FeeStatementOrder, FeeStatementOrder.statement_id == FeeStatement.id)
    .join(Order, Order.id == FeeStatementOrder.order_id)
    .join(Customer, Customer.id == FeeStatement.customer_id)
    .where(FeeStatement.number == bindparam("code"))
    .order_by(FeeStatementOrder.seq)
    .limit(1)
)


def clean_code(raw: str) -> str:
    """What the scanner typed, without spaces, control characters or a scanner's prefix."""
    return "".join(ch for ch in raw.strip() if ch.isalnum() or ch in "-/").upper()


@functools.cache
def _driver_sql(dialect: Dialect, query: ClauseElement) -> tuple[str, bool]:
    """The statement compiled once per dialect: (SQL text, positional parameters?)."""
    compiled = query.compile(dialect=dialect)
    return compiled.string, bool(getattr(compiled, "positional", False))


def _first(conn: Connection, query: ClauseElement, code: str) -> Any:
    """Run a scan statement straight on the driver: the hot path skips per-call compiling."""
    sql, positional = _driver_sql(conn.dialect, query)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, (code,) if positional else {"code": code})
        return cursor.fetchone()
    finally:
        cursor.close()


def _date(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def lookup(db: Session | Connection, raw: str) -> ScanHit | None:
    """The item or order a code names, or None when nothing has that number.

    Takes a session, or on the hot path a plain connection
    (`Database.read_connection()`).  The statements are built with SQLAlchemy
    and compiled once per dialect; each scan then costs one driver call.
    """
    code = clean_code(raw)
    kind = classify(code)
    conn = db.connection() if isinstance(db, Session) else db
    if kind == "item":
        row = _first(conn, _ITEM_QUERY, code)
        if row is None:  # a certificate numbered before the JD series has an item's shape
            return _certificate(conn, code)
        item_id, inum, status, promised, oid, onum, cname, tname, dname = row
        return ScanHit(
            "item", oid, onum, cname, item_id, inum, tname, dname, status, _date(promised)
        )
    if kind == "certificate":
        return _certificate(conn, code)
    if kind == "order":
        orow = _first(conn, _ORDER_QUERY, code)
        if orow is None:
            return None
        oid, onum, ostatus, opromised, cname = orow
        return ScanHit("order", oid, onum, cname, status=ostatus, promised_date=_date(opromised))
    if kind == "statement":
        srow = conn.execute(_STATEMENT_QUERY, {"code": code}).first()
        if srow is None:
            return None
        sid, snum, oid, onum, cname = srow
        return ScanHit("statement", oid, onum, cname, statement_id=sid, statement_number=snum)
    return None


def _certificate(conn: Connection, code: str) -> ScanHit | None:
    """The item a certificate number belongs to (the item its certificate names)."""
    row = _first(conn, _CERTIFICATE_QUERY, code)
    if row is None:
        return None
    item_id, inum, status, promised, oid, onum, cname, tname, dname, cnum = row
    return ScanHit("certificate", oid, onum, cname, item_id, inum, tname, dname, status,
                   _date(promised), certificate_number=cnum)  # fmt: skip


def unknown_code_message(raw: str) -> str:
    code = clean_code(raw)
    if not code:
        return _("扫描内容为空")
    if not classify(code):
        return _("无法识别的条码：{code}（不是本所的收件编号或委托单号）").format(code=code)
    if classify(code) == "certificate":
        return _("未找到编号为 {code} 的证书").format(code=code)
    if classify(code) == "appointment":
        return _("预约单 {code}：请在收件登记界面扫描").format(code=code)
    return _("未找到编号为 {code} 的器具或委托单").format(code=code)


def find(database: Database, raw: str) -> ScanHit | None:
    """A scan from the screen: one pooled connection, database faults in the user's words."""
    try:
        with database.read_connection() as conn:
            return lookup(conn, raw)
    except DBAPIError as error:
        raise DatabaseUnavailable(unavailable_message(error)) from error
