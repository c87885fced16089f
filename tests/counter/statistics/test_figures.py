"""Every figure against the hand-counted history of `world` (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from counter.admin.calendar import load_calendar
from counter.errors import PermissionDenied
from counter.statistics.reports import report_kinds, run_report
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Report
from tests.conftest import Counter
from tests.counter.statistics import world as W

YEAR = StatFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def sw(counter: Counter) -> W.StatsWorld:
    return W.build(counter)


def _run(sw: W.StatsWorld, kind: str, f: StatFilter = YEAR) -> Report:
    c = sw.world.counter
    with c.db.action() as s:
        return run_report(s, c.admin, kind, f, W.TODAY)


def test_units_and_orders_per_department_and_month(sw: W.StatsWorld) -> None:
    t = _run(sw, "volume").table("volume")
    assert t.rows == (
        ("医疗", "2026-11", 2, 1, 0, 0, 0, 0, 1, 1),
        ("衡器", "2026-09", 3, 1, 0, 0, 0, 0, 0, 0),
        ("衡器", "2026-10", 0, 0, 3, 1, 0, 0, 0, 0),
        ("衡器", "2026-11", 3, 2, 2, 1, 3, 2, 0, 0),
        ("合计", "", 8, 4, 5, 2, 3, 2, 1, 1),
    )


def test_filters_narrow_by_department_customer_and_period(sw: W.StatsWorld) -> None:
    scales = replace(YEAR, department_ids=(sw.scale_department,))
    assert [r[:3] for r in _run(sw, "volume", scales).table("volume").rows] == [
        ("衡器", "2026-09", 3), ("衡器", "2026-10", 0), ("衡器", "2026-11", 3), ("合计", "", 6)
    ]  # fmt: skip
    nobody = replace(YEAR, customer_id=sw.world.counter.customer_id + 999)
    assert _run(sw, "volume", nobody).table("volume").rows == (("合计", "", *[0] * 8),)
    october = StatFilter(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert _run(sw, "volume", october).table("volume").rows[-1][2:] == (0, 0, 3, 1, 0, 0, 0, 0)
    assert _run(sw, "volume", replace(YEAR, sector="没有的行业")).table("volume").rows[-1][2] == 0


def test_revenue_charged_waived_received_outstanding(sw: W.StatsWorld) -> None:
    r = _run(sw, "revenue")
    # A: 3 free scales + repair 80.00, paid 50.00; B: 2 free scales + repair 60.00, paid
    # 60.00, refunded 20.00; C voided.  A scale's standard fee is 30.00.
    assert {row[0]: row[1] for row in r.table("revenue").rows} == {
        "标准收费": 29000, "应收": 14000, "减免": 15000, "实收": 11000, "退款": 2000,
        "净实收": 9000, "欠费": 5000,
    }  # fmt: skip
    assert r.table("waived").rows == (("compulsory_free", 5, 15000),)
    assert r.table("fee_type").rows == (
        ("repair_fee", 2, 14000, 14000), ("verification", 5, 15000, 0)
    )  # fmt: skip
    assert r.table("fee_department").rows == (("", 2, 14000), ("衡器", 5, 0))
    assert r.table("payment_method").rows == (("cash", 1, 5000, 0), ("wechat", 2, 6000, 2000))


def test_promises_turnaround_in_working_days_across_national_day(sw: W.StatsWorld) -> None:
    r = _run(sw, "promises")
    assert r.table("turnaround").rows == ((1, 1), (2, 2), (3, 1), (4, 1))
    assert r.table("promises").rows == ((5, 5, 1.0, 2, 4),)
    # the 2025 scale and C's second item are still open past their promised dates
    assert [row[:2] for row in r.table("overdue").rows] == [("医疗", 1), ("衡器", 1)]


def test_turnaround_agrees_with_the_work_calendar(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    with c.db.action() as s:
        cal = load_calendar(s)
    assert cal.workdays_between(dt.date(2026, 9, 30), dt.date(2026, 10, 9)) == 2
    assert cal.workdays_between(dt.date(2026, 9, 30), dt.date(2026, 10, 12)) == 4


def test_certificates_defects_sent_back_reissues(sw: W.StatsWorld) -> None:
    r = _run(sw, "quality")
    # 8 final checks: A 3, B 3 (one sent back), the reissue, D sent back with defects
    assert r.table("checks").rows == (("衡器", 8, 1, 0.125, 2, 0.25),)
    assert r.table("defects").rows == (("C05-NOT-AUTHORISED", "blocking", 1, 0.1429),)
    assert r.table("reissues").rows == (("衡器", 1),)


def test_regulator_compulsory_units_waived_year_over_year(sw: W.StatsWorld) -> None:
    r = _run(sw, "regulator")
    assert r.table("compulsory_use").rows == (("贸易结算", 6, 1, 5.0),)
    assert r.table("compulsory_type").rows == (("贸易结算", "电子计价秤", 6, 1, 5.0),)
    assert r.table("compulsory_waived").rows == (("贸易结算", 15000, 0, None),)
    assert r.table("recall").rows == ((3, 3, 1.0),)


def test_work_per_person_is_for_the_administrator(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    rows = _run(sw, "people").table("people").rows
    assert rows == (
        ("billing", "李开票", 0, 0, 3, 14000, 1, 0, 0, 0, 0),
        ("clerk", "王收发", 4, 8, 0, 0, 0, 3, 1, 0, 0),
        ("sunli", "孙丽", 0, 0, 0, 0, 0, 0, 0, 0, 8),
        ("zhangwei", "张伟", 0, 0, 0, 0, 0, 0, 0, 7, 0),
    )
    with c.db.action() as s:
        assert "people" not in dict(report_kinds(c.billing))
        with pytest.raises(PermissionDenied):
            run_report(s, c.billing, "people", YEAR, W.TODAY)
        with pytest.raises(PermissionDenied):
            run_report(s, c.clerk, "volume", YEAR, W.TODAY)
        assert run_report(s, c.billing, "volume", YEAR, W.TODAY).tables


def test_progress_is_reported_per_step(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    seen: list[tuple[int, int]] = []
    with c.db.action() as s:
        run_report(s, c.admin, "regulator", YEAR, W.TODAY, lambda d, t, _x: seen.append((d, t)))
    assert seen == [(0, 2), (1, 2), (2, 2)]
