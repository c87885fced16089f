"""The automatic plan on the database (SQLite and PostgreSQL): from the ledger's due dates,
the free capacity, closures and the customers' wishes to a proposal, and from an
accepted proposal to appointments with their outbox messages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from counter.appointments.capacity import add_closure
from counter.appointments.planning import accept_plan, plan_input, propose_plan
from counter.appointments.prefs import block_dates, set_preferences
from counter.appointments.rules.plan_model import Plan, SlotKey
from counter.errors import PermissionDenied
from db.models_appointments import Appointment, SlotLoad
from db.models_archive import OutboxMessage
from tests.conftest import Counter
from tests.counter.appointments.appt_world import book_scales, with_capacity
from tests.counter.archive.ledger_world import add_customer, add_entry

START, END = dt.date(2026, 12, 1), dt.date(2026, 12, 31)
TODAY = dt.date(2026, 11, 23)


def with_ledger(counter: Counter, customers: int = 4, per: int = 3) -> list[int]:
    ids = [add_customer(counter, f"粮站{n}", sector="粮食收购") for n in range(1, customers + 1)]
    with counter.db.action() as s:
        for n, cid in enumerate(ids):
            for k in range(per):
                due = START + dt.timedelta(days=3 + 5 * n + k)
                add_entry(s, counter.clock, cid, "电子计价秤", f"S{n}-{k}", None, due=due)
    return ids


def propose(counter: Counter, **kwargs: object) -> Plan:
    with counter.db.session() as s:
        return propose_plan(s, counter.clerk, TODAY, START, END, departments=["衡器"], **kwargs)  # type: ignore[arg-type]


def test_proposal_respects_capacity_closures_bookings_and_wishes(counter: Counter) -> None:
    dept = with_capacity(counter, 4)
    ids = with_ledger(counter)
    closed = dt.date(2026, 12, 8)
    with counter.db.action() as s:
        add_closure(s, counter.admin, counter.clock, department_id=dept, day=closed,
                    half="day", items=None, reason="设备检修")  # fmt: skip
        set_preferences(s, counter.clerk, counter.clock, ids[1], [3], "pm")  # Wed pm
        block_dates(s, counter.clerk, counter.clock, ids[2], START, dt.date(2026, 12, 10), "盘点")
    taken = book_scales(counter, dt.date(2026, 12, 2), "am", n=3)  # one place left there
    plan = propose(counter)
    assert plan.figures.unplaced_items == 0 and plan.figures.placed_items == 12
    load: dict[SlotKey, int] = {}
    for p in plan.placements:
        load[p.slot] = load.get(p.slot, 0) + p.visit.size
        assert p.slot.day != closed and p.slot.day.weekday() < 5
        assert p.slot.day <= p.visit.due  # every scale before its due date
        assert p.explanation.text().startswith("到期 ")
    assert all(n <= 4 for n in load.values())
    assert load.get(SlotKey("衡器", taken.day, "am"), 0) <= 1
    by_customer = {p.visit.customer_id: p for p in plan.placements}
    assert by_customer[ids[1]].slot.day.isoweekday() == 3
    assert by_customer[ids[1]].slot.half == "pm"
    assert by_customer[ids[2]].slot.day > dt.date(2026, 12, 10)


def test_accepted_plan_books_appointments_with_messages_and_is_not_planned_twice(
    counter: Counter,
) -> None:
    with_capacity(counter, 4)
    with_ledger(counter, customers=3)
    plan = propose(counter)
    with counter.db.action() as s:
        accepted = accept_plan(s, counter.clerk, counter.clock, plan)
    assert not accepted.refused and len(accepted.booked) == 3
    with counter.db.session() as s:
        rows = s.scalars(select(Appointment).order_by(Appointment.id)).all()
        assert [a.source for a in rows] == ["plan"] * 3
        assert [(a.day, a.half) for a in rows] == [(b.day, b.half) for b in accepted.booked]
        assert sum(len(a.items) for a in rows) == 9
        messages = s.scalar(select(func.count()).select_from(OutboxMessage))
        assert messages == 3
        booked = s.scalar(select(func.sum(SlotLoad.booked)).where(SlotLoad.type_key == 0))
        assert booked == 9
    again = propose(counter)
    assert again.placements == () and again.figures.items == 0  # booked entries are not due


def test_pinned_placements_are_kept_and_a_slot_taken_meanwhile_is_refused(
    counter: Counter,
) -> None:
    with_capacity(counter, 3)
    ids = with_ledger(counter, customers=3)
    first = propose(counter)
    pin = {p.visit.customer_id: p.slot for p in first.placements}
    moved = SlotKey("衡器", dt.date(2026, 12, 3), "pm")
    replanned = propose(counter, fixed={ids[0]: [moved], ids[1]: [pin[ids[1]]]})
    again = {p.visit.customer_id: p for p in replanned.placements}
    assert again[ids[0]].slot == moved and again[ids[0]].explanation.fixed
    assert again[ids[1]].slot == pin[ids[1]]
    # a clerk fills customer 3's slot before the plan is accepted
    third = again[ids[2]].slot
    book_scales(counter, third.day, third.half, n=1)
    with counter.db.action() as s:
        accepted = accept_plan(s, counter.clerk, counter.clock, replanned, notify=None)
    assert [r.placement.visit.customer_id for r in accepted.refused] == [ids[2]]
    assert "约满" in accepted.refused[0].reason or accepted.refused[0].reason
    assert len(accepted.booked) == 2


def test_plan_input_reads_departments_sector_rules_and_types(counter: Counter) -> None:
    with_capacity(counter, 4)
    with_ledger(counter, customers=1)
    with counter.db.session() as s:
        inp = plan_input(s, TODAY, START, END, departments=["衡器"])
    (demand,) = inp.demands
    assert demand.sector == "grain" and len(demand.items) == 3
    assert {i.department for i in demand.items} == {"衡器"}
    assert {s.key.department for s in inp.slots} == {"衡器"}
    assert all(s.key.day.weekday() < 5 for s in inp.slots)


def test_planning_needs_the_receive_permission(counter: Counter) -> None:
    with_capacity(counter, 4)
    with counter.db.session() as s, pytest.raises(PermissionDenied):
        propose_plan(s, counter.billing, TODAY, START, END)
