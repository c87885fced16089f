"""Labels to the thermal printer: printed only when the printer confirmed them, audited.

Fake printers of each kind listen on loopback; the database is real (SQLite and PostgreSQL).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from counter.admin.settings import load_settings, save_settings
from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.intake.catalog import list_types
from counter.intake.documents import mark_printed, reprint_list
from counter.intake.label_printing import print_labels, send_test_label
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from db.models import AuditEntry, Customer, PrintJob
from tests.conftest import Counter
from tests.printing.fake_printer import FakePrinter, closed_port


def _order(counter: Counter, n: int = 3) -> SavedOrder:
    with counter.db.session() as s:
        types = {t.name: t.id for t in list_types(s)}
    items = tuple(ItemDraft(types["电子计价秤"], serial=f"A{i}") for i in range(n))
    with counter.db.action() as s:
        return save_order(s, counter.clerk, counter.clock, OrderDraft(counter.customer_id, items))


def _printer(counter: Counter, address: str, protocol: str = "zpl") -> None:
    with counter.db.action() as s:
        new = dataclasses.replace(
            load_settings(s),
            label_printer=address,
            label_printer_protocol=protocol,
            label_printer_timeout_s=1.0,
        )
        save_settings(s, counter.admin, counter.clock, new)


def _labels(counter: Counter, order_id: int) -> list[tuple[str, str]]:
    with counter.db.session() as s:
        jobs = s.scalars(
            select(PrintJob)
            .where(PrintJob.order_id == order_id, PrintJob.kind == "label")
            .order_by(PrintJob.item_id)
        )
        return [(j.status, j.error) for j in jobs]


def _audit(counter: Counter, prefix: str) -> list[AuditEntry]:
    with counter.db.session() as s:
        query = select(AuditEntry).where(AuditEntry.action.startswith(prefix))
        return list(s.scalars(query.order_by(AuditEntry.id)))


def test_a_good_zpl_printer_prints_and_it_is_audited(counter: Counter) -> None:
    saved = _order(counter)
    with FakePrinter("zpl") as printer:
        _printer(counter, f"{printer.host}:{printer.port}")
        outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
        received = printer.wait()
    assert (outcome.printed, outcome.failed) == (3, 0)
    assert received.count(b"^XA") == 3 and received.count(b"~HS") == 3
    for number in saved.item_numbers:
        assert f"^FD{number}^FS".encode() in received
    assert [status for status, _e in _labels(counter, saved.order_id)] == ["printed"] * 3
    (entry,) = _audit(counter, "label.")
    assert entry.action == "label.printed" and entry.entity_key == saved.number
    assert '"labels": 3' in entry.after


def test_paper_out_leaves_the_unconfirmed_labels_for_reprint(counter: Counter) -> None:
    saved = _order(counter)
    with FakePrinter("zpl", answers=[set(), {"paper_out"}]) as printer:
        _printer(counter, f"{printer.host}:{printer.port}")
        outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
    assert (outcome.printed, outcome.failed) == (1, 2)
    assert "缺纸" in outcome.message and "2 张标签已放入补打列表" in outcome.message
    labels = _labels(counter, saved.order_id)
    assert labels[0] == ("printed", "")
    assert all(status == "failed" and "缺纸" in error for status, error in labels[1:])
    with counter.db.session() as s:
        waiting = {r.item_number for r in reprint_list(s) if r.kind == "label"}
    assert waiting == set(saved.item_numbers[1:])
    actions = [e.action for e in _audit(counter, "label.")]
    assert actions == ["label.printed", "label.print_failed"]
    assert "缺纸" in _audit(counter, "label.print_failed")[0].reason


@pytest.mark.parametrize(
    ("behaviour", "words"),
    [
        ({"reads": False}, "没有回复状态查询"),
        ({"close_after": 1024}, "中途断开了连接"),
        ({"silent": True}, "没有回复状态查询"),
    ],
)
def test_a_printer_that_does_not_take_the_labels_prints_nothing(
    counter: Counter, behaviour: dict[str, object], words: str
) -> None:
    saved = _order(counter)
    with FakePrinter("zpl", **behaviour) as printer:  # type: ignore[arg-type]
        _printer(counter, f"{printer.host}:{printer.port}")
        outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
    assert (outcome.printed, outcome.failed) == (0, 3)
    assert all(s == "failed" and words in e for s, e in _labels(counter, saved.order_id))


def test_a_tspl_printer_prints_and_a_dead_one_is_reported(counter: Counter) -> None:
    saved = _order(counter, 2)
    with FakePrinter("tspl") as printer:
        _printer(counter, f"{printer.host}:{printer.port}", "tspl")
        outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
        received = printer.wait()
    assert outcome.printed == 2 and received.count(b"PRINT 1,1\r\n\x1b!?") == 2
    port = closed_port()
    _printer(counter, f"127.0.0.1:{port}", "tspl")
    outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
    assert outcome.failed == 2 and f"127.0.0.1:{port} 无响应" in outcome.message


def test_a_character_the_label_font_lacks_is_named_not_printed_blank(counter: Counter) -> None:
    saved = _order(counter, 1)
    with counter.db.action() as s:
        customer = s.get(Customer, counter.customer_id)
        assert customer is not None
        customer.short_name = "聊城\U0001f600计量"
    with FakePrinter("zpl") as printer:
        _printer(counter, f"{printer.host}:{printer.port}")
        outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
    assert (outcome.printed, outcome.failed) == (0, 1)
    assert "U+1F600" in outcome.message and "标签字体缺少字符" in outcome.message
    assert printer.queries == 0  # nothing was sent: no blank where the character would be


def test_no_label_printer_marks_the_labels_for_pdf_once(counter: Counter) -> None:
    saved = _order(counter)
    outcome = print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
    assert outcome.pdf_offered and outcome.printed == 0
    assert outcome.message == "未设置标签打印机：3 张标签请按“预览/打印标签”用 PDF 打印。"
    assert {s for s, _e in _labels(counter, saved.order_id)} == {"no_printer"}
    print_labels(counter.db, counter.clock, saved.order_id, actor=counter.clerk)
    assert [e.action for e in _audit(counter, "label.")] == ["label.no_printer"]  # once
    with counter.db.session() as s:
        rows = [r for r in reprint_list(s) if r.kind == "label"]
    assert all(r.status == "no_printer" and "PDF" in r.error for r in rows)
    with counter.db.session() as s:
        first = rows[-1].item_id
    assert first is not None
    with counter.db.action() as s:
        mark_printed(s, counter.clerk, counter.clock, saved.order_id, "label", [first])
    assert sorted(s for s, _e in _labels(counter, saved.order_id)) == [
        "no_printer",
        "no_printer",
        "printed",
    ]
    assert _audit(counter, "label.printed_pdf")[0].entity_key == saved.number


def test_printing_labels_needs_the_intake_role(counter: Counter) -> None:
    saved = _order(counter, 1)
    with pytest.raises(PermissionDenied):
        print_labels(counter.db, counter.clock, saved.order_id, actor=counter.billing)


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("printer 1:9100", "不能含空格或斜杠"),
        ("a/b:9100", "不能含空格或斜杠"),
        ("printer", "无效"),
        ("printer:70000", "无效"),
        ("fe80::1", "无效"),
    ],
)
def test_bad_printer_addresses_are_refused_with_the_reason(
    counter: Counter, address: str, words: str
) -> None:
    with counter.db.session() as s:
        bad = dataclasses.replace(load_settings(s), label_printer=address)
    with pytest.raises(ValidationError) as caught, counter.db.action() as s:
        save_settings(s, counter.admin, counter.clock, bad)
    (problem,) = caught.value.problems
    assert address in problem and words in problem


def test_test_label_is_confirmed_or_says_why(counter: Counter) -> None:
    with counter.db.session() as s:
        settings = dataclasses.replace(load_settings(s), label_printer_timeout_s=1.0)
    today = dt.date(2026, 11, 23)
    with FakePrinter("zpl") as printer:
        address = f"{printer.host}:{printer.port}"
        assert send_test_label(dataclasses.replace(settings, label_printer=address), today) == (
            address
        )
        received = printer.wait()
    assert received.count(b"^XA") == 1 and b"^FD20261000000001^FS" in received
    with FakePrinter("zpl", answers=[{"head_open"}]) as printer:
        address = f"{printer.host}:{printer.port}"
        with pytest.raises(CounterError, match="打印头未合上"):
            send_test_label(dataclasses.replace(settings, label_printer=address), today)
