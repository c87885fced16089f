"""Templates render safely; unknown placeholders are named; SMS counting; status moves;
which numbers and addresses can be reached."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.archive.rules.contacts import email_address, mobile_number, phone_number
from counter.archive.rules.due import DueState
from counter.archive.rules.messages import (
    MOVES,
    STATUSES,
    DueEntry,
    instruments_text,
    kind_for,
    move_problem,
    render,
    sms_length,
    template_problems,
    unknown_placeholders,
)


def test_render_fills_known_placeholders_and_leaves_everything_else() -> None:
    text = "{customer}：{count} 件，{unknown}，{customer.__class__}，{count:>9}，{{x}}"
    out = render(text, {"customer": "聊城计量", "count": 3, "due": "2026-12-01"})
    assert out.startswith("聊城计量：3 件，{unknown}，{customer.__class__}，{count:>9}")
    # a value is never read as a template again
    assert render("{customer}", {"customer": "{phone}", "phone": "110"}) == "{phone}"


def test_unknown_placeholders_are_named_in_the_refusal() -> None:
    assert unknown_placeholders("{customer}{cusotmer}{客户}{count}") == ["cusotmer", "客户"]
    problems = template_problems("recall", "sms", "", "您好 {cusotmer}，共 {count} 件")
    assert len(problems) == 1 and "{cusotmer}" in problems[0]
    assert template_problems("recall", "sms", "", "您好 {customer}") == []
    assert len(template_problems("nonsense", "pigeon", "", " ")) == 3


def test_sms_length_counts_chinese_as_70_per_message_and_67_per_part() -> None:
    assert (sms_length("a" * 160).parts, sms_length("a" * 161).parts) == (1, 2)
    assert sms_length("[" * 80).chars == 160  # the extension table counts twice
    one = sms_length("计" * 70)
    assert (one.chars, one.parts, one.unicode, one.per_part) == (70, 1, True, 70)
    assert sms_length("计" * 71).parts == 2
    assert sms_length("计" * 134).parts == 2 and sms_length("计" * 135).parts == 3
    assert sms_length("").parts == 0


def test_the_most_pressing_state_chooses_the_kind() -> None:
    assert kind_for([DueState.DUE_SOON, DueState.NEVER_VERIFIED]) == "recall"
    assert kind_for([DueState.DUE_SOON, DueState.OVERDUE]) == "overdue"
    assert kind_for([DueState.OVERDUE, DueState.ESCALATED, DueState.DUE_SOON]) == "escalation"
    assert kind_for([]) == "recall"


def test_short_channels_list_a_few_instruments_long_ones_all() -> None:
    entries = [
        DueEntry(i, f"台秤{i}", dt.date(2026, 12, i), DueState.DUE_SOON) for i in (1, 2, 3, 4)
    ]
    short = instruments_text(entries, "sms")
    assert short == "台秤1（2026-12-01）、台秤2（2026-12-02）、台秤3（2026-12-03）等 4 件"
    long = instruments_text(entries, "letter")
    assert long.splitlines()[3] == "4. 台秤4（到期 2026-12-04）"


def test_status_moves() -> None:
    assert move_problem("drafted", "sent") is None
    assert move_problem("failed", "sent") is None  # sent again
    assert move_problem("sent", "answered") is None
    problem = move_problem("cancelled", "sent")
    assert problem == "消息已取消，不能改为已发送"
    assert move_problem("drafted", "answered") is not None
    assert set(MOVES) == set(STATUSES)
    for status in ("answered", "cancelled"):  # final
        assert all(move_problem(status, new) for new in STATUSES)


@pytest.mark.parametrize(
    ("text", "mobile", "phone"),
    [
        ("13800138000", "13800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000", "13800138000"),
        ("0635-8888888 / 138 0013 8000", "13800138000", "06358888888"),
        ("0635-8888888 13912345678", "13912345678", "06358888888"),
        ("138 0013 8000", "13800138000", "13800138000"),
        ("(0635)8888888转123", None, "06358888888转123"),
        ("010-12345678", None, "01012345678"),
        ("400-800-1234", None, "4008001234"),
        ("12345", None, None),
        ("1380013800", None, None),  # ten digits
        ("", None, None),
    ],
)
def test_mainland_numbers(text: str, mobile: str | None, phone: str | None) -> None:
    assert mobile_number(text) == mobile
    assert phone_number(text) == phone


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("jl@example.com", True),
        (" zhang.san@lc-jl.gov.cn ", True),
        ("zhang..san@example.com", False),
        ("zhangsan@", False),
        ("张三@example.com", False),
        ("a@b", False),
        ("a@-b.com", False),
    ],
)
def test_email_addresses(text: str, ok: bool) -> None:
    assert (email_address(text) is not None) is ok
