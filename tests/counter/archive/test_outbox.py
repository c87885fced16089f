"""Reminders drafted one per customer with their instruments, never twice; moves audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter.archive.outbox import (
    cancel,
    draft_reminders,
    due_customers_from,
    mark_answered,
    mark_failed,
    mark_sent,
)
from counter.archive.outbox_view import message_row, outbox
from counter.archive.recall import due_list
from counter.archive.rules.due import month_window
from counter.errors import ValidationError
from db.models import AuditEntry
from db.models_archive import OutboxMessage
from tests.conftest import Counter
from tests.counter.archive.outbox_world import LATE, SOON, WAY_LATE, D, add_customer, add_entries


def test_one_message_per_customer_names_its_instruments(counter: Counter) -> None:
    c = counter
    other = add_customer(c, "东昌府区眼镜店", phone="0635-8888888 13912345678")
    due = [
        add_entries(c, c.customer_id, [("电子台秤", D(2026, 12, 10), SOON),
                                        ("血压计", D(2026, 12, 1), SOON)]),
        add_entries(c, other, [("验光仪", D(2026, 11, 1), LATE)]),
    ]  # fmt: skip
    with c.db.action() as s:
        result = draft_reminders(s, c.clerk, c.clock, due, "sms")
    assert len(result.drafted) == 2 and result.problems == () and result.duplicates == 0
    with c.db.session() as s:
        page = outbox(s, status="drafted")
        assert page.total == 2
        mine = outbox(s, customer_id=c.customer_id).rows[0]
        assert (mine.kind, mine.channel, mine.recipient) == ("recall", "sms", "13800138000")
        assert [(i.name, i.due) for i in mine.instruments] == [
            ("血压计", D(2026, 12, 1)),
            ("电子台秤", D(2026, 12, 10)),
        ]
        assert "聊城计量器具有限公司" in mine.body and "2 件" in mine.body
        assert "将于 2026-12-01 起到期（血压计（2026-12-01）、电子台秤（2026-12-10））" in mine.body
        assert "示例市计量检定测试所" in mine.body
        theirs = outbox(s, customer_id=other).rows[0]
        assert theirs.kind == "overdue" and "已超过检定有效期" in theirs.body
        drafted = s.scalar(select(func.count()).where(AuditEntry.action == "outbox.draft"))
        assert drafted == 2


def test_the_same_reminder_is_not_drafted_twice(counter: Counter) -> None:
    c = counter
    due = [add_entries(c, c.customer_id, [("电子台秤", D(2026, 12, 10), SOON)])]
    with c.db.action() as s:
        first = draft_reminders(s, c.clerk, c.clock, due, "sms")
    with c.db.action() as s:
        again = draft_reminders(s, c.clerk, c.clock, due, "sms")
        other_channel = draft_reminders(s, c.clerk, c.clock, due, "letter")
    assert len(first.drafted) == 1
    assert again.drafted == () and again.duplicates == 1
    assert other_channel.drafted == () and other_channel.duplicates == 1  # same kind, same due
    with c.db.action() as s:  # sent: still a duplicate
        mark_sent(s, c.clerk, c.clock, first.drafted[0])
        assert draft_reminders(s, c.clerk, c.clock, due, "sms").drafted == ()
    # overdue now: another kind, drafted
    late = [type(due[0])(c.customer_id, tuple(e.__class__(e.instrument_id, e.name, e.due, LATE)
                                              for e in due[0].entries))]  # fmt: skip
    with c.db.action() as s:
        assert len(draft_reminders(s, c.clerk, c.clock, late, "sms").drafted) == 1
    # a cancelled reminder does not count: a new one may be drafted
    with c.db.action() as s:
        newest = outbox(s, status="drafted").rows[0].id
        cancel(s, c.clerk, c.clock, newest, "客户来电已预约")
        assert len(draft_reminders(s, c.clerk, c.clock, late, "sms").drafted) == 1


def test_a_customer_who_cannot_be_reached_is_reported_not_drafted(counter: Counter) -> None:
    c = counter
    nobody = add_customer(c, "无邮箱商行")
    due = [
        add_entries(c, nobody, [("加油机", D(2026, 10, 1), WAY_LATE)]),
        add_entries(c, c.customer_id, [("加油机", D(2026, 12, 1), SOON)]),
    ]
    with c.db.action() as s:
        result = draft_reminders(s, c.clerk, c.clock, due, "email")
    assert result.drafted == ()
    assert result.problems == (
        "客户“无邮箱商行”没有电子邮箱，未起草电子邮件提醒",
        "客户“聊城计量器具有限公司”没有电子邮箱，未起草电子邮件提醒",
    )
    with c.db.action() as s:
        letters = draft_reminders(s, c.clerk, c.clock, due, "letter")
    assert len(letters.drafted) == 1 and "无邮箱商行" in letters.problems[0]
    with c.db.session() as s:
        row = message_row(s, letters.drafted[0])
        assert row.recipient == "山东省聊城市东昌府区 1 号" and row.subject.startswith("计量器具")


def test_an_entry_of_another_customer_is_refused(counter: Counter) -> None:
    c = counter
    other = add_customer(c, "另一家")
    theirs = add_entries(c, other, [("台秤", D(2026, 12, 1), SOON)])
    wrong = type(theirs)(c.customer_id, theirs.entries)
    with c.db.action() as s:
        result = draft_reminders(s, c.clerk, c.clock, [wrong], "sms")
    assert result.drafted == () and "不在客户“聊城计量器具有限公司”的台账中" in result.problems[0]


def test_status_moves_are_checked_and_audited(counter: Counter) -> None:
    c = counter
    due = [add_entries(c, c.customer_id, [("电子台秤", D(2026, 12, 10), SOON)])]
    with c.db.action() as s:
        (message_id,) = draft_reminders(s, c.clerk, c.clock, due, "phone").drafted
    with pytest.raises(ValidationError, match="待发送，不能改为已答复"), c.db.action() as s:
        mark_answered(s, c.clerk, c.clock, message_id, "下周送检")
    with pytest.raises(ValidationError, match="请填写失败原因"), c.db.action() as s:
        mark_failed(s, c.clerk, c.clock, message_id, "  ")
    with c.db.action() as s:
        mark_failed(s, c.clerk, c.clock, message_id, "无人接听")
    with c.db.action() as s:
        mark_sent(s, c.clerk, c.clock, message_id)
        mark_answered(s, c.clerk, c.clock, message_id, "下周一送检")
    with pytest.raises(ValidationError, match="已答复，不能改为已取消"), c.db.action() as s:
        cancel(s, c.clerk, c.clock, message_id, "重复")
    with c.db.session() as s:
        row = message_row(s, message_id)
        assert (row.status, row.answer, row.status_reason) == ("answered", "下周一送检", "")
        assert row.sent_at is not None and row.answered_at is not None
        actions = s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "outbox_message")
            .order_by(AuditEntry.id)
        ).all()
        assert actions == ["outbox.draft", "outbox.failed", "outbox.sent", "outbox.answered"]
        assert s.get(OutboxMessage, message_id) is not None


def test_the_recall_due_list_drafts_one_reminder_per_customer(counter: Counter) -> None:
    c = counter
    shop = add_customer(c, "明镜眼镜", phone="13900001111")
    add_entries(c, shop, [("焦度计", D(2026, 12, 10), SOON), ("验光仪", D(2026, 12, 20), SOON)])
    add_entries(c, c.customer_id, [("压力表", D(2026, 12, 5), SOON)])
    with c.db.session() as s:
        found = due_list(s, D(2026, 11, 23), *month_window(2026, 12))
    due = due_customers_from(found)
    assert {d.customer_id: [e.name for e in d.entries] for d in due} == {
        shop: ["焦度计", "验光仪"],
        c.customer_id: ["压力表"],
    }
    assert due[0].entries[0].due == found[0].entries[0].next_due
    with c.db.action() as s:
        result = draft_reminders(s, c.clerk, c.clock, due, "sms")
    assert len(result.drafted) == 2 and not result.problems
