"""Notes in a customer's file: written, shown pinned first, audited, refused when empty."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from counter.archive.customer_file import customer_file
from counter.archive.notes import MAX_NOTE, add_note
from counter.errors import NotFound, PermissionDenied, ValidationError
from db.models import AuditEntry
from db.models_archive import CustomerNote
from tests.conftest import Counter, add_user

TODAY = dt.date(2026, 11, 23)


def test_a_note_is_written_shown_and_audited(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        add_note(s, c.clerk, c.clock, c.customer_id, "  电话改为 0635-8888888  ")
        c.clock.advance(dt.timedelta(minutes=5))
        add_note(s, c.billing, c.clock, c.customer_id, "月结客户，勿催款", pinned=True)
        c.clock.advance(dt.timedelta(minutes=5))
        add_note(s, c.clerk, c.clock, c.customer_id, "后写的")
    with c.db.session() as s:
        notes = customer_file(s, c.customer_id, TODAY).notes
        audits = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "customer.note")))
    assert [(n.text, n.author, n.pinned) for n in notes] == [
        ("月结客户，勿催款", "李开票", True),
        ("后写的", "王收发", False),
        ("电话改为 0635-8888888", "王收发", False),
    ]
    assert len(audits) == 3
    assert audits[0].entity == "customer" and audits[0].entity_key == str(c.customer_id)
    assert "电话改为 0635-8888888" in audits[0].after


def test_an_empty_or_overlong_note_is_refused(counter: Counter) -> None:
    c = counter
    for text, says in (("   ", "不能为空"), ("长" * (MAX_NOTE + 1), "过长")):
        with pytest.raises(ValidationError, match=says), c.db.action() as s:
            add_note(s, c.clerk, c.clock, c.customer_id, text)
    with pytest.raises(NotFound), c.db.action() as s:
        add_note(s, c.clerk, c.clock, 999_999, "无此客户")
    with c.db.session() as s:
        assert s.scalar(select(func.count()).select_from(CustomerNote)) == 0


def test_a_lab_user_may_not_write_notes(counter: Counter) -> None:
    lab = add_user(counter, "lab", "赵检定", "lab")
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        add_note(s, lab, counter.clock, counter.customer_id, "不该写")
