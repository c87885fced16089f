"""The customer search's statements, built once per shape and run with the text's values
as parameters (building a statement of six unions costs more than the database's answer).

A shape is the engine, which index finds substrings (the bigram table for two characters,
FTS5 trigrams on SQLite for more, else LIKE), whether initials may be typed as a
subsequence, whether the text may start a credit code (PostgreSQL), and whether the prefix
indexes are asked first: SQLite asks them alone and then, when too few are found, all of
them; PostgreSQL in one statement, the others gated on the prefixes' count.  `search_rows`
answers as `counter.customers.records.search_customers` describes.
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
from sqlalchemy.engine import Connection, Engine
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
#: digits from this many on may start a credit code (fewer are a phone number's)
CODE_PREFIX_MIN = 6
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


def _subsequence(ranged: bool, initials: Any = Customer.pinyin_initials) -> ColumnElement[bool]:
    # the first letter's range comes from the initials index; LIKE checks the rest
    return and_(_prefix(initials, "first", ranged),
                initials.like(bindparam("initials_pattern")))  # fmt: skip


#: what each way of finding candidates reads: their ids, or on PostgreSQL the whole of what
#: the ranking needs (see `_statement`)
Read = tuple[Any, ...]
_IDS: Read = (Customer.id,)
_ROWS: Read = (
    Customer.id,
    Customer.name,
    Customer.short_name,
    Customer.credit_code,
    Customer.contact_name,
    Customer.phone,
    Customer.address,
    Customer.account_customer,
    Customer.active,
    Customer.pinyin_initials,
    Customer.search_text,
)


def _subsequence_part(ranged: bool, by_initials: bool, read: Read = _IDS) -> Any:
    """Up to CANDIDATES customers whose initials hold the typed ones as a subsequence.

    `by_initials` (PostgreSQL): the initials that match, read from their index alone, then
    the customers having them; PostgreSQL cannot read an id from that index and fetched
    every customer of the first letter to test it (a tenth of them, 0.2 s at 500,000).
    SQLite's index of the initials holds the rowid: it reads the ids from it already."""
    if not by_initials:
        return select(*read).where(_subsequence(ranged)).limit(CANDIDATES)
    initials = select(Customer.pinyin_initials).where(_subsequence(ranged)).limit(CANDIDATES)
    return select(*read).where(Customer.pinyin_initials.in_(initials.scalar_subquery()))


def _prefix_parts(ranged: bool, read: Read = _IDS) -> list[Any]:
    return [
        select(*read).where(_prefix(column, "q", ranged)).limit(CANDIDATES)
        for column in (Customer.pinyin_initials, Customer.name, Customer.phone)
    ]


def _code_prefix(q: str) -> bool:
    """Whether `q` may be the start of a credit code (or of a 15-digit registration number)."""
    return len(q) >= CODE_PREFIX_MIN and q.isascii() and q.isalnum() and q[0].isdigit()


def _code_parts(read: Read) -> list[Any]:
    """Up to CANDIDATES customers whose text holds the start of a credit code, on PostgreSQL
    where the text is ordered by code point.

    A code's first digits are its region's, in most customers' codes: for LIKE '%913715%'
    pg_trgm reads the whole of those trigrams' postings before the first row (35 ms at
    500,000 customers).  The customers whose code starts with the text come from the code's
    own index (a range); when they are CANDIDATES already, the substring search is not
    run (a one-time filter), as for any broad text the best of CANDIDATES are shown.
    Else it runs as for any text, for the holders of the text elsewhere."""
    starts = _prefix(Customer.credit_code, "code", True)
    codes = select(Customer.id).where(starts).limit(CANDIDATES)  # from the index alone
    enough = select(func.count()).select_from(codes.subquery()).scalar_subquery()
    by_code = select(*read).where(starts).limit(CANDIDATES)
    return [by_code, _contains_part("like", read).where(enough < CANDIDATES)]


def _contains_part(finder: Finder, read: Read = _IDS) -> Any:
    if finder == "bigram":  # the bigram index (migration 0015): trigrams cannot answer two
        ids = (
            select(CustomerBigram.customer_id.label("id"))
            .where(CustomerBigram.bigram == bindparam("q"))
            .limit(CANDIDATES)
        )
        if read == _IDS:
            return ids
        # an array, for the customers to be looked up by id: joined, PostgreSQL walked the
        # customers in id order up to the last one found (all of them for a rare pair)
        return select(*read).where(Customer.id == any_(func.array(ids.scalar_subquery())))
    if finder == "fts":
        found = text(
            "SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH :phrase LIMIT :cap"
        ).bindparams(cap=CANDIDATES)
        return select(found.columns(id=Integer).subquery().c.id)
    # PostgreSQL's trigram index serves this LIKE; one character scans until enough
    contains = Customer.search_text.like(bindparam("contains"), escape="\\")
    return select(*read).where(contains).limit(CANDIDATES)


@functools.lru_cache(maxsize=64)
def _statement(
    ranged: bool,
    finder: Finder,
    subsequence: bool,
    prefixes_only: bool,
    postgresql: bool,
    code: bool = False,
) -> Select[Any]:
    """SQLite's statements: only the prefixes' (`prefixes_only`), or all of them; on
    PostgreSQL one statement, the other ways asked when the prefixes' are too few
    (`prefixes_only` then tells that the prefixes decide)."""
    if postgresql:
        return _statement_of_rows(ranged, finder, subsequence, prefixes_only, code)
    rank, matches = _ranking(Customer, ranged, subsequence)
    parts = _prefix_parts(ranged)
    if not prefixes_only:
        if subsequence:
            parts.append(_subsequence_part(ranged, by_initials=False))
        parts.append(_contains_part(finder))
    candidates = union(*(p.subquery().select() for p in parts)).subquery()
    return (
        select(*_ROWS[:8], rank)
        .where(Customer.id.in_(select(candidates.c.id)), Customer.active, matches)
        .order_by(rank, Customer.name)
        .limit(bindparam("limit", literal_execute=False))
    )


def _ranking(rows: Any, ranged: bool, subsequence: bool) -> tuple[Any, ColumnElement[bool]]:
    """The rank of a row of `rows` (Customer or the candidates' rows) and whether it is found
    at all: prefix of the initials or name 0, of the phone 1, a substring 2, the initials
    as a subsequence 3."""
    starts: Any = bindparam("starts")
    contains = rows.search_text.like(bindparam("contains"), escape="\\")
    rank = case(
        (rows.pinyin_initials.like(starts, escape="\\"), 0),
        (rows.name.like(starts, escape="\\"), 0),
        (rows.phone.like(starts, escape="\\"), 1),
        (contains, 2),
        else_=3,  # initials as a subsequence
    )
    matches = or_(contains, _subsequence(ranged, rows.pinyin_initials)) if subsequence else contains
    return rank, matches


def _statement_of_rows(
    ranged: bool, finder: Finder, subsequence: bool, prefixes_first: bool, code: bool
) -> Select[Any]:
    """PostgreSQL's statement, one for every text.

    Each way of finding candidates reads the candidates' rows whole as it finds them (its
    index scan reads each row anyway), and they are ranked as they come, instead of their
    ids looked up again (500 index lookups, half the time of a broad text's search).
    `prefixes_first`: the other ways run only when the prefix matches (rank 0 and 1) are
    fewer than the list holds (one-time filters on their count), what SQLite's two
    statements do in two round trips; the candidates and their ranking are the same."""
    prefixed = union(*(p.subquery().select() for p in _prefix_parts(ranged, _ROWS)))
    parts: list[Any] = []
    if subsequence:
        parts.append(_subsequence_part(ranged, by_initials=True, read=_ROWS))
    parts += _code_parts(_ROWS) if code else [_contains_part(finder, _ROWS)]
    if prefixes_first:
        found = prefixed.cte("prefixed")  # materialized: read twice
        _rank, matches = _ranking(found.c, ranged, subsequence)
        enough = select(func.count()).where(found.c.active, matches).scalar_subquery()
        parts = [part.where(enough < bindparam("enough")) for part in parts]
        candidates = union(found.select(), *(p.subquery().select() for p in parts))
    else:
        candidates = union(prefixed.subquery().select(), *(p.subquery().select() for p in parts))
    rows = candidates.subquery()
    rank, matches = _ranking(rows.c, ranged, subsequence)
    return (
        select(*(rows.c[c.key] for c in _ROWS[:8]), rank)
        .where(rows.c.active, matches)
        .order_by(rank, rows.c.name)
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
        "enough": limit,
    }
    if _code_prefix(q):
        code = q.upper()  # codes are kept in capitals, the search text in small letters
        params |= {"code": code, "code_top": code + _TOP}
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
    return _ordered_by_code_point(session.connection())


def _ordered_by_code_point(conn: Connection) -> bool:
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
    postgresql = dialect != "sqlite"
    if postgresql:
        bind = session.get_bind()
        if isinstance(bind, Engine) and not _session_began(session):
            # the one statement on a connection of its own, in autocommit: the BEGIN and
            # ROLLBACK of the session's transaction, two round trips more, cost as much
            # as the search itself (what Database.read_connection does for a scan)
            with bind.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                return _postgresql_rows(conn, q, finder, subsequence, params)
        return _postgresql_rows(session.connection(), q, finder, subsequence, params)
    ranged = True  # SQLite compares text by code point
    if _prefixes_decide(q):
        # enough prefix matches (rank 0 and 1) fill the list before any substring would
        statement = _statement(ranged, finder, subsequence, True, postgresql)
        rows = session.execute(statement, params).all()
        if len(rows) == limit and rows[-1][-1] <= 1:
            return [tuple(row[:-1]) for row in rows]
    statement = _statement(ranged, finder, subsequence, False, postgresql)
    rows = session.execute(statement, params).all()
    return [tuple(row[:-1]) for row in rows]


def _session_began(session: Session) -> bool:
    """Whether `session` has a transaction or changes of its own, which the search must see."""
    return session.in_transaction() or bool(session.new or session.dirty or session.deleted)


def _postgresql_rows(
    conn: Connection, q: str, finder: Finder, subsequence: bool, params: dict[str, Any]
) -> list[tuple[Any, ...]]:
    ranged = _ordered_by_code_point(conn)
    # SQLite's FTS5 trigram index answers a code's digits in step with the others
    code = ranged and finder == "like" and _code_prefix(q)
    statement = _statement(ranged, finder, subsequence, _prefixes_decide(q), True, code)
    return [tuple(row[:-1]) for row in conn.execute(statement, params)]
