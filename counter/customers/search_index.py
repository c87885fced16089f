"""Customers found by a text, for lists filtered by customer (the orders list's text filter).

Every customer whose search text holds the text, not only the best twenty as
`counter.customers.records.search_customers` shows, through the same indexes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Select, select, text

from counter.customers.records import BIGRAM, TRIGRAM, like_escape
from counter.customers.rules.search_keys import normalize_query
from db.models import Customer
from db.models_search import CustomerBigram


def matching_customer_ids(query: str, dialect: str) -> Select[int]:
    """The ids of every customer whose search text holds `query` (as search_customers
    matches substrings, uncapped), found through the search indexes: for filters such as
    the orders list's text filter."""
    q = normalize_query(query)
    contains = Customer.search_text.like(f"%{like_escape(q)}%", escape="\\")
    if len(q) == BIGRAM:
        ids: Any = select(CustomerBigram.customer_id).where(CustomerBigram.bigram == q)
    elif dialect == "sqlite" and len(q) >= TRIGRAM:
        phrase = '"' + q.replace('"', '""') + '"'
        found = text("SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH :phrase")
        ids = select(found.bindparams(phrase=phrase).columns(id=Integer).subquery().c.id)
    else:  # PostgreSQL's trigram index serves this LIKE; one character reads them all
        return select(Customer.id).where(contains)
    return select(Customer.id).where(Customer.id.in_(ids), contains)
