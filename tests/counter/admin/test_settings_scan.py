"""Institute settings shared through the database; what a scan finds."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from counter.admin.calendar import load_calendar, set_day
from counter.admin.settings import load_settings, save_settings
from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.intake.catalog import list_types
from counter.intake.documents import receipt_pdf
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.intake.scan import lookup, unknown_code_message
from db.engine import Database
from db.models import AuditEntry, Setting
from tests.conftest import TEST_INSTITUTE, Counter
from tests.printing.pdftools import pdf_page_texts, squash


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
    no_phone = dataclasses.replace(default, phone="", authorisation_no=" ")
    with pytest.raises(ValidationError) as info, counter.db.action() as s:
        save_settings(s, counter.admin, counter.clock, no_phone)
    assert info.value.problems == ["电话不能为空", "授权证书号不能为空"]
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        save_settings(s, counter.clerk, counter.clock, default)


def test_a_database_without_institute_details_prints_nothing_made_up(
    database: Database, counter: Counter
) -> None:
    with database.action() as s:
        s.delete(s.get(Setting, "institute"))  # a real database before its first run's details
    with database.action() as s:
        gauge = next(t.id for t in list_types(s) if t.name == "钢卷尺")
        draft = OrderDraft(counter.customer_id, (ItemDraft(gauge),))
        order_id = save_order(s, counter.clerk, counter.clock, draft).order_id
    with database.session() as s:
        settings = load_settings(s)
        assert "示例" not in json.dumps(dataclasses.asdict(settings), ensure_ascii=False)
        with pytest.raises(CounterError) as refused:
            receipt_pdf(s, order_id)
        assert "机构信息不完整（缺机构名称、地址、电话、授权证书号）" in str(refused.value)
        assert "系统管理 → 机构设置" in str(refused.value)
    with database.action() as s:
        save_settings(s, counter.admin, counter.clock, TEST_INSTITUTE)
    with database.session() as s:
        text = squash("".join(pdf_page_texts(receipt_pdf(s, order_id))))
    assert squash(TEST_INSTITUTE.address) in text and TEST_INSTITUTE.phone in text


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
