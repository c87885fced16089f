"""The due list: which entries are due in a window, filtered, grouped by customer; the rules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.archive.due_summary import (
    CustomerDueSummary,
    due_page,
    due_summary,
    due_totals,
    summary_count,
)
from counter.archive.recall import due_count, due_details, due_list
from counter.archive.reminder_rules import reminder_rules, rule_for, set_reminder_rule
from counter.archive.rules.due import DueState, RecallRule
from counter.errors import PermissionDenied, ValidationError
from counter.reports.audit_log import list_audit
from db.models import Customer
from tests.conftest import Counter
from tests.counter.archive.ledger_world import add_customer, add_entry, type_of

D = dt.date
TODAY = D(2026, 11, 23)
JAN = (D(2027, 1, 1), D(2027, 1, 31))


def _world(c: Counter) -> dict[str, int]:
    """Two customers with scales (12 months) and pressure gauges (6 months) due around Jan 2027."""
    market = add_customer(c, "东昌集贸市场", "集贸市场", "聊城市东昌路 8 号")
    with c.db.action() as s:
        clock = c.clock
        ids = {
            "jan": add_entry(s, clock, c.customer_id, "电子计价秤", "J1", D(2026, 1, 15),
                             compulsory=True, use="trade", location="一号门店").id,
            "jan_end": add_entry(s, clock, c.customer_id, "一般压力表", "P1", D(2026, 7, 31)).id,
            "feb": add_entry(s, clock, c.customer_id, "电子计价秤", "F1", D(2026, 2, 1)).id,
            "dec": add_entry(s, clock, c.customer_id, "电子计价秤", "D1", D(2025, 12, 31)).id,
            "old": add_entry(s, clock, market, "电子计价秤", "O1", D(2025, 3, 3),
                             compulsory=True, use="trade").id,
            "never": add_entry(s, clock, market, "电子计价秤", "N1", None, compulsory=True,
                               use="trade").id,
            "never_free": add_entry(s, clock, market, "电子计价秤", "N2", None).id,
            "stopped": add_entry(s, clock, market, "电子计价秤", "S1", D(2026, 1, 10),
                                 status="out_of_use").id,
            "scrapped": add_entry(s, clock, market, "电子计价秤", "S2", D(2026, 1, 11),
                                  status="scrapped").id,
            "market_jan": add_entry(s, clock, market, "一般压力表", "MP", D(2026, 7, 2),
                                    division_code="371502").id,
        }  # fmt: skip
        s.get(Customer, c.customer_id).division_code = "371500"  # type: ignore[union-attr]
    ids["market"] = market
    return ids


def _ids(found: list) -> set[int]:  # type: ignore[type-arg]
    return {e.instrument_id for c in found for e in c.entries}


def test_a_month_window_with_and_without_overdue_and_never_verified(counter: Counter) -> None:
    w = _world(counter)
    with counter.db.session() as s:
        only = due_list(s, TODAY, *JAN, include_overdue=False, include_never=False)
        everything = due_list(s, TODAY, *JAN)
        overdue = due_list(s, TODAY, *JAN, include_never=False)
    assert _ids(only) == {w["jan"], w["jan_end"], w["market_jan"]}
    # overdue = due before the window (Dec 2026 and Mar 2026); never = compulsory only
    assert _ids(everything) == _ids(only) | {w["dec"], w["old"], w["never"]}
    assert _ids(overdue) == _ids(only) | {w["dec"], w["old"]}
    assert due_count(everything) == 6
    assert not {w["stopped"], w["scrapped"], w["feb"], w["never_free"]} & _ids(everything)


def test_grouped_by_customer_with_contact_and_entries_in_due_order(counter: Counter) -> None:
    w = _world(counter)
    with counter.db.session() as s:
        found = due_list(s, TODAY, *JAN)
    assert [c.name for c in found] == sorted(c.name for c in found)
    market = next(c for c in found if c.customer_id == w["market"])
    assert (market.contact_name, market.phone, market.address, market.sector) == (
        "李四", "0635-1234567", "聊城市东昌路 8 号", "集贸市场",
    )  # fmt: skip
    # never verified first, then by due date
    assert [e.instrument_id for e in market.entries] == [w["never"], w["old"], w["market_jan"]]
    states = {e.instrument_id: e.state for e in market.entries}
    assert states[w["never"]] is DueState.NEVER_VERIFIED
    assert states[w["old"]] is DueState.ESCALATED  # 2026-03-03 due, 265 days late
    ours = next(c for c in found if c.customer_id == counter.customer_id)
    jan = next(e for e in ours.entries if e.instrument_id == w["jan"])
    assert (jan.name, jan.type_name, jan.serial, jan.next_due) == (
        "电子计价秤", "电子计价秤", "J1", D(2027, 1, 15),
    )  # fmt: skip
    with counter.db.session() as s:
        detail = due_details(s, [w["jan"], w["jan_end"]])
    assert set(detail) == {w["jan"], w["jan_end"]}
    assert detail[w["jan"]].regulation == "JJG 539-2016" and detail[w["jan"]].period_months == 12
    assert jan.department and jan.compulsory and jan.location == "一号门店"
    assert jan.state is DueState.NOT_DUE  # 53 days ahead, lead time 30
    assert next(e for e in ours.entries if e.instrument_id == w["jan_end"]).next_due == D(
        2027, 1, 31
    )


def test_filters_department_sector_region_use_customer(counter: Counter) -> None:
    w = _world(counter)
    with counter.db.session() as s:
        scales = type_of(s, "电子计价秤").department_id
        gauges = type_of(s, "一般压力表").department_id
        by_dept = due_list(s, TODAY, *JAN, department_id=gauges)
        by_sector = due_list(s, TODAY, *JAN, sector="集贸市场")
        by_region = due_list(s, TODAY, *JAN, division_prefix="3715")
        by_city_district = due_list(s, TODAY, *JAN, division_prefix="371502")
        by_use = due_list(s, TODAY, *JAN, use="trade")
        by_customer = due_list(s, TODAY, *JAN, customer_id=counter.customer_id)
        nothing = due_list(s, TODAY, *JAN, division_prefix="11%")
    assert scales != gauges
    assert _ids(by_dept) == {w["jan_end"], w["market_jan"]}
    assert _ids(by_sector) == {w["old"], w["never"], w["market_jan"]}
    # the entry's own division, else the customer's (371500)
    assert _ids(by_region) == {w["jan"], w["jan_end"], w["dec"], w["market_jan"]}
    assert _ids(by_city_district) == {w["market_jan"]}
    assert _ids(by_use) == {w["jan"], w["old"], w["never"]}
    assert [c.customer_id for c in by_customer] == [counter.customer_id]
    assert nothing == []


def _twins(c: Counter) -> None:
    """Two more customers of the market's name (the page's key has the id after the
    name), one with an entry due in January, one never verified."""
    for serial, verified in (("T1", D(2026, 1, 20)), ("T2", None)):
        twin = add_customer(c, "东昌集贸市场" + serial, "集贸市场")
        with c.db.action() as s:
            s.get(Customer, twin).name = "东昌集贸市场"  # type: ignore[union-attr]
            add_entry(s, c.clock, twin, "电子计价秤", serial, verified, compulsory=True)


@pytest.mark.parametrize(
    ("size", "walk"),
    [(1, 0), (2, 0), (200, 0), (2, 1), (200, 3)],
    ids=["1", "2", "200", "2-walk-1", "200-walk-3"],  # a short walk: the rest by the due index
)
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"include_overdue": False, "include_never": False},
        {"include_never": False},
        {"sector": "集贸市场"},
        {"division_prefix": "3715"},
        {"use": "trade"},
        {"department": "一般压力表"},
        {"customers": ["东昌集贸市场"]},
    ],
    ids=["all", "window-only", "no-never", "sector", "region", "use", "department", "named"],
)
def test_the_list_paged_by_customer_is_the_whole_list_with_its_totals(
    counter: Counter, filters: dict[str, object], size: int, walk: int
) -> None:
    _world(counter)
    _twins(counter)
    with counter.db.action() as s:  # a sector rule of its own changes the market's states
        set_reminder_rule(s, counter.admin, counter.clock, "集贸市场", RecallRule(60, 10, 400))
    with counter.db.session() as s:
        query = dict(filters)
        if "department" in query:
            query["department_id"] = type_of(s, str(query.pop("department"))).department_id
        named = query.pop("customers", None)
        whole = due_summary(s, TODAY, *JAN, **query)  # type: ignore[arg-type]
        if named is not None:
            wanted = set(s.scalars(select(Customer.id).where(Customer.name.in_(named))))
            whole = [c for c in whole if c.customer_id in wanted]
            query["customer_ids"] = wanted
        pages: list[list[CustomerDueSummary]] = []
        after = None
        while not pages or len(pages[-1]) == size:
            pages.append(due_page(s, TODAY, *JAN, after=after, limit=size, walk=walk, **query))  # type: ignore[arg-type]
            after = pages[-1][-1] if pages[-1] else None
        totals = due_totals(s, *JAN, **query)  # type: ignore[arg-type]
    assert len(whole) >= 2, "the world lists several customers for every filter"
    assert all(len(page) <= size for page in pages)
    assert [c for page in pages for c in page] == whole
    assert (totals.customers, totals.entries) == (len(whole), summary_count(whole))


def test_the_customers_sector_rule_decides_the_state(counter: Counter) -> None:
    w = _world(counter)
    with counter.db.action() as s:
        set_reminder_rule(s, counter.admin, counter.clock, "集贸市场", RecallRule(60, 10, 400))
        set_reminder_rule(s, counter.admin, counter.clock, "", RecallRule(90, 15, 60))
    with counter.db.session() as s:
        rules = reminder_rules(s)
        found = due_list(s, TODAY, *JAN)
    assert rule_for(rules, "集贸市场") == RecallRule(60, 10, 400)
    assert rule_for(rules, "眼镜店") == RecallRule(90, 15, 60)  # the default row
    assert rule_for({}, "眼镜店") == RecallRule()
    states = {e.instrument_id: e.state for c in found for e in c.entries}
    assert states[w["old"]] is DueState.OVERDUE  # escalates only after 400 days here
    assert states[w["jan"]] is DueState.DUE_SOON  # default rule: 90 days ahead


def test_setting_a_rule_is_admin_only_validated_and_audited(counter: Counter) -> None:
    with counter.db.action() as s, pytest.raises(PermissionDenied):
        set_reminder_rule(s, counter.clerk, counter.clock, "", RecallRule())
    with counter.db.action() as s, pytest.raises(ValidationError) as refused:
        set_reminder_rule(s, counter.admin, counter.clock, "火星", RecallRule(-1, 30, 10))
    assert len(refused.value.problems) == 3
    with counter.db.action() as s:
        set_reminder_rule(s, counter.admin, counter.clock, "眼镜店", RecallRule(45, 15, 60))
    with counter.db.action() as s:
        set_reminder_rule(s, counter.admin, counter.clock, "眼镜店", RecallRule(20, 15, 60))
    with counter.db.session() as s:
        assert reminder_rules(s) == {"眼镜店": RecallRule(20, 15, 60)}
        rows = list_audit(s, counter.admin, action_prefix="reminder_rule")
    assert [(r.entity_key, r.after) for r in rows] == [
        ("眼镜店", '{"lead_days": 20}'),
        ("眼镜店", '{"escalate_after_days": 60, "grace_days": 15, "lead_days": 45}'),
    ]


def _summary_from(found: list) -> list[tuple]:  # type: ignore[type-arg]
    """What the screen's customer rows show, worked out from the full list by hand."""
    from counter.archive.rules.due import most_pressing

    return [
        (c.customer_id, c.name, len(c.entries),
         sum(e.state is DueState.NEVER_VERIFIED for e in c.entries),
         min((e.next_due for e in c.entries if e.next_due), default=None),
         most_pressing(e.state for e in c.entries))
        for c in found
    ]  # fmt: skip


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"include_overdue": False, "include_never": False},
        {"include_never": False},
        {"sector": "集贸市场"},
        {"division_prefix": "3715"},
        {"use": "trade"},
        {"department": "一般压力表"},
    ],
    ids=["all", "window-only", "no-never", "sector", "region", "use", "department"],
)
def test_the_screens_summary_counts_what_the_full_list_holds(
    counter: Counter, filters: dict[str, object]
) -> None:
    _world(counter)
    with counter.db.action() as s:  # a sector rule of its own changes the market's states
        set_reminder_rule(s, counter.admin, counter.clock, "集贸市场", RecallRule(60, 10, 400))
    with counter.db.session() as s:
        query = dict(filters)
        if "department" in query:
            query["department_id"] = type_of(s, str(query.pop("department"))).department_id
        full = due_list(s, TODAY, *JAN, **query)  # type: ignore[arg-type]
        summary = due_summary(s, TODAY, *JAN, **query)  # type: ignore[arg-type]
    assert full, "the world has something due for every filter"
    assert [
        (c.customer_id, c.name, c.entries, c.never, c.first_due, c.state) for c in summary
    ] == _summary_from(full)
    assert summary_count(summary) == due_count(full)
    market = next((c for c in summary if c.name == "东昌集贸市场"), None)
    if market is not None and filters == {}:
        # its own rule: 2026-03-03 is overdue but not escalated (400 days); never verified first
        assert (market.entries, market.never, market.state) == (3, 1, DueState.OVERDUE)
        assert (market.contact_name, market.phone, market.sector) == (
            "李四",
            "0635-1234567",
            "集贸市场",
        )
