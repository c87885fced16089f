"""Search aids kept by the database itself (triggers of migration 0015).

`CustomerBigram`: every two-character piece of a customer's `search_text`, so that a
two-character fragment (济宁, 13, jn) is found from an index; FTS5's trigram tokenizer
and pg_trgm answer three or more characters only.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class CustomerBigram(Base):
    __tablename__ = "customer_bigrams"
    __table_args__ = ({"sqlite_with_rowid": False},)

    bigram: Mapped[str] = mapped_column(String(2), primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, ForeignKey("customers.id"), primary_key=True)
