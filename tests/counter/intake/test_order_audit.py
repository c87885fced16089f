"""A saved order's audit entry: chained in the order things were done, the chain intact.

On PostgreSQL the entry is hashed and appended by the statement that numbers the order;
the report recomputes every hash in Python, so a byte of difference breaks it.
"""

from __future__ import annotations

from sqlalchemy import select

from counter.admin.audit.write import record
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.reports.audit_log import verify_chain
from db.models import AuditEntry
from tests.conftest import Counter


def _entries(counter: Counter) -> list[tuple[str, str]]:
    with counter.db.session() as s:
        assert verify_chain(s).ok
        rows = s.execute(select(AuditEntry.action, AuditEntry.entity_key).order_by(AuditEntry.seq))
        return [(action, key) for action, key in rows]


def test_an_order_of_a_customer_with_quotes_in_the_name_keeps_the_chain(counter: Counter) -> None:
    with counter.db.action() as s:
        type_id = list_types(s)[0].id
        odd = create_customer(
            s,
            counter.clerk,
            counter.clock,
            CustomerForm(name='聊城"东昌"\\计量所 ü', contact_name="王五", phone="13900000001"),
        )
    draft = OrderDraft(odd.id, (ItemDraft(type_id, serial="A1"), ItemDraft(type_id)))
    with counter.db.action() as s:
        saved = save_order(s, counter.clerk, counter.clock, draft)
    with counter.db.action() as s:  # the same instrument again: found, not created twice
        again = save_order(s, counter.clerk, counter.clock, draft)
    assert _entries(counter)[-2:] == [
        ("order.create", saved.number),
        ("order.create", again.number),
    ]


def test_entries_keep_the_order_of_the_actions_in_one_transaction(counter: Counter) -> None:
    with counter.db.session() as s:
        type_id = list_types(s)[0].id
    draft = OrderDraft(counter.customer_id, (ItemDraft(type_id),))
    with counter.db.action() as s:
        record(s, counter.clerk, counter.clock, "test.before", "test", "1")
        first = save_order(s, counter.clerk, counter.clock, draft)
        record(s, counter.clerk, counter.clock, "test.between", "test", "2")
        second = save_order(s, counter.clerk, counter.clock, draft)
    with counter.db.action() as s:
        third = save_order(s, counter.clerk, counter.clock, draft)
        fourth = save_order(s, counter.clerk, counter.clock, draft)
        record(s, counter.clerk, counter.clock, "test.after", "test", "3")
    assert _entries(counter)[1:] == [
        ("test.before", "1"),
        ("order.create", first.number),
        ("test.between", "2"),
        ("order.create", second.number),
        ("order.create", third.number),
        ("order.create", fourth.number),
        ("test.after", "3"),
    ]


def test_a_rolled_back_savepoint_takes_its_order_and_entry_with_it(counter: Counter) -> None:
    with counter.db.session() as s:
        type_id = list_types(s)[0].id
    draft = OrderDraft(counter.customer_id, (ItemDraft(type_id),))
    with counter.db.action() as s:
        kept = save_order(s, counter.clerk, counter.clock, draft)
        savepoint = s.begin_nested()
        save_order(s, counter.clerk, counter.clock, draft)
        savepoint.rollback()
    with counter.db.action() as s:
        after = save_order(s, counter.clerk, counter.clock, draft)
    assert int(after.number) == int(kept.number) + 1
    assert _entries(counter)[1:] == [("order.create", kept.number), ("order.create", after.number)]
