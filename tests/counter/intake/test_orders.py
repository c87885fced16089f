"""Orders after intake, on SQLite and PostgreSQL: the paged list, voids, corrections, holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import select

from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.intake.catalog import list_departments, list_types
from counter.intake.corrections import (
    ItemCorrection,
    correct_item,
    correction_of,
    void_item,
    void_order,
)
from counter.intake.item_status import set_item_status
from counter.intake.lookups import get_order
from counter.intake.receive import ItemDraft
from counter.intake.rules.lifecycle import ItemStatus
from counter.orders.listing import OrderFilter, page_orders
from db.models import AuditEntry, Item, Order
from tests.conftest import Counter, add_user
from tests.ui.orders_helpers import add_customer, item_ids, many_orders, save, type_id


def _audit(counter: Counter, action: str) -> list[AuditEntry]:
    with counter.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_pages_follow_each_other_without_gaps_in_every_sort(counter: Counter) -> None:
    saved = many_orders(counter, 25)
    other = add_customer(counter, "济南衡器厂")
    save(counter, ItemDraft(type_id(counter, "电子计价秤")), customer_id=other)
    all_numbers = {s.number for s in saved}
    with counter.db.session() as s:
        for sort in ("received_at", "number", "customer", "status", "item_count"):
            for descending in (True, False):
                seen: list[str] = []
                after = None
                while page := page_orders(
                    s, sort=sort, descending=descending, after=after, limit=7
                ):
                    seen += [r.number for r in page]
                    after = page[-1]
                assert len(seen) == len(set(seen)) == 26, (sort, descending)
                assert all_numbers < set(seen)
        ascending = page_orders(s, sort="number", descending=False, limit=3)
        assert [r.number for r in ascending] == sorted(all_numbers)[:3]


def test_filters_by_number_customer_pinyin_date_status_and_department(counter: Counter) -> None:
    first, *_rest = many_orders(counter, 3)
    other = add_customer(counter, "济南衡器厂")
    bp = save(counter, ItemDraft(type_id(counter, "血压计和血压表")), customer_id=other)
    with counter.db.session() as s:
        medical = next(d.id for d in list_departments(s) if d.name == "医疗")

        def numbers(flt: OrderFilter) -> list[str]:
            return [r.number for r in page_orders(s, flt)]

        assert numbers(OrderFilter(text=first.number)) == [first.number]
        assert numbers(OrderFilter(text="济南")) == [bp.number]
        assert numbers(OrderFilter(text="jnhq")) == [bp.number]
        assert numbers(OrderFilter(department_id=medical)) == [bp.number]
        assert len(numbers(OrderFilter(date_from=dt.date(2026, 11, 23)))) == 4
        assert numbers(OrderFilter(date_to=dt.date(2026, 11, 22))) == []
    with counter.db.action() as s:
        void_order(s, counter.clerk, counter.clock, bp.order_id, "客户取消")
    with counter.db.session() as s:
        assert [r.number for r in page_orders(s, OrderFilter(status="voided"))] == [bp.number]


def test_void_item_needs_a_reason_and_is_audited(counter: Counter) -> None:
    saved = save(
        counter,
        ItemDraft(type_id(counter, "电子计价秤")),
        ItemDraft(type_id(counter, "电子计价秤")),
    )
    first, _second = item_ids(counter, saved.order_id)
    with pytest.raises(CounterError, match="需要填写原因"), counter.db.action() as s:
        void_item(s, counter.clerk, counter.clock, first, "  ")
    with counter.db.action() as s:
        void_item(s, counter.clerk, counter.clock, first, "重复登记")
    with counter.db.session() as s:
        item = s.get(Item, first)
        order = s.get(Order, saved.order_id)
        assert item is not None and order is not None
        assert (item.status, item.void_reason) == ("voided", "重复登记")
        assert order.status == "received"  # the other item is still live
    (entry,) = _audit(counter, "item.voided")
    assert entry.entity_key == saved.item_numbers[0] and entry.reason == "重复登记"
    with pytest.raises(CounterError, match="不能从"), counter.db.action() as s:
        void_item(s, counter.clerk, counter.clock, first, "again")


def test_void_order_voids_every_item_and_refuses_twice(counter: Counter) -> None:
    saved = save(
        counter,
        ItemDraft(type_id(counter, "电子计价秤")),
        ItemDraft(type_id(counter, "电子计价秤")),
    )
    with pytest.raises(ValidationError, match="作废委托单需要填写原因"), counter.db.action() as s:
        void_order(s, counter.clerk, counter.clock, saved.order_id, "")
    with counter.db.action() as s:
        void_order(s, counter.clerk, counter.clock, saved.order_id, "客户撤回")
    with counter.db.session() as s:
        order = s.get(Order, saved.order_id)
        assert order is not None and order.voided_at is not None
        assert order.status == "voided" and order.void_reason == "客户撤回"
        assert {i.status for i in order.items} == {"voided"}
    with pytest.raises(CounterError, match="已作废"), counter.db.action() as s:
        void_order(s, counter.clerk, counter.clock, saved.order_id, "again")
    assert len(_audit(counter, "order.void")) == 1


def test_correction_writes_before_and_after(counter: Counter) -> None:
    saved = save(counter, ItemDraft(type_id(counter, "电子计价秤"), model="ACS-3", serial="A1"))
    (item_id,) = item_ids(counter, saved.order_id)
    with counter.db.session() as s:
        current = correction_of(s.get(Item, item_id))  # type: ignore[arg-type]
    fixed = ItemCorrection(**{**current.__dict__, "model": "ACS-30", "serial": "A10"})
    with pytest.raises(ValidationError, match="更正需要填写原因"), counter.db.action() as s:
        correct_item(s, counter.clerk, counter.clock, item_id, fixed, "")
    with counter.db.action() as s:
        correct_item(s, counter.clerk, counter.clock, item_id, fixed, "铭牌看错")
    (entry,) = _audit(counter, "item.correct")
    assert json.loads(entry.before) == {"model": "ACS-3", "serial": "A1"}
    assert json.loads(entry.after) == {"model": "ACS-30", "serial": "A10"}
    assert entry.reason == "铭牌看错"


def test_hold_and_return_need_the_right_permission(counter: Counter) -> None:
    saved = save(counter, ItemDraft(type_id(counter, "电子计价秤")))
    (item_id,) = item_ids(counter, saved.order_id)
    lab = add_user(counter, "lab", "赵检定", "lab")
    with pytest.raises(PermissionDenied, match="收件登记"), counter.db.action() as s:
        set_item_status(s, lab, counter.clock, item_id, ItemStatus.ON_HOLD, "等客户确认")
    with pytest.raises(PermissionDenied, match="作废"), counter.db.action() as s:
        void_item(s, counter.billing, counter.clock, item_id, "不要了")
    with counter.db.action() as s:
        set_item_status(s, counter.clerk, counter.clock, item_id, ItemStatus.ON_HOLD, "等客户确认")
    with counter.db.session() as s:
        order = s.get(Order, saved.order_id)
        assert order is not None and order.status == "on_hold"
    with counter.db.action() as s:
        set_item_status(
            s, counter.clerk, counter.clock, item_id, ItemStatus.RETURNED_UNPROCESSED, "无法检定"
        )
    with counter.db.session() as s:
        item = s.get(Item, item_id)
        assert item is not None
        assert (item.status, item.status_reason) == ("returned_unprocessed", "无法检定")


def _tape(type_id: int) -> ItemDraft:
    return ItemDraft(type_id, measuring_range="0-5m", service="calibration")


def test_no_hand_made_shortcut_past_the_release_gate(counter: Counter) -> None:
    """Released, checked and drafted are reached only through their own gates."""
    from counter.errors import CounterError
    from counter.intake.receive import ItemDraft, OrderDraft, save_order

    with counter.db.session() as s:
        type_id = next(t.id for t in list_types(s) if t.name == "钢卷尺")
    with counter.db.action() as s:
        saved = save_order(
            s,
            counter.clerk,
            counter.clock,
            OrderDraft(
                counter.customer_id,
                (ItemDraft(type_id, measuring_range="0-5m", service="calibration"),),
            ),
        )
        item_id = get_order(s, saved.order_id).items[0].id
    for state, words in ((ItemStatus.RELEASED, "领取/邮寄"), (ItemStatus.CHECKED, "证书终审")):
        with pytest.raises(CounterError, match=words), counter.db.action() as s:
            set_item_status(s, counter.admin, counter.clock, item_id, state)


def test_a_billed_item_is_not_voided_behind_its_statement(counter: Counter) -> None:
    from counter.billing import issue_statement
    from counter.errors import CounterError
    from counter.intake.receive import ItemDraft, OrderDraft, save_order

    with counter.db.session() as s:
        type_id = next(t.id for t in list_types(s) if t.name == "钢卷尺")
    with counter.db.action() as s:
        saved = save_order(
            s,
            counter.clerk,
            counter.clock,
            OrderDraft(
                counter.customer_id,
                (ItemDraft(type_id, measuring_range="0-5m", service="calibration"),),
            ),
        )
        item_id = get_order(s, saved.order_id).items[0].id
    with counter.db.action() as s:
        statement = issue_statement(s, counter.billing, counter.clock, [saved.order_id]).number
    with pytest.raises(CounterError, match=statement), counter.db.action() as s:
        void_item(s, counter.admin, counter.clock, item_id, "登记错误")
    with pytest.raises(CounterError, match=statement), counter.db.action() as s:
        void_order(s, counter.admin, counter.clock, saved.order_id, "客户撤回")
    with counter.db.session() as s:
        assert get_order(s, saved.order_id).items[0].status == ItemStatus.RECEIVED


def test_details_under_a_certificate_are_not_corrected_silently(counter: Counter) -> None:
    from counter.intake.item_status import move_item_status
    from counter.intake.receive import OrderDraft, save_order

    with counter.db.session() as s:
        type_id = next(t.id for t in list_types(s) if t.name == "钢卷尺")
    with counter.db.action() as s:
        saved = save_order(
            s, counter.clerk, counter.clock, OrderDraft(counter.customer_id, (_tape(type_id),))
        )
        item = get_order(s, saved.order_id).items[0]
        move_item_status(s, counter.admin, counter.clock, item.id, ItemStatus.IN_LAB)
        move_item_status(s, counter.admin, counter.clock, item.id, ItemStatus.CERT_DRAFTED)
        fixed = dataclasses.replace(correction_of(item), serial="A128")
    with pytest.raises(CounterError, match="已出证书"), counter.db.action() as s:
        correct_item(s, counter.admin, counter.clock, item.id, fixed, "登记错误")
