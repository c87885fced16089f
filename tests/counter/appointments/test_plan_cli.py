"""`python -m counter appointments plan`: the plan printed, then accepted, from a terminal."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from counter.__main__ import main
from db.models_appointments import Appointment
from tests.conftest import PASSWORD, Counter
from tests.counter.appointments.appt_world import with_capacity
from tests.counter.archive.ledger_world import add_customer, add_entry

FIRST = dt.date(2027, 3, 1)  # after the real clock's today: the CLI plans with the system clock


def test_plan_prints_then_accepts(
    counter: Counter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_capacity(counter, 4)
    shops = [add_customer(counter, f"眼镜店{n}", sector="眼镜店") for n in (1, 2)]
    with counter.db.action() as s:
        for n, cid in enumerate(shops):
            for k in range(2):
                due = FIRST + dt.timedelta(days=10 + 7 * n)
                add_entry(s, counter.clock, cid, "电子计价秤", f"P{n}{k}", None, due=due)
    url = counter.db.engine.url.render_as_string(hide_password=False)
    period = ["--from", "2027-03-01", "--to", "2027-03-31", "--department", "衡器", "--db", url]
    assert main(["appointments", "plan", *period]) == 0
    out = capsys.readouterr().out
    assert out.count("到期 2027-03-") == 2 and "眼镜店1" in out and "已排 4，未排 0，逾期 0" in out
    with counter.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Appointment)) == 0  # nothing booked
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    assert main(["appointments", "plan", *period, "--accept", "--user", "clerk"]) == 0
    assert "已预约 2 个" in capsys.readouterr().out
    with counter.db.session() as s:
        sources = s.scalars(select(Appointment.source)).all()
    assert sources == ["plan", "plan"]
