"""Outbox messages on booking and the day before; the slip at the counter pre-fills intake."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.appointments.booking import BookingItem, book
from counter.appointments.notices import draft_reminders_for
from counter.appointments.prefill import booked_order_draft, intake_prefill, receive_booked
from counter.appointments.queries import find_by_number, list_appointments
from counter.errors import NotFound, ValidationError
from db.models import Item, Order
from db.models_archive import OutboxMessage
from tests.conftest import Counter
from tests.counter.appointments.appt_world import (
    MONDAY,
    TUESDAY,
    book_scales,
    department_id,
    with_capacity,
)
from tests.counter.archive.ledger_world import add_entry


def _book_ledger(counter: Counter, day: dt.date, *, wait: bool) -> tuple[str, int, list[int]]:
    with counter.db.action() as s:
        entries = [
            add_entry(
                s,
                counter.clock,
                counter.customer_id,
                "电子计价秤",
                f"JJ-{n}",
                MONDAY.replace(year=2025),
            )
            for n in (1, 2)
        ]
        ids = [e.id for e in entries]
        booked = book(
            s,
            counter.clerk,
            counter.clock,
            customer_id=counter.customer_id,
            department_id=department_id(s),
            day=day,
            half="pm",
            source="due",
            wait=wait,
            items=[BookingItem(instrument_id=i) for i in ids],
        )
    return booked.number, booked.id, ids


def test_booking_drafts_a_confirmation_and_the_day_before_a_reminder_once(counter: Counter) -> None:
    with_capacity(counter, 8)
    number, _id, _ids = _book_ledger(counter, TUESDAY, wait=False)
    book_scales(counter, TUESDAY + dt.timedelta(days=1))  # not tomorrow: no reminder yet
    with counter.db.session() as s:
        confirmation = s.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "appointment")
        ).all()
        assert len(confirmation) == 2
        assert number in confirmation[0].body and "2026-11-24 下午 衡器" in confirmation[0].body
        assert confirmation[0].recipient == "13800138000"
    with counter.db.action() as s:
        first = draft_reminders_for(s, counter.clerk, counter.clock)
    with counter.db.action() as s:
        again = draft_reminders_for(s, counter.clerk, counter.clock)
    assert first.day == TUESDAY and len(first.drafted) == 1 and first.problems == ()
    assert (again.drafted, again.already) == ((), 1)
    with counter.db.session() as s:
        reminder = s.get(OutboxMessage, first.drafted[0])
        assert reminder is not None and reminder.kind == "appt_reminder"
        assert "明天 2026-11-24 下午" in reminder.body and "电子计价秤" in reminder.body


def test_scanning_the_slip_prefills_intake_and_saving_marks_arrived(counter: Counter) -> None:
    with_capacity(counter, 8)
    number, appointment_id, ids = _book_ledger(counter, MONDAY, wait=True)
    with counter.db.session() as s:
        prefill = intake_prefill(s, counter.clerk, counter.clock, number.lower())
    assert prefill.customer_id == counter.customer_id and prefill.warnings == ()
    assert [(d.serial, d.urgency, d.use) for d in prefill.items] == [
        ("JJ-1", "same_day", "trade"),
        ("JJ-2", "same_day", "trade"),
    ]
    with counter.db.action() as s:
        saved = receive_booked(
            s, counter.clerk, counter.clock, appointment_id, booked_order_draft(prefill, "tok-1")
        )
    assert saved.promised_date == MONDAY  # while you wait: the same day
    with counter.db.session() as s:
        view = find_by_number(s, number)
        assert (view.status, view.order_id) == ("arrived", saved.order_id)
        order = s.get(Order, saved.order_id)
        assert order is not None and order.channel == "appointment"
        linked = s.scalars(select(Item.instrument_id).where(Item.order_id == saved.order_id)).all()
        assert sorted(i for i in linked if i) == ids
        assert [a.status for a in list_appointments(s, MONDAY, MONDAY)] == ["arrived"]
    with counter.db.session() as s, pytest.raises(ValidationError, match="已到"):
        intake_prefill(s, counter.clerk, counter.clock, number)


def test_prefill_warns_on_another_day_and_refuses_unknown_slips(counter: Counter) -> None:
    with_capacity(counter, 8)
    booked = book_scales(counter, TUESDAY, "am", 2)
    with counter.db.session() as s:
        prefill = intake_prefill(s, counter.clerk, counter.clock, booked.number)
        assert len(prefill.items) == 2 and prefill.items[0].urgency == "normal"
        assert "不是今天" in prefill.warnings[0]
        with pytest.raises(NotFound, match="不存在"):
            intake_prefill(s, counter.clerk, counter.clock, "YY2026999999")
        with pytest.raises(NotFound, match="不是预约单号"):
            intake_prefill(s, counter.clerk, counter.clock, "20261000001")
