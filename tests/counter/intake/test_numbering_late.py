"""Order numbers are taken at the end of the save: final at commit, gap-free after a rollback."""

from __future__ import annotations

from sqlalchemy import select

from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.intake.rules.code_shapes import ITEM_RE, ORDER_RE
from db.models import AuditEntry, Item, Order, PrintJob
from tests.conftest import Counter


class _ClerkCancelled(Exception):
    pass


def _draft(counter: Counter, items: int = 1) -> OrderDraft:
    with counter.db.session() as s:
        type_id = list_types(s)[0].id
    return OrderDraft(counter.customer_id, tuple(ItemDraft(type_id) for _i in range(items)))


def _save(counter: Counter, draft: OrderDraft) -> str:
    with counter.db.action() as s:
        return save_order(s, counter.clerk, counter.clock, draft).number


def test_a_rolled_back_save_leaves_no_gap_and_no_row(counter: Counter) -> None:
    first = _save(counter, _draft(counter))
    try:
        with counter.db.action() as s:
            lost = save_order(s, counter.clerk, counter.clock, _draft(counter, 2))
            raise _ClerkCancelled
    except _ClerkCancelled:
        pass
    second = _save(counter, _draft(counter))
    assert lost.number == f"{int(first) + 1}"  # it had been numbered, then given back
    assert second == lost.number
    with counter.db.session() as s:
        assert list(s.scalars(select(Order.number).order_by(Order.id))) == [first, second]
        assert list(s.scalars(select(Item.number).order_by(Item.id))) == [
            first + "001",
            second + "001",
        ]
        kept = set(s.scalars(select(Order.id)))
        jobs = list(s.scalars(select(PrintJob.order_id)))
        assert len(jobs) == 4 and set(jobs) == kept  # a label and a receipt each, none lost
        entries = s.scalars(
            select(AuditEntry.entity_key).where(AuditEntry.action == "order.create")
        )
        assert list(entries) == [first, second]


def test_numbers_are_final_when_the_save_commits(counter: Counter) -> None:
    drafts = [_draft(counter, n) for n in (1, 3, 2)]
    with counter.db.action() as s:  # several orders in one transaction, as an import does
        saved = [save_order(s, counter.clerk, counter.clock, d) for d in drafts]
    with counter.db.session() as s:
        for order in saved:
            assert ORDER_RE.fullmatch(order.number), order.number
            stored = s.get(Order, order.order_id)
            assert stored is not None and stored.number == order.number
            items = [i.number for i in stored.items]
            assert items == list(order.item_numbers)
            assert all(ITEM_RE.fullmatch(n) for n in items), items
            assert [n[:-3] for n in items] == [order.number] * len(items)
            assert [n[-3:] for n in items] == [f"{k:03d}" for k in range(1, len(items) + 1)]
        audited = list(
            s.scalars(
                select(AuditEntry.entity_key)
                .where(AuditEntry.action == "order.create")
                .order_by(AuditEntry.seq)
            )
        )
        assert audited == [o.number for o in saved]
        everything = [*s.scalars(select(Order.number)), *s.scalars(select(Item.number))]
        assert everything and not [n for n in everything if not n[:1].isdigit()]
    sequences = [int(o.number[5:]) for o in saved]
    assert sequences == [1, 2, 3]
