"""Batches leave as files; each message is recorded sent, or failed with its recipient and why."""

from __future__ import annotations

import csv
import email
import email.policy
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counter.archive.outbox import draft_reminders
from counter.archive.outbox_view import message_row, outbox
from counter.archive.senders import CsvSender, EmlSender, PhoneListSender
from counter.archive.sending import send_batch, sender_for
from counter.errors import ValidationError
from tests.conftest import Counter
from tests.counter.archive.outbox_world import SOON, D, add_customer, add_entries
from tests.printing.pdftools import pdf_page_texts


def _draft(c: Counter, channel: str, customers: list[int]) -> list[int]:
    due = [add_entries(c, cid, [("电子台秤", D(2026, 12, 10), SOON)]) for cid in customers]
    with c.db.action() as s:
        return list(draft_reminders(s, c.clerk, c.clock, due, channel).drafted)


def test_a_failed_send_names_the_recipient_and_the_others_are_sent(
    counter: Counter, tmp_path: Path
) -> None:
    c = counter
    landline = add_customer(c, "固话商行", phone="0635-8888888", contact_name="李四")
    wrong = add_customer(c, "错号超市", phone="12345")
    ids = _draft(c, "sms", [c.customer_id, landline, wrong])
    result = send_batch(c.db, c.clerk, c.clock, ids, CsvSender("sms"), tmp_path)
    assert result.sent == (ids[0],)
    assert [(f.message_id, f.customer, f.reason) for f in result.failed] == [
        (ids[1], "固话商行", "号码无效：李四（0635-8888888）"),
        (ids[2], "错号超市", "号码无效：错号超市（12345）"),
    ]
    (path,) = result.files
    assert path.name == f"{result.batch}.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["手机号码", "短信内容"]
    assert len(rows) == 2 and rows[1][0] == "13800138000" and "电子台秤" in rows[1][1]
    with c.db.session() as s:
        sent, failed = message_row(s, ids[0]), message_row(s, ids[2])
        assert (sent.status, sent.batch, sent.sent_at is not None) == ("sent", result.batch, True)
        assert (failed.status, failed.status_reason) == ("failed", "号码无效：错号超市（12345）")
        assert outbox(s, status="failed").total == 2
    # a failed message may be sent again once the number is right; a sent one may not
    with pytest.raises(ValidationError, match="已发送，不能发送"):
        send_batch(c.db, c.clerk, c.clock, ids[:1], CsvSender("sms"), tmp_path)
    again = send_batch(c.db, c.clerk, c.clock, ids[1:], CsvSender("sms"), tmp_path)
    assert again.batch != result.batch and len(again.failed) == 2 and again.files == ()


def test_messages_of_another_channel_are_refused_and_nothing_is_written(
    counter: Counter, tmp_path: Path
) -> None:
    c = counter
    ids = _draft(c, "letter", [c.customer_id])
    with pytest.raises(ValidationError, match="信函消息，不能由此渠道发送"):
        send_batch(c.db, c.clerk, c.clock, ids, CsvSender("sms"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_email_files_parse_back_and_a_bad_address_fails(counter: Counter, tmp_path: Path) -> None:
    c = counter
    good = add_customer(c, "好邮箱公司", email="jl@example.com", contact_name="王五")
    bad = add_customer(c, "坏邮箱公司", email="jl@@example")
    ids = _draft(c, "email", [good, bad])
    with c.db.session() as s:
        sender = sender_for(s, "email", c.clock)
    assert isinstance(sender, EmlSender)
    result = send_batch(c.db, c.clerk, c.clock, ids, sender, tmp_path)
    assert result.sent == (ids[0],)
    assert result.failed[0].reason == "邮箱无效：坏邮箱公司（jl@@example）"
    (folder,) = result.files
    (eml,) = sorted(folder.iterdir())
    mail = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert mail["To"].addresses[0].addr_spec == "jl@example.com"
    assert mail["To"].addresses[0].display_name == "王五"
    assert mail["Subject"] == "计量器具周检提醒（好邮箱公司）"
    body = mail.get_body().get_content()  # type: ignore[union-attr]
    assert body.startswith("王五：") and "1. 电子台秤（到期 2026-12-10）" in body


def test_letters_are_one_pdf_that_reads_back(counter: Counter, tmp_path: Path) -> None:
    c = counter
    other = add_customer(c, "东阿阿胶药店", address="山东省聊城市东阿县阿胶街 8 号")
    nowhere = add_customer(c, "无地址商行")
    ids = _draft(c, "letter", [c.customer_id, other, nowhere])
    assert len(ids) == 2  # no address: not drafted
    with c.db.session() as s:
        sender = sender_for(s, "letter", c.clock)
    result = send_batch(c.db, c.clerk, c.clock, ids, sender, tmp_path)
    assert result.sent == tuple(ids) and result.failed == ()
    (pdf,) = result.files
    pages = pdf_page_texts(pdf.read_bytes())
    assert len(pages) == 2
    assert "山东省聊城市东昌府区 1 号" in pages[0] and "聊城计量器具有限公司" in pages[0]
    assert "计量器具周检提醒" in pages[0] and "电子台秤（到期 2026-12-10）" in pages[0]
    assert "东阿阿胶药店" in pages[1] and "示例市计量检定测试所" in pages[1]


def test_the_call_list_keeps_a_formula_as_text(counter: Counter, tmp_path: Path) -> None:
    c = counter
    evil = add_customer(c, '=HYPERLINK("http://x","点我")', phone="0635-8888888转12")
    wrong = add_customer(c, "空号商店", phone="")
    ids = _draft(c, "phone", [evil, wrong])
    assert len(ids) == 1  # no phone: not drafted
    result = send_batch(c.db, c.clerk, c.clock, ids, PhoneListSender(), tmp_path)
    assert result.sent == tuple(ids)
    sheet = load_workbook(result.files[0]).active
    assert sheet is not None
    row = [cell for cell in sheet[2]]
    assert row[1].value == '=HYPERLINK("http://x","点我")' and row[1].data_type == "s"
    assert row[3].value == "06358888888转12"
    assert sheet["A1"].value == "消息编号"


def test_wechat_exports_a_list_like_sms(counter: Counter, tmp_path: Path) -> None:
    c = counter
    ids = _draft(c, "wechat", [c.customer_id])
    result = send_batch(c.db, c.clerk, c.clock, ids, CsvSender("wechat"), tmp_path)
    rows = list(csv.reader(result.files[0].read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][:3] == ["13800138000", "聊城计量器具有限公司", "张三"]


def test_a_letter_the_font_cannot_draw_fails_and_the_others_print(
    counter: Counter, tmp_path: Path
) -> None:
    c = counter
    rare = add_customer(c, "𰻞𰻞面馆", address="陕西省西安市 1 号")
    ids = _draft(c, "letter", [c.customer_id, rare])
    with c.db.session() as s:
        sender = sender_for(s, "letter", c.clock)
    result = send_batch(c.db, c.clerk, c.clock, ids, sender, tmp_path)
    assert result.sent == (ids[0],)
    assert [(f.customer, f.reason) for f in result.failed] == [
        ("𰻞𰻞面馆", "字体缺少字符：𰻞（𰻞𰻞面馆）")
    ]
    assert len(pdf_page_texts(result.files[0].read_bytes())) == 1
