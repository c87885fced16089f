"""Customers found by a text, for lists filtered by customer (the orders list's text filter).

Every customer whose search text holds the text, not only the best twenty as
`counter.customers.records.search_customers` shows, through the same indexes.
"""

from __future__ import annotations

from sqlalchemy import Integer, Select, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from counter.customers.rules.search_keys import normalize_query
from counter.customers.search_sql import BIGRAM, TRIGRAM, like_escape
from db.models import Customer
from db.models_search import CustomerBigram


def matching_customer_ids(query: str, dialect: str) -> Select[int]:
    """The ids of every customer whose search text holds `query` (as search_customers
    matches substrings, uncapped), found through the search indexes: for filters such as
    the orders list's text filter.  Both indexes are exact for what they answer (the
    bigram table for two characters, FTS5 trigram phrases for more, on the lower-cased
    search text), so their ids need no second look at the customers' rows."""
    q = normalize_query(query)
    if len(q) == BIGRAM:
        return select(CustomerBigram.customer_id).where(CustomerBigram.bigram == q)
    if dialect == "sqlite" and len(q) >= TRIGRAM:
        phrase = '"' + q.replace('"', '""') + '"'
        found = text("SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH :phrase")
        return select(found.bindparams(phrase=phrase).columns(id=Integer).subquery().c.id)
    # PostgreSQL's trigram index serves this LIKE; one character reads them all
    return select(Customer.id).where(Customer.search_text.like(f"%{like_escape(q)}%", escape="\\"))


def _capped_count(session: Session, ids: Select[int], cap: int) -> int:
    return session.scalar(select(func.count()).select_from(ids.limit(cap).subquery())) or 0


def few_customer_ids(session: Session, query: str, few: int) -> Select[int] | None:
    """The ids of the customers whose search text holds `query` when fewer than `few` do;
    None when more do (有限公司) or the text is one character, so that a caller does better
    to test rows as it reads them.  Told from the indexes, each read at most `few` deep:
    a pair of the text's characters that fewer than `few` customers have, else for a longer
    text whose pairs are all common (pinyin initials) the substring index (FTS5 trigrams,
    pg_trgm)."""
    q = normalize_query(query)
    # pairs of Latin letters and digits (pinyin initials, phone digits) are all common
    latin = len(q) >= TRIGRAM and q.isascii() and q.isalnum()
    for gram in dict.fromkeys(q[i : i + 2] for i in range(0 if latin else len(q) - 1)):
        postings = select(CustomerBigram.customer_id).where(CustomerBigram.bigram == gram)
        if _capped_count(session, postings, few) < few:
            if len(q) == BIGRAM:
                return postings
            contains = Customer.search_text.like(f"%{like_escape(q)}%", escape="\\")
            return select(Customer.id).where(Customer.id.in_(postings), contains)
    if len(q) < TRIGRAM:
        return None
    dialect = session.get_bind().dialect.name
    matching = matching_customer_ids(q, dialect)
    if dialect == "postgresql":
        # the ids, not their count: PostgreSQL's LIKE rechecks each customer's row found
        # by the trigrams, which the caller's query would do a second time
        ids = list(session.scalars(matching.limit(few)))
        if len(ids) >= few:
            return None
        return select(func.unnest(bindparam("few_ids", ids, type_=ARRAY(Integer))))
    return matching if _capped_count(session, matching, few) < few else None
