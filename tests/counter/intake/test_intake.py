"""Receiving orders against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from counter.errors import NotFound, PermissionDenied, ValidationError
from counter.intake.catalog import Use, list_types
from counter.intake.lookups import instrument_history
from counter.intake.numbering import classify
from counter.intake.receive import ItemDraft, OrderDraft, copies, save_order
from counter.intake.scan import lookup
from db.models import AuditEntry, Item, Order, PrintJob
from tests.conftest import Counter


def _type_id(counter: Counter, name: str) -> int:
    with counter.db.session() as s:
        return next(t.id for t in list_types(s) if t.name == name)


def _draft(counter: Counter, *items: ItemDraft, token: str = "") -> OrderDraft:
    return OrderDraft(customer_id=counter.customer_id, items=items, request_token=token)


def test_save_routes_numbers_and_promises(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    bp = _type_id(counter, "血压计和血压表")
    draft = _draft(
        counter,
        ItemDraft(scale, model="ACS-30", serial="A123", use="trade"),
        ItemDraft(bp, serial="B1", use="medical", urgency="urgent"),
        ItemDraft(scale, serial="A124", service="calibration"),
    )
    with counter.db.action() as s:
        saved = save_order(s, counter.clerk, counter.clock, draft)
    assert classify(saved.number) == "order"
    assert saved.number.startswith("20261")
    assert [classify(n) for n in saved.item_numbers] == ["item"] * 3
    assert saved.item_numbers[0] == saved.number + "001"
    with counter.db.session() as s:
        items = list(s.scalars(select(Item).order_by(Item.seq)))
        assert [i.department.name for i in items] == ["衡器", "医疗", "衡器"]
        # trade use under compulsory control → compulsory; calibration never is
        assert [i.compulsory for i in items] == [True, True, False]
        # 2026-11-23 (Mon) + 5 working days = 2026-11-30 (Mon); urgent 2 → 2026-11-25
        assert items[0].promised_date == dt.date(2026, 11, 30)
        assert items[1].promised_date == dt.date(2026, 11, 25)
        order = s.scalar(select(Order))
        assert order is not None and order.promised_date == dt.date(2026, 11, 30)
        assert s.scalar(select(func.count()).select_from(PrintJob)) == 4  # 3 labels + receipt
        assert (
            s.scalar(select(AuditEntry.action).where(AuditEntry.entity_key == saved.number))
            == "order.create"
        )


def test_same_token_twice_saves_one_order(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    draft = _draft(counter, ItemDraft(scale), token="form-1")
    with counter.db.action() as s:
        first = save_order(s, counter.clerk, counter.clock, draft)
    with counter.db.action() as s:
        second = save_order(s, counter.clerk, counter.clock, draft)
    assert second.already_saved and second.number == first.number
    with counter.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1


def test_numbers_are_never_reused_after_a_failed_save(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    with counter.db.action() as s:
        first = save_order(s, counter.clerk, counter.clock, _draft(counter, ItemDraft(scale)))
    with pytest.raises(RuntimeError), counter.db.action() as s:
        save_order(s, counter.clerk, counter.clock, _draft(counter, ItemDraft(scale)))
        raise RuntimeError("power cut before commit")
    with counter.db.action() as s:
        third = save_order(s, counter.clerk, counter.clock, _draft(counter, ItemDraft(scale)))
    assert int(third.number[-6:]) == int(first.number[-6:]) + 1
    with counter.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 2


def test_bad_orders_are_refused_with_every_reason(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    bad = _draft(
        counter,
        ItemDraft(99999),
        ItemDraft(scale, model="x" * 200),
        ItemDraft(scale, compulsory_override=False),
    )
    with pytest.raises(ValidationError) as info, counter.db.action() as s:
        save_order(s, counter.clerk, counter.clock, bad)
    text = str(info.value)
    assert "第 1 行：器具名称不在目录中" in text
    assert "第 2 行：“型号规格”过长" in text
    assert "第 3 行：更改强制检定标志需要填写原因" in text
    with pytest.raises(ValidationError, match="至少要有一件器具"), counter.db.action() as s:
        save_order(s, counter.clerk, counter.clock, _draft(counter))
    with counter.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0


def test_duplicate_serial_warns_but_saves(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    with counter.db.action() as s:
        saved = save_order(
            s,
            counter.clerk,
            counter.clock,
            _draft(counter, ItemDraft(scale, serial="S1"), ItemDraft(scale, serial="S1")),
        )
    assert any("S1" in w and "2 次" in w for w in saved.warnings)


def test_unknown_customer_and_missing_permission(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    with pytest.raises(NotFound), counter.db.action() as s:
        save_order(
            s,
            counter.clerk,
            counter.clock,
            OrderDraft(customer_id=424242, items=(ItemDraft(scale),)),
        )
    with pytest.raises(PermissionDenied, match="收件登记"), counter.db.action() as s:
        save_order(s, counter.billing, counter.clock, _draft(counter, ItemDraft(scale)))


def test_instrument_seen_before_is_linked_to_its_history(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    with counter.db.action() as s:
        save_order(
            s, counter.clerk, counter.clock, _draft(counter, ItemDraft(scale, serial="A123"))
        )
    with counter.db.action() as s:
        second = save_order(
            s, counter.clerk, counter.clock, _draft(counter, ItemDraft(scale, serial="A123"))
        )
    with counter.db.session() as s:
        history = instrument_history(s, counter.customer_id, scale, "A123")
        assert len(history) == 2
        assert len({i.instrument_id for i in history}) == 1
        hit = lookup(s, second.item_numbers[0])
        assert hit is not None and hit.kind == "item" and hit.order_number == second.number


def test_add_n_identical_items(counter: Counter) -> None:
    scale = _type_id(counter, "数字指示秤")
    rows = copies(ItemDraft(scale, model="XK3190", serial="X", use=Use.TRADE), 20)
    with counter.db.action() as s:
        saved = save_order(s, counter.clerk, counter.clock, _draft(counter, *rows))
    assert len(saved.item_numbers) == len(set(saved.item_numbers)) == 20


def test_calendar_fallback_is_reported(counter: Counter) -> None:
    scale = _type_id(counter, "电子计价秤")
    counter.clock.at = dt.datetime(2026, 12, 29, 10, 0, tzinfo=counter.clock.at.tzinfo)
    with counter.db.action() as s:
        saved = save_order(s, counter.clerk, counter.clock, _draft(counter, ItemDraft(scale)))
    assert saved.promised_date.year == 2027
    assert "2027" in saved.calendar_notice
