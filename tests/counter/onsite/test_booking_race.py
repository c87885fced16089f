"""Two dispatchers book the same truck, verifier and standards for the same day at the same
moment: one booking, one refusal with the reason — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import func, select

from counter.errors import ValidationError
from counter.onsite.schedule import schedule_job
from db.models_onsite import Booking
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, World, make_world

ROUNDS = 5


def _race(w: World, day: dt.date) -> list[str]:
    jobs = [w.job(day), w.job(day)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    c = w.c

    def book(job_id: int) -> None:
        barrier.wait()
        try:
            with c.db.action() as s:
                schedule_job(s, c.clerk, c.clock, job_id, w.crew(day))
            outcomes.append("booked")
        except ValidationError as refused:
            assert "不能重复安排" in str(refused), str(refused)
            outcomes.append("refused")

    threads = [threading.Thread(target=book, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def test_concurrent_double_booking_books_once(counter: Counter) -> None:
    w = make_world(counter)
    for r in range(ROUNDS):
        day = TODAY + dt.timedelta(days=r)
        outcomes = _race(w, day)
        assert sorted(outcomes) == ["booked", "refused"], outcomes
        with counter.db.session() as s:
            held = s.scalars(
                select(func.count(func.distinct(Booking.job_id))).where(Booking.day == day)
            ).one()
            assert held == 1
