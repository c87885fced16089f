"""Institute settings shared through the database; what a scan finds."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from counter.calendar import load_calendar, set_day
from counter.catalog import list_types
from counter.errors import PermissionDenied, ValidationError
from counter.intake import ItemDraft, OrderDraft, save_order
from counter.scan import lookup, unknown_code_message
from counter.settings import load_settings, save_settings
from db.models import AuditEntry
from tests.conftest import Counter


def test_settings_round_trip_and_audit(counter: Counter) -> None:
    with counter.db.session() as s:
        default = load_settings(s)
    new = dataclasses.replace(
        default,
        institute_name="聊城市计量测试所",
        label_width_mm=50,
        receipt_page="A4",
        turnaround={
            **default.turnaround,
            "verification": {"normal": 7, "urgent": 3, "same_day": 0},
        },
    )
    with counter.db.action() as s:
        save_settings(s, counter.admin, counter.clock, new)
    with counter.db.session() as s:
        loaded = load_settings(s)
        assert loaded == new
        assert loaded.working_days("verification", "normal") == 7
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "settings.update"))
        assert entry is not None and "聊城市计量测试所" in entry.after


def test_bad_settings_and_wrong_user_are_refused(counter: Counter) -> None:
    with counter.db.session() as s:
        default = load_settings(s)
    bad = dataclasses.replace(
        default, institute_name=" ", label_width_mm=5, label_printer="printer"
    )
    with pytest.raises(ValidationError) as info, counter.db.action() as s:
        save_settings(s, counter.admin, counter.clock, bad)
    assert len(info.value.problems) == 3
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        save_settings(s, counter.clerk, counter.clock, default)


def test_administrator_holidays_move_promises_in_uncovered_years(counter: Counter) -> None:
    import datetime as dt

    with counter.db.action() as s:
        set_day(s, counter.admin, counter.clock, dt.date(2027, 1, 4), "holiday", "测试假日")
    with counter.db.session() as s:
        cal = load_calendar(s)
    assert not cal.is_workday(dt.date(2027, 1, 4))
    assert cal.is_workday(dt.date(2027, 1, 5))


def test_scan_finds_items_and_orders_and_says_what_is_unknown(counter: Counter) -> None:
    with counter.db.session() as s:
        type_id = list_types(s)[0].id
    with counter.db.action() as s:
        saved = save_order(
            s, counter.clerk, counter.clock, OrderDraft(counter.customer_id, (ItemDraft(type_id),))
        )
    with counter.db.session() as s:
        item = lookup(s, f" {saved.item_numbers[0]}\r\n")
        assert item is not None and item.kind == "item" and item.order_number == saved.number
        order = lookup(s, saved.number)
        assert order is not None and order.kind == "order" and order.customer_name
        assert lookup(s, "20261999999001") is None
        assert lookup(s, "hello") is None
    assert "未找到" in unknown_code_message("20261999999001")
    assert "无法识别" in unknown_code_message("hello")
    assert unknown_code_message("  ") == "扫描内容为空"
