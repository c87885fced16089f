"""Items keep the date their first final check passed and the working days it took: set by
the domain action, filled in the same by the migration's backfill, kept right when the
administrator changes the calendar (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from counter.admin.calendar import set_day
from counter.statistics.finished import backfill_finished
from counter.statistics.promises import turnaround
from counter.statistics.rules.filters import StatFilter
from db.models import Item
from tests.conftest import Counter
from tests.counter.statistics import world as W

YEAR = StatFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
OCT_9, OCT_12 = dt.date(2026, 10, 9), dt.date(2026, 10, 12)
NOV_3, NOV_4, NOV_5 = dt.date(2026, 11, 3), dt.date(2026, 11, 4), dt.date(2026, 11, 5)


@pytest.fixture
def sw(counter: Counter) -> W.StatsWorld:
    return W.build(counter)


def _kept(sw: W.StatsWorld) -> dict[int, tuple[dt.date | None, int | None]]:
    with sw.world.counter.db.session() as s:
        rows = s.execute(select(Item.id, Item.finished_on, Item.turnaround_days))
        return {i: (d, n) for i, d, n in rows}


def test_the_first_pass_finishes_the_item(sw: W.StatsWorld) -> None:
    kept = _kept(sw)
    a0, a1, a2 = sw.items_a
    b0, b1 = sw.items_b
    # A1's reissue on 10 November does not finish it again; B2 was sent back first
    assert [kept[i] for i in (a0, a1, a2, b0, b1)] == [
        (OCT_9, 2), (OCT_9, 2), (OCT_12, 4), (NOV_3, 1), (NOV_5, 3),
    ]  # fmt: skip
    others = set(kept) - {a0, a1, a2, b0, b1}
    assert len(others) == 4 and all(kept[i] == (None, None) for i in others)


def test_the_backfill_gives_the_same_values(sw: W.StatsWorld) -> None:
    before = _kept(sw)
    with sw.world.counter.db.action() as s:
        s.execute(update(Item).values(finished_on=None, turnaround_days=None))
    with sw.world.counter.db.action() as s:
        assert backfill_finished(s) == 5
    assert _kept(sw) == before
    with sw.world.counter.db.action() as s:
        assert backfill_finished(s) == 0  # nothing left to fill


def test_a_calendar_change_recounts_the_turnaround(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    b0, b1 = sw.items_b
    with c.db.action() as s:
        set_day(s, c.admin, c.clock, NOV_4, "holiday", "停电")
    kept = _kept(sw)
    assert (kept[b0], kept[b1]) == ((NOV_3, 1), (NOV_5, 2))  # only B2 spans 4 November
    with c.db.session() as s:
        assert turnaround(s, YEAR, W.TODAY).histogram == ((1, 1), (2, 3), (4, 1))
    with c.db.action() as s:
        set_day(s, c.admin, c.clock, NOV_4, "")
    assert _kept(sw)[b1] == (NOV_5, 3)
