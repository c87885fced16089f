"""The clerk plans December, pins one placement, plans again (the pin kept), and accepts:
the plan becomes appointments."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models_appointments import Appointment
from tests.conftest import Counter
from tests.counter.appointments.appt_world import with_capacity
from tests.counter.archive.ledger_world import add_customer, add_entry
from tests.ui.archive.recall_world import click, host
from tests.ui.conftest import make_ctx
from ui.appointments.plan_screen import PlanScreen


def test_plan_pin_replan_and_accept(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    with_capacity(c, 3)
    shops = [add_customer(c, f"眼镜店{n}", sector="眼镜店") for n in (1, 2, 3)]
    with c.db.action() as s:
        for n, cid in enumerate(shops):
            for k in range(3):
                due = dt.date(2026, 12, 10 + 4 * n)
                add_entry(s, c.clock, cid, "电子计价秤", f"U{n}{k}", None, due=due)
    screen = PlanScreen(make_ctx(c, c.clerk))
    host(qtbot, screen)
    assert screen.start.date().toString("yyyy-MM-dd") == "2026-12-01"
    assert not screen.accept_button.isEnabled()
    screen.department.setCurrentIndex(screen.department.findData("衡器"))
    click(qtbot, screen.run_button)
    qtbot.waitUntil(lambda: screen.placements.rowCount() == 3, timeout=20000)
    assert "到期 2026-12-" in screen.placements.index(0, 4).data()
    assert "未排 0" in screen.figures.text() and screen.unplaced.rowCount() == 0
    screen.placement_view.selectRow(0)
    pinned = screen.placements.row_at(0)
    click(qtbot, screen.pin_button)
    click(qtbot, screen.run_button)
    qtbot.waitUntil(
        lambda: any(p.explanation.fixed for p in screen.placements.rows()), timeout=20000
    )
    again = {p.visit.key: p.slot for p in screen.placements.rows()}
    assert again[pinned.visit.key] == pinned.slot
    click(qtbot, screen.accept_button)
    assert "已预约 3 个" in screen.message.text()
    with c.db.session() as s:
        rows = s.scalars(select(Appointment)).all()
    assert len(rows) == 3 and {a.source for a in rows} == {"plan"}
    assert screen.placements.rowCount() == 0 and not screen.accept_button.isEnabled()
