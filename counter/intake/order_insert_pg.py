"""PostgreSQL: a received order written whole, numbered and audited in one statement.

The order's number is taken under the sequence row's lock, held to the commit, so
on the shared database the save writes everything in the statement that takes the
number: the order row with its final number, its items (their columns passed as
arrays, so the statement's text is the same for any number of items), a label per
item and the receipt, and — given a `counter.admin.audit.write.keyed_entry` — its
audit entry.  Nothing is written under a stand-in and renumbered, and the locks are
held for that statement and the commit.  The statement is built from the tables'
columns: a column the save does not set gets its default, as an insert would.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Boolean,
    Connection,
    Date,
    Integer,
    String,
    Table,
    TextClause,
    bindparam,
    text,
)

from counter.admin.audit.write import APPEND_BINDS, APPEND_CTES
from counter.intake.numbering import CHANNEL_DIGITS, ORDER_NUMBER_CTES
from db.models import Item, Order, PrintJob, UTCDateTime

_ORDERS = cast(Table, Order.__table__)
_ITEMS = cast(Table, Item.__table__)
_PRINT_JOBS = cast(Table, PrintJob.__table__)


def _quote(name: str) -> str:
    from sqlalchemy.dialects import postgresql  # loaded on PostgreSQL only, not at start

    return str(postgresql.dialect().identifier_preparer.quote(name))


def _array_type(column: Any) -> str:
    for kind, name in ((Boolean, "boolean"), (Integer, "bigint"), (Date, "date"), (String, "text")):
        if isinstance(column.type, kind):
            return name + "[]"
    raise TypeError(f"no array type for {column}")


def _insert(table: Table, given: Mapping[str, str], defaults: dict[str, Any]) -> str:
    """INSERT INTO table (every column but the id) — the values: `given` SQL, else the
    column's default (a parameter put in `defaults`), else NULL."""
    names, values = [], []
    for column in table.columns:
        if column.primary_key:
            continue
        names.append(_quote(column.name))
        if column.key in given:
            values.append(given[column.key])
        elif column.default is not None and column.default.is_scalar:
            name = f"d_{table.name}_{column.key}"
            defaults[name] = column.default.arg  # type: ignore[attr-defined]
            values.append(f":{name}")
        elif column.nullable:
            values.append("NULL")
        else:
            raise TypeError(f"{table.name}.{column.key} needs a value")
    return f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(values)}"


#: item columns passed as arrays, one element per item
ITEM_ARRAYS = (
    "seq",
    "instrument_id",
    "type_id",
    "department_id",
    "model",
    "serial",
    "manufacturer",
    "measuring_range",
    "accuracy_class",
    "service",
    "use",
    "compulsory",
    "compulsory_override_reason",
    "condition",
    "accessories",
    "urgency",
    "return_way",
    "promised_date",
)
#: order columns passed as parameters
ORDER_VALUES = (
    "customer_id",
    "channel",
    "received_by_id",
    "contact_name",
    "contact_phone",
    "note",
    "item_count",
    "status",
    "promised_date",
    "request_token",
)


def _build(audited: bool) -> tuple[TextClause, dict[str, Any]]:
    defaults: dict[str, Any] = {}
    order = {name: f":o_{name}" for name in ORDER_VALUES}
    order |= {"number": "num.number", "received_at": ":now"}
    arrays = ", ".join(f"CAST(:i_{name} AS {_array_type(_ITEMS.c[name])})" for name in ITEM_ARRAYS)
    item = {name: f"v.{name}" for name in ITEM_ARRAYS}
    item |= {
        "number": "o.number || lpad(v.seq::text, 3, '0')",
        "order_id": "o.id",
        "status": ":i_status",
        "created_at": ":now",
        "updated_at": ":now",
    }
    job = {
        "kind": "j.kind",
        "order_id": "j.order_id",
        "item_id": "j.item_id",
        "status": "'pending'",
        "created_at": ":now",
        "updated_at": ":now",
    }
    sql = f"""
        WITH {ORDER_NUMBER_CTES}, o AS (
            {_insert(_ORDERS, order, defaults)} FROM num RETURNING id, number
        ), it AS (
            {_insert(_ITEMS, item, defaults)}
            FROM o, unnest({arrays}) AS v({", ".join(ITEM_ARRAYS)})
            ORDER BY v.seq
            RETURNING id, order_id, seq
        ), jobs AS (
            {_insert(_PRINT_JOBS, job, defaults)} FROM (
                SELECT 'label' AS kind, order_id, id AS item_id, seq FROM it
                UNION ALL SELECT 'receipt', id, NULL, 1000000 FROM o
            ) AS j ORDER BY j.seq
        )"""
    binds: list[BindParameter[Any]] = [bindparam("now", type_=UTCDateTime())]
    if audited:
        sql += f""", keyed AS (SELECT number AS key, number AS key_json FROM o), {APPEND_CTES}
        SELECT o.id, o.number, (SELECT count(*) FROM chained) FROM o"""
        binds += APPEND_BINDS
    else:
        sql += " SELECT o.id, o.number, 0 FROM o"
    # one line: psycopg caches the conversion of statements up to 4 kB only
    return text(" ".join(sql.split())).bindparams(*binds), defaults


@functools.cache
def _statement(audited: bool) -> tuple[TextClause, dict[str, Any]]:
    """The statement with or without the audit entry, built when first used."""
    return _build(audited)


@dataclass(frozen=True)
class NumberedOrder:
    order_id: int
    number: str
    audited: bool  # the keyed audit entry was appended (else the caller records it)


def insert_numbered_order(
    conn: Connection,
    order: Mapping[str, Any],
    items: Sequence[Mapping[str, Any]],
    year: int,
    audit: Mapping[str, Any] | None,
) -> NumberedOrder | None:
    """Write the order, numbered, with its items and print jobs (and its audit entry);
    None when the year's order sequence does not exist yet (nothing is written then)."""
    statement, defaults = _statement(audit is not None)
    params: dict[str, Any] = {
        **defaults,
        **(audit or {}),
        "key": f"order:{year}",
        "prefix": f"{year:04d}{CHANNEL_DIGITS[order['channel']]}",
        "now": order["received_at"],
        "i_status": items[0]["status"],
    }
    params |= {f"o_{name}": order[name] for name in ORDER_VALUES}
    params |= {f"i_{name}": [item[name] for item in items] for name in ITEM_ARRAYS}
    row = conn.execute(statement, params).first()
    if row is None:
        return None
    return NumberedOrder(row[0], row[1], bool(row[2]))
