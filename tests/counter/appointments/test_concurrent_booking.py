"""Two clerks book the last place of a slot at once: one booking, one refusal (both DBs)."""

from __future__ import annotations

import datetime as dt
import threading

from counter.admin.rules.roles import Actor
from counter.appointments.booking import BookingItem, SlotRefused, book
from counter.appointments.capacity import free_capacity
from counter.customers.records import CustomerForm, create_customer
from tests.conftest import Counter, add_user
from tests.counter.appointments.appt_world import MONDAY, department_id, type_id, with_capacity

ROUNDS = 12


def _clerks(counter: Counter) -> tuple[list[Actor], list[int]]:
    other = add_user(counter, "clerk2", "赵收发", "intake")
    with counter.db.action() as s:
        second = create_customer(
            s, other, counter.clock, CustomerForm(name="东昌眼镜店", phone="13900139000")
        ).id
    return [counter.clerk, other], [counter.customer_id, second]


def test_two_clerks_booking_the_last_place_at_once_get_one_booking(counter: Counter) -> None:
    dept = with_capacity(counter, 1)
    clerks, customers = _clerks(counter)
    with counter.db.session() as s:
        kind = type_id(s)
    days = [MONDAY + dt.timedelta(days=d) for d in range(1, 30)]
    with counter.db.session() as s:
        workdays = [x.day for x in free_capacity(s, dept, days[0], days[-1]) if x.workday]
    days = sorted(set(workdays))[:ROUNDS]
    outcomes: list[str] = []
    lock = threading.Lock()

    def clerk(n: int, day: dt.date, barrier: threading.Barrier, read_first: bool) -> None:
        try:
            if read_first:  # PostgreSQL: both have seen the free place inside their transaction
                with counter.db.action() as s:
                    assert free_capacity(s, dept, day, day)[0].free == 1
                    barrier.wait(timeout=20)
                    book(
                        s,
                        clerks[n],
                        counter.clock,
                        customer_id=customers[n],
                        department_id=dept,
                        day=day,
                        half="am",
                        items=[BookingItem(kind, 1)],
                    )
            else:
                barrier.wait(timeout=20)
                with counter.db.action() as s:
                    book(
                        s,
                        clerks[n],
                        counter.clock,
                        customer_id=customers[n],
                        department_id=dept,
                        day=day,
                        half="am",
                        items=[BookingItem(kind, 1)],
                    )
            result = "booked"
        except SlotRefused as refused:
            result = "refused" if "约满" in refused.reason else f"other: {refused}"
        with lock:
            outcomes.append(result)

    read_first = not counter.db.is_sqlite  # SQLite's writers wait at BEGIN IMMEDIATE
    for day in days:
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=clerk, args=(n, day, barrier, read_first)) for n in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert sorted(outcomes) == sorted(["booked", "refused"] * len(days)), outcomes
    with counter.db.session() as s:
        slots = free_capacity(s, dept, days[0], days[-1])
        assert all(x.booked <= x.capacity for x in slots)
        assert sum(x.booked for x in slots if x.half == "am") == len(days)
        assert department_id(s) == dept
