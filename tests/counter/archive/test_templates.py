"""Built-in templates for every kind × channel; the administrator's own, audited; typos refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter.archive.rules.messages import CHANNELS, KINDS, unknown_placeholders
from counter.archive.templates import all_templates, default_template, set_template, template_for
from counter.errors import PermissionDenied, ValidationError
from db.models import AuditEntry
from tests.conftest import Counter


def test_every_kind_and_channel_has_a_builtin_text_the_outbox_can_fill() -> None:
    for kind in KINDS:
        for channel in CHANNELS:
            t = default_template(kind, channel)
            assert t.body and not t.custom
            assert unknown_placeholders(t.subject + t.body) == []
            assert "{institute}" in t.body or "{institute}" in t.subject
            assert bool(t.subject) is (channel in ("email", "letter"))


def test_the_administrator_sets_a_template_and_it_is_audited(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        set_template(s, c.admin, c.clock, "recall", "sms", "", "【{institute}】{customer}请送检")
    with c.db.session() as s:
        t = template_for(s, "recall", "sms")
        assert (t.body, t.custom) == ("【{institute}】{customer}请送检", True)
        assert template_for(s, "recall", "email").custom is False  # the others stay built in
        assert sum(x.custom for x in all_templates(s)) == 1
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "template.set")).one()
        assert entry.entity_key == "recall/sms" and "请送检" in entry.after
    with c.db.action() as s:  # set again: one row, the new text
        set_template(s, c.admin, c.clock, "recall", "sms", "", "{customer}：{count} 件到期")
    with c.db.session() as s:
        assert template_for(s, "recall", "sms").body == "{customer}：{count} 件到期"


def test_unknown_placeholders_are_refused_with_their_names(counter: Counter) -> None:
    c = counter
    with pytest.raises(ValidationError) as refused, c.db.action() as s:
        set_template(s, c.admin, c.clock, "overdue", "email", "{客户}", "{cusotmer} 您好")
    assert "{客户}" in str(refused.value) and "{cusotmer}" in str(refused.value)
    with c.db.session() as s:
        assert template_for(s, "overdue", "email").custom is False


def test_only_the_administrator_sets_templates(counter: Counter) -> None:
    c = counter
    with pytest.raises(PermissionDenied), c.db.action() as s:
        set_template(s, c.clerk, c.clock, "recall", "sms", "", "{customer}")
