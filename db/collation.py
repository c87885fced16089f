"""Whether a PostgreSQL database compares text by code point.

Under such a collation (C, POSIX, C.UTF-8) a prefix is a range of a column's plain
index.  Under any other (en_US.UTF-8, zh_CN.UTF-8, an ICU locale) PostgreSQL's plain
indexes answer neither the range in code-point order nor LIKE 'q%': those databases get
`varchar_pattern_ops` indexes for the prefix searches (migration 0017), which LIKE uses.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

#: libc collations that compare text by code point (PostgreSQL's LIKE uses a plain index
#: only under "C" / "POSIX"; C.UTF-8 orders the same but is not recognised as such)
CODE_POINT_COLLATIONS = frozenset({"C", "POSIX", "C.UTF-8", "C.utf8", "C.UTF8"})
_COLLATION = text(
    "SELECT datcollate, 'B' < 'a' AND 'Z' < 'a' FROM pg_database WHERE datname = current_database()"
)


def orders_by_code_point(conn: Connection) -> bool:
    """Whether the connection's PostgreSQL database orders text by code point: its
    collation is C.UTF-8, C or POSIX, and 'B' < 'a' to be sure (an ICU default locale
    keeps datcollate but orders 'a' before 'B')."""
    name, upper_first = conn.execute(_COLLATION).one()
    return name in CODE_POINT_COLLATIONS and bool(upper_first)


#: (index, table, column): the prefix searches' columns (the customer search's initials,
#: name and phone, the credit code, the orders filter's phone)
PATTERN_INDEXES = (
    ("ix_customers_name_pattern", "customers", "name"),
    ("ix_customers_pinyin_initials_pattern", "customers", "pinyin_initials"),
    ("ix_customers_phone_pattern", "customers", "phone"),
    ("ix_customers_credit_code_pattern", "customers", "credit_code"),
)
