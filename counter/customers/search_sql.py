"""The customer search's statements, built once per shape and run with the text's values
as parameters (building a statement of six unions costs more than the database's answer).

A shape is the engine, which index finds substrings (the bigram table for two characters,
FTS5 trigrams on SQLite for more, else LIKE), whether initials may be typed as a
subsequence, and whether only the prefix indexes are asked.  `search_rows` answers as
`counter.customers.records.search_customers` describes.
"""

from __future__ import annotations

import functools
from typing import Any, Literal, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    case,
    func,
    or_,
    select,
    text,
    union,
)
from sqlalchemy.orm import Session

from counter.customers.rules.search_keys import normalize_query
from db.collation import orders_by_code_point
from db.models import Customer
from db.models_search import CustomerBigram

# at most this many substring matches are ranked; a broader query shows the best
# of them and the clerk types more to narrow it down
CANDIDATES = 500
BIGRAM = 2
TRIGRAM = 3
_MAX_INITIALS = 10
_TOP = "\U0010ffff"

Finder = Literal["bigram", "fts", "like"]


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _initials_pattern(q: str) -> str | None:
    """'lcjl' → 'l%c%j%l%': initials typed with some left out (聊城[市]计量 for 聊城市计量测试所).

    Only for a few ASCII letters, as clerks type initials; the first letter stays first.
    """
    if not (2 <= len(q) <= _MAX_INITIALS and q.isascii() and q.isalpha()):
        return None
    return "%".join(q) + "%"


def _prefix(column: Any, name: str, ranged: bool) -> ColumnElement[bool]:
    """column starts with the parameter `name`: a range where the text is ordered by code
    point (`ranged`: the index answers it; SQLite's LIKE folds case and cannot use it, nor
    can PostgreSQL's under any collation but C), LIKE 'name%' elsewhere."""
    if ranged:
        return and_(column >= bindparam(name), column < bindparam(f"{name}_top"))
    return cast("ColumnElement[bool]", column.like(bindparam(f"{name}_starts"), escape="\\"))


def _subsequence(ranged: bool) -> ColumnElement[bool]:
    # the first letter's range comes from the initials index; LIKE checks the rest
    return and_(_prefix(Customer.pinyin_initials, "first", ranged),
                Customer.pinyin_initials.like(bindparam("initials_pattern")))  # fmt: skip


def _subsequence_part(ranged: bool, by_initials: bool) -> Any:
    """Up to CANDIDATES customers whose initials hold the typed ones as a subsequence.

    `by_initials` (PostgreSQL): the initials that match, read from their index alone, then
    the customers having them; PostgreSQL cannot read an id from that index and fetched
    every customer of the first letter to test it (a tenth of them, 0.2 s at 500,000).
    SQLite's index of the initials holds the rowid: it reads the ids from it already."""
    if not by_initials:
        return select(Customer.id).where(_subsequence(ranged)).limit(CANDIDATES)
    initials = select(Customer.pinyin_initials).where(_subsequence(ranged)).limit(CANDIDATES)
    return select(Customer.id).where(Customer.pinyin_initials.in_(initials.scalar_subquery()))


def _prefix_parts(ranged: bool) -> list[Any]:
    return [
        select(Customer.id).where(_prefix(column, "q", ranged)).limit(CANDIDATES)
        for column in (Customer.pinyin_initials, Customer.name, Customer.phone)
    ]


def _contains_part(finder: Finder) -> Any:
    if finder == "bigram":  # the bigram index (migration 0015): trigrams cannot answer two
        return (
            select(CustomerBigram.customer_id.label("id"))
            .where(CustomerBigram.bigram == bindparam("q"))
            .limit(CANDIDATES)
        )
    if finder == "fts":
        found = text(
            "SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH :phrase LIMIT :cap"
        ).bindparams(cap=CANDIDATES)
        return select(found.columns(id=Integer).subquery().c.id)
    # PostgreSQL's trigram index serves this LIKE; one character scans until enough
    contains = Customer.search_text.like(bindparam("contains"), escape="\\")
    return select(Customer.id).where(contains).limit(CANDIDATES)


@functools.lru_cache(maxsize=64)
def _statement(
    ranged: bool, finder: Finder, subsequence: bool, prefixes_only: bool, postgresql: bool
) -> Select[Any]:
    starts: Any = bindparam("starts")
    contains = Customer.search_text.like(bindparam("contains"), escape="\\")
    rank = case(
        (Customer.pinyin_initials.like(starts, escape="\\"), 0),
        (Customer.name.like(starts, escape="\\"), 0),
        (Customer.phone.like(starts, escape="\\"), 1),
        (contains, 2),
        else_=3,  # initials as a subsequence
    )
    parts = _prefix_parts(ranged)
    if not prefixes_only:
        if subsequence:
            parts.append(_subsequence_part(ranged, by_initials=postgresql))
        parts.append(_contains_part(finder))
    candidates = union(*(p.subquery().select() for p in parts)).subquery()
    among: ColumnElement[bool] = Customer.id.in_(select(candidates.c.id))
    if postgresql:
        # the candidates as an array: PostgreSQL reads them by id and tests the text on
        # them, where for IN it answered the LIKE below from the trigram index again
        # (digits' trigrams are in most customers': 15 ms for a credit code's each time)
        among = Customer.id == any_(func.array(select(candidates.c.id).scalar_subquery()))
    matches = or_(contains, _subsequence(ranged)) if subsequence else contains
    return (
        select(
            Customer.id,
            Customer.name,
            Customer.short_name,
            Customer.credit_code,
            Customer.contact_name,
            Customer.phone,
            Customer.address,
            Customer.account_customer,
            rank,
        )
        .where(among, Customer.active, matches)
        .order_by(rank, Customer.name)
        .limit(bindparam("limit", literal_execute=False))
    )


def _prefixes_decide(q: str) -> bool:
    """Whether the prefix indexes find every prefix match LIKE would: always, but for text
    mixing Latin letters with other characters (SQLite's LIKE ignores the letters' case; an
    all-letters-and-digits text finds such names by their initials instead)."""
    return (q.isascii() and q.isalnum()) or not any(c.isascii() and c.isalpha() for c in q)


def _params(q: str, limit: int) -> dict[str, Any]:
    escaped = like_escape(q)
    params: dict[str, Any] = {
        "q": q,
        "q_top": q + _TOP,
        "q_starts": f"{escaped}%",
        "starts": f"{escaped}%",
        "contains": f"%{escaped}%",
        "phrase": '"' + q.replace('"', '""') + '"',
        "limit": limit,
    }
    pattern = _initials_pattern(q)
    if pattern is not None:
        first = q[0]
        params |= {
            "first": first,
            "first_top": first + _TOP,
            "first_starts": f"{like_escape(first)}%",
            "initials_pattern": pattern,
        }
    return params


_ORDER_KEY = "counter_code_point_order"


def _code_point_order(session: Session) -> bool:
    """Whether the PostgreSQL database orders text by code point (`db.collation`): then a
    prefix is a range of its plain indexes, which LIKE 'q%' cannot use there (a sequential
    scan of the customers per prefix, 160 ms at 500,000); elsewhere LIKE 'q%' uses the
    pattern indexes of migration 0017.  Asked once per pooled connection."""
    conn = session.connection()
    known = conn.info.get(_ORDER_KEY)
    if known is None:
        known = conn.info[_ORDER_KEY] = orders_by_code_point(conn)
    return bool(known)


def starts_with(session: Session, column: Any, text: str) -> ColumnElement[bool]:
    """`column` starts with `text`, as its plain index can answer it where the database
    orders text by code point (a range), else LIKE 'text%'."""
    ranged = session.get_bind().dialect.name == "sqlite" or _code_point_order(session)
    if ranged:
        return and_(column >= text, column < text + _TOP)
    return cast("ColumnElement[bool]", column.startswith(text, autoescape=True))


def search_rows(session: Session, query: str, limit: int) -> list[tuple[Any, ...]]:
    """The best `limit` customers for what the clerk typed: (id, name, short_name,
    credit_code, contact_name, phone, address, account_customer) each."""
    q = normalize_query(query)
    if not q:
        return []
    dialect = session.get_bind().dialect.name
    finder: Finder = (
        "bigram"
        if len(q) == BIGRAM
        else "fts"
        if dialect == "sqlite" and len(q) >= TRIGRAM
        else "like"
    )
    subsequence = _initials_pattern(q) is not None
    params = _params(q, limit)
    ranged = dialect == "sqlite" or _code_point_order(session)
    postgresql = dialect != "sqlite"
    if _prefixes_decide(q):
        # enough prefix matches (rank 0 and 1) fill the list before any substring would
        statement = _statement(ranged, finder, subsequence, True, postgresql)
        rows = session.execute(statement, params).all()
        if len(rows) == limit and rows[-1][-1] <= 1:
            return [tuple(row[:-1]) for row in rows]
    rows = session.execute(_statement(ranged, finder, subsequence, False, postgresql), params).all()
    return [tuple(row[:-1]) for row in rows]
