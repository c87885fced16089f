"""A customer's file: details, ledger, orders, messages and notes, newest first, one page each."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.archive import customer_file as file_module
from counter.archive.customer_file import customer_file
from counter.archive.rules.due import DueState
from counter.errors import NotFound
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from db.models_archive import CustomerNote, OutboxMessage
from tests.conftest import Counter
from tests.counter.archive.ledger_world import add_customer, add_entry

TODAY = dt.date(2026, 11, 23)


def test_the_file_holds_every_part_newest_first(counter: Counter) -> None:
    c = counter
    other = add_customer(c, "别家单位")
    with c.db.action() as s:
        type_id = list_types(s)[0].id
        first = save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, (ItemDraft(type_id),)))
        c.clock.advance(dt.timedelta(hours=1))
        second = save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, (ItemDraft(type_id),)))
        save_order(s, c.clerk, c.clock, OrderDraft(other, (ItemDraft(type_id),)))
        add_entry(s, c.clock, c.customer_id, "电子计价秤", "OLD", dt.date(2025, 1, 2),
                  compulsory=True)  # fmt: skip
        add_entry(s, c.clock, c.customer_id, "一般压力表", "NEW", dt.date(2026, 9, 1))
        add_entry(s, c.clock, other, "一般压力表", "THEIRS", dt.date(2026, 9, 1))
        for text, pinned in (("先写的", False), ("置顶", True), ("后写的", False)):
            s.add(CustomerNote(customer_id=c.customer_id, at=c.clock.now(), user_id=c.clerk.id,
                               text=text, pinned=pinned))  # fmt: skip
        s.add(OutboxMessage(customer_id=c.customer_id, kind="recall", channel="sms",
                            recipient="13800138000", body="请送检", status="failed",
                            status_reason="号码停机", created_at=c.clock.now(),
                            created_by_id=c.clerk.id))  # fmt: skip
    with c.db.session() as s:
        f = customer_file(s, c.customer_id, TODAY)
    assert f.customer.name == "聊城计量器具有限公司" and f.customer.phone == "13800138000"
    assert [r.serial for r in f.ledger] == ["NEW", "OLD"]
    assert [r.state for r in f.ledger] == [DueState.NOT_DUE, DueState.ESCALATED]
    assert [o.number for o in f.orders] == [second.number, first.number]
    assert [n.text for n in f.notes] == ["置顶", "后写的", "先写的"]
    assert f.notes[0].author == "王收发"
    assert [(m.status, m.status_reason) for m in f.messages] == [("failed", "号码停机")]
    assert f.certificates == () and f.statements == () and f.payments == ()
    assert f.more == frozenset()


def test_a_part_longer_than_a_page_says_so(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_module, "PAGE", 2)
    with counter.db.action() as s:
        for n in range(3):
            s.add(CustomerNote(customer_id=counter.customer_id, at=counter.clock.now(),
                               user_id=counter.clerk.id, text=f"第{n}条"))  # fmt: skip
    with counter.db.session() as s:
        f = customer_file(s, counter.customer_id, TODAY)
    assert [n.text for n in f.notes] == ["第2条", "第1条"] and f.more == {"notes"}


def test_an_unknown_customer_has_no_file(counter: Counter) -> None:
    with counter.db.session() as s, pytest.raises(NotFound):
        customer_file(s, 987_654, TODAY)
