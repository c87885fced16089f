"""The automatic plan on small cases a clerk can check by hand."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator

import pytest

from counter.appointments.rules.plan_cpsat import solve_plan
from counter.appointments.rules.plan_greedy import first_come_plan, greedy_plan
from counter.appointments.rules.plan_model import (
    Demand,
    DueItem,
    PlanInput,
    SectorRule,
    Slot,
    SlotKey,
)
from counter.i18n import set_language

START = dt.date(2027, 1, 4)  # a Monday
END = dt.date(2027, 12, 31)
GRAIN = SectorRule("grain", deadlines=((4, 30), (9, 30)))


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


def weekdays(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def slots(dept: str, cap: int, start: dt.date = START, end: dt.date = END) -> tuple[Slot, ...]:
    return tuple(
        Slot(SlotKey(dept, day, half), cap) for day in weekdays(start, end) for half in ("am", "pm")
    )


def items(first_id: int, n: int, due: dt.date, dept: str = "力学") -> tuple[DueItem, ...]:
    return tuple(DueItem(first_id + k, "秤", dept, due) for k in range(n))


def test_grain_station_is_planned_before_the_season_and_says_why() -> None:
    station = Demand(1, "粮站", items(1, 3, dt.date(2027, 7, 14)), sector="grain")
    inp = PlanInput(START, END, slots("力学", 6), (station,), (GRAIN,))
    for plan in (greedy_plan(inp), solve_plan(inp)):
        (placed,) = plan.placements
        assert placed.slot.day <= dt.date(2027, 4, 30)
        assert placed.explanation.text() == "到期 2027-07-14，行业规则：04-30 前，剩余容量 3"


def test_explanation_in_english(english: None) -> None:
    station = Demand(1, "粮站", items(1, 3, dt.date(2027, 11, 2)), sector="grain")
    plan = greedy_plan(PlanInput(START, END, slots("力学", 6), (station,), (GRAIN,)))
    (placed,) = plan.placements
    assert placed.slot.day <= dt.date(2027, 9, 30)
    assert placed.explanation.text() == "due 2027-11-02, sector rule: before 09-30, capacity left 3"


def test_a_full_window_places_late_and_reports_the_days() -> None:
    due = dt.date(2027, 1, 6)
    demands = tuple(Demand(n, f"户{n}", items(10 * n, 2, due)) for n in range(1, 8))
    inp = PlanInput(START, END, slots("力学", 2), demands)
    plan = greedy_plan(inp)
    assert plan.figures.unplaced_items == 0
    late = [p for p in plan.placements if p.explanation.late_days > 0]
    assert plan.figures.late_items == sum(p.visit.size for p in late) == 2
    assert "晚于期限 1 天" in late[0].explanation.text()


def test_chemical_plant_alarms_go_in_four_quarterly_waves() -> None:
    alarms = tuple(
        DueItem(k, "报警器", "化学", START + dt.timedelta(days=k * 4)) for k in range(1, 81)
    )
    plant = Demand(1, "化工厂", alarms, sector="chemical")
    inp = PlanInput(START, END, slots("化学", 40), (plant,), (SectorRule("chemical", waves=4),))
    plan = solve_plan(inp)
    waves = sorted((p.visit.wave, p.slot.day) for p in plan.placements)
    assert [w for w, _d in waves] == [1, 2, 3, 4]
    quarters = [(d.month - 1) // 3 + 1 for _w, d in waves]
    assert quarters == [1, 2, 3, 4]
    assert "第 2/4 批" in plan.placements[1].explanation.text()


def test_optical_shops_are_spread_over_the_year() -> None:
    shops = tuple(
        Demand(n, f"眼镜店{n}", items(10 * n, 3, END, "光学"), sector="optical")
        for n in range(1, 13)
    )
    inp = PlanInput(START, END, slots("光学", 6), shops, (SectorRule("optical", spread=True),))
    plan = greedy_plan(inp)
    months = sorted(p.slot.day.month for p in plan.placements)
    assert months == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert plan.figures.split_customers == 0
    baseline = first_come_plan(inp)
    assert baseline.figures.peak_to_mean_load > plan.figures.peak_to_mean_load


def test_preferred_weekday_closures_and_blocked_dates() -> None:
    end = dt.date(2027, 1, 29)
    closed = {dt.date(2027, 1, 20)}  # a Wednesday, closed
    offered = tuple(
        Slot(s.key, 0 if s.key.day in closed else s.capacity) for s in slots("力学", 3, START, end)
    )
    blocked = frozenset({dt.date(2027, 1, 13)})
    customer = Demand(
        1, "户", items(1, 2, end), preferred_weekdays=frozenset({2}), blocked=blocked
    )  # Wednesdays
    plan = greedy_plan(PlanInput(START, end, offered, (customer,), lead_days=30))
    (placed,) = plan.placements
    assert placed.slot.day.weekday() == 2
    assert placed.slot.day not in closed | blocked
    assert "客户希望的星期" in placed.explanation.text()


def test_unplaced_visits_say_why() -> None:
    end = dt.date(2027, 1, 8)
    inp = PlanInput(
        START,
        end,
        slots("力学", 2, START, end),
        (
            Demand(1, "没有科室", items(1, 1, end, "电学")),
            Demand(2, "全部屏蔽", items(2, 1, end), blocked=frozenset(weekdays(START, end))),
            Demand(3, "固定已满", items(3, 3, end), fixed=(SlotKey("力学", START, "am"),)),
        ),
    )
    plan = greedy_plan(inp)
    reasons = {u.visit.customer_id: u.reason for u in plan.unplaced}
    assert reasons[1] == "no_slots" and reasons[2] == "blocked"
    # three items cannot go into a slot of two: they come in two parts, the pinned one kept
    assert {p.visit.customer_id for p in plan.placements} == {3}
    assert plan.unplaced[0].text() == "该科室在计划期内没有可预约的时段"


def test_greedy_fallback_without_ortools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ortools.sat.python", None)  # import fails
    due = dt.date(2027, 1, 6)
    demands = (
        Demand(1, "户", items(1, 2, due)),
        Demand(2, "户", items(5, 2, due), preferred_weekdays=frozenset({4})),
    )
    inp = PlanInput(START, END, slots("力学", 2), demands)
    plan = solve_plan(inp)
    assert plan.solver == "greedy" and "OR-Tools" in plan.note
    assert [p.visit.customer_id for p in plan.placements] == [
        p.visit.customer_id for p in greedy_plan(inp).placements
    ]


def test_planning_rules_do_not_import_ortools_until_asked() -> None:
    code = (
        "import sys, counter.appointments.rules.plan_cpsat as m; "
        "assert 'ortools' not in sys.modules, 'imported at start'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
