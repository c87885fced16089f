"""Booking: capacity, working days, closures, the department's types; refusals say why."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.admin.calendar import set_day
from counter.appointments.booking import BookingItem, SlotRefused, book, next_free_slots
from counter.appointments.capacity import add_closure, free_capacity, lift_closure, set_capacity
from counter.appointments.status import cancel, mark_arrived, mark_no_show, move
from counter.errors import PermissionDenied, ValidationError
from db.models import AuditEntry
from db.models_appointments import Appointment
from tests.conftest import Counter
from tests.counter.appointments.appt_world import (
    MONDAY,
    SATURDAY,
    TUESDAY,
    book_scales,
    department_id,
    type_id,
    with_capacity,
)


def test_booking_takes_places_and_numbers_the_slip(counter: Counter) -> None:
    dept = with_capacity(counter, 4)
    booked = book_scales(counter, TUESDAY, "am", 3)
    assert booked.number.startswith("YY2026") and booked.items == 3
    with counter.db.session() as s:
        slots = free_capacity(s, dept, TUESDAY, TUESDAY)
        assert [(x.half, x.capacity, x.booked, x.free) for x in slots] == [
            ("am", 4, 3, 1),
            ("pm", 4, 0, 4),
        ]
        row = s.scalars(select(Appointment)).one()
        assert (row.status, row.items[0].quantity, row.contact_phone) == (
            "booked",
            3,
            "13800138000",
        )
        assert s.scalar(select(AuditEntry.action).where(AuditEntry.action == "appointment.book"))


def test_full_slot_is_refused_with_the_next_free_slots(counter: Counter) -> None:
    with_capacity(counter, 4)
    book_scales(counter, TUESDAY, "am", 3)
    with pytest.raises(SlotRefused) as refused:
        book_scales(counter, TUESDAY, "am", 2)
    assert "约满" in str(refused.value)
    assert [s.text for s in refused.value.next_slots][:2] == ["2026-11-24 下午", "2026-11-25 上午"]
    assert "2026-11-24 下午（余 4 台件）" in str(refused.value)
    book_scales(counter, TUESDAY, "am", 1)  # the last place still goes


def test_weekend_holiday_past_and_unset_capacity_are_refused(counter: Counter) -> None:
    with pytest.raises(SlotRefused, match="未设置"):
        book_scales(counter, TUESDAY)
    with_capacity(counter, 4)
    with pytest.raises(SlotRefused, match="不是工作日") as refused:
        book_scales(counter, SATURDAY)
    assert refused.value.next_slots[0].day == dt.date(2026, 11, 30)
    with pytest.raises(SlotRefused, match="日期已过"):
        book_scales(counter, MONDAY - dt.timedelta(days=1))
    with counter.db.action() as s:  # the administrator's own holiday in the app's calendar
        set_day(s, counter.admin, counter.clock, TUESDAY, "holiday", "所庆")
    with pytest.raises(SlotRefused, match="不是工作日") as refused:
        book_scales(counter, TUESDAY)
    assert refused.value.next_slots[0].day == TUESDAY + dt.timedelta(days=1)


def test_closures_close_and_reduce_until_lifted(counter: Counter) -> None:
    dept = with_capacity(counter, 4)
    with counter.db.action() as s:
        closed = add_closure(
            s,
            counter.admin,
            counter.clock,
            department_id=None,
            day=TUESDAY,
            half="day",
            items=None,
            reason="设备年检",
        )
        add_closure(
            s,
            counter.admin,
            counter.clock,
            department_id=dept,
            day=TUESDAY + dt.timedelta(days=1),
            half="pm",
            items=1,
            reason="人员培训",
        )
    with pytest.raises(SlotRefused, match="设备年检"):
        book_scales(counter, TUESDAY)
    with pytest.raises(SlotRefused, match="约满"):
        book_scales(counter, TUESDAY + dt.timedelta(days=1), "pm", 2)
    with counter.db.session() as s:
        wed = free_capacity(s, dept, TUESDAY, TUESDAY + dt.timedelta(days=1))
        assert [(x.free, x.reduced_reason) for x in wed] == [
            (0, ""),
            (0, ""),
            (4, ""),
            (1, "人员培训"),
        ]
        assert wed[0].closed_reason == "设备年检"
    with counter.db.action() as s:
        lift_closure(s, counter.admin, counter.clock, closed, "年检改期")
    book_scales(counter, TUESDAY)


def test_per_type_capacity_and_department_types(counter: Counter) -> None:
    dept = with_capacity(counter, 10)
    with counter.db.action() as s:
        set_capacity(s, counter.admin, counter.clock, dept, "am", 2, type_id=type_id(s))
    book_scales(counter, TUESDAY, "am", 2)
    with pytest.raises(SlotRefused, match="电子计价秤"):
        book_scales(counter, TUESDAY, "am", 1)
    with counter.db.action() as s, pytest.raises(ValidationError, match="衡器不检定“焦度计”"):
        book(
            s,
            counter.clerk,
            counter.clock,
            customer_id=counter.customer_id,
            department_id=dept,
            day=TUESDAY,
            half="pm",
            items=[BookingItem(type_id(s, "焦度计"), 1)],
        )
    with counter.db.session() as s:
        slots = next_free_slots(s, dept, TUESDAY, {type_id(s): 1}, count=2)
    assert [x.text for x in slots] == ["2026-11-24 下午", "2026-11-25 上午"]


def test_cancel_no_show_move_and_arrive(counter: Counter) -> None:
    dept = with_capacity(counter, 4)
    first = book_scales(counter, TUESDAY, "am", 4)
    with counter.db.action() as s:
        move(s, counter.clerk, counter.clock, first.id, TUESDAY, "pm", reason="客户来电改期")
    book_scales(counter, TUESDAY, "am", 4)  # the morning is free again
    with counter.db.action() as s, pytest.raises(ValidationError, match="未到"):
        mark_no_show(s, counter.clerk, counter.clock, first.id)
    with counter.db.action() as s, pytest.raises(ValidationError, match="原因"):
        cancel(s, counter.clerk, counter.clock, first.id, " ")
    with counter.db.action() as s:
        cancel(s, counter.clerk, counter.clock, first.id, "客户停业")
    with counter.db.session() as s:
        assert [x.booked for x in free_capacity(s, dept, TUESDAY, TUESDAY)] == [4, 0]
        row = s.get(Appointment, first.id)
        assert row is not None
        assert (row.status, row.status_reason, row.moved_from) == (
            "cancelled",
            "客户停业",
            "2026-11-24 am",
        )
    with counter.db.action() as s, pytest.raises(ValidationError, match="已取消"):
        mark_arrived(s, counter.clerk, counter.clock, first.id)
    today = book_scales(counter, MONDAY, "pm", 1)
    with counter.db.action() as s:
        mark_no_show(s, counter.clerk, counter.clock, today.id, "电话未接")


def test_booking_needs_the_receive_permission(counter: Counter) -> None:
    with_capacity(counter, 4)
    with counter.db.action() as s, pytest.raises(PermissionDenied):
        book(
            s,
            counter.billing,
            counter.clock,
            customer_id=counter.customer_id,
            department_id=department_id(s),
            day=TUESDAY,
            half="am",
            items=[BookingItem(type_id(s), 1)],
        )


def test_customer_preferences_and_blocked_dates_for_the_planner(counter: Counter) -> None:
    from counter.appointments.prefs import block_dates, customer_preferences, set_preferences

    with counter.db.action() as s:
        set_preferences(s, counter.clerk, counter.clock, counter.customer_id, [2, 4], "am")
        block_dates(
            s,
            counter.clerk,
            counter.clock,
            counter.customer_id,
            dt.date(2027, 5, 1),
            dt.date(2027, 5, 31),
            "收购旺季",
        )
        with pytest.raises(ValidationError):
            set_preferences(s, counter.clerk, counter.clock, counter.customer_id, [8])
    with counter.db.session() as s:
        prefs = customer_preferences(s)[counter.customer_id]
    assert (prefs.weekdays, prefs.half) == (frozenset({2, 4}), "am")
    assert prefs.blocks(dt.date(2027, 5, 15)) and not prefs.blocks(dt.date(2027, 6, 1))
