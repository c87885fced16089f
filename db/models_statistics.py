"""Saved report definitions (same metadata as `db.models`), and the indexes statistics use.

A definition is a report kind and a filter (JSON of
`counter.statistics.rules.filters.StatFilter`); it is retired, never deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Item, User
from db.models_certificates import FinalCheckRecord


class SavedReport(Base):
    __tablename__ = "saved_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    filters: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime]
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    created_by: Mapped[User] = relationship()


# items received per department and month: one index range per cell, the table untouched
Index("ix_items_stats_received", Item.department_id, Item.created_at, Item.status, Item.order_id)
# items finished per department and month, and the turnaround histogram: index ranges
# (the histogram one range per number of working days, read in order: no sort)
Index("ix_items_stats_finished", Item.department_id, Item.finished_on, Item.order_id)
Index("ix_items_stats_turnaround", Item.turnaround_days, Item.finished_on, Item.promised_date)
# compulsory units per use and instrument type (the regulator's report), likewise
Index(
    "ix_items_stats_compulsory",
    Item.compulsory,
    Item.use,
    Item.type_id,
    Item.created_at,
    Item.status,
)
# final checks passed in a period (finished items), and "passed before?" per certificate
Index(
    "ix_final_checks_stats_at",
    FinalCheckRecord.outcome,
    FinalCheckRecord.at,
    FinalCheckRecord.certificate_id,
    FinalCheckRecord.revision,
)
Index(
    "ix_final_checks_stats_certificate",
    FinalCheckRecord.certificate_id,
    FinalCheckRecord.outcome,
    FinalCheckRecord.at,
)
