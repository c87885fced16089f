"""The recall list's model: customers page in as the view asks for more, each page after
the last customer shown, until the list is whole; a customer's instruments on expanding."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester
from sqlalchemy.orm import Session

from counter.archive.due_summary import CustomerDueSummary, due_page, due_summary
from counter.archive.recall import DueEntry, due_list
from counter.clock import local_date
from tests.conftest import Counter
from tests.ui.archive.recall_world import make_world
from ui.archive import due_model as dm

DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_the_customers_page_in_one_page_at_a_time(
    qtmodeltester: ModelTester, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    make_world(c)
    today = local_date(c.clock.now())

    def page(s: Session, after: CustomerDueSummary | None, limit: int) -> list[CustomerDueSummary]:
        return due_page(s, today, *DECEMBER, after=after, limit=limit)

    def entries(customer_id: int) -> list[DueEntry]:
        with c.db.session() as s:
            found = due_list(s, today, *DECEMBER, customer_id=customer_id)
        return [e for customer in found for e in customer.entries]

    model = dm.DueTreeModel(entries, database=c.db, page=page, page_size=1)
    model.reload()
    assert model.rowCount() == 1 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2
    model.fetchMore(QModelIndex())  # a short page: the list is whole
    assert not model.canFetchMore(QModelIndex())
    with c.db.session() as s:
        whole = due_summary(s, today, *DECEMBER)
    assert model.customers == whole and len(whole) == 2
    shown = [model.index(row, dm.NAME).data() for row in range(model.rowCount())]
    assert shown == ["明镜眼镜有限公司", "聊城计量器具有限公司"]
    head = model.index(1, dm.NAME)
    model.fetchMore(head)  # as the view does when the customer is expanded
    serials = [model.index(row, dm.SERIAL, head).data() for row in range(model.rowCount(head))]
    assert serials == ["J1", "P1"]
    qtmodeltester.check(model)
