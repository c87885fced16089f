"""The demo's customer archive: ledger entries falling due, reminder rules, a few messages.

So that the recall and outbox screens have a day's work: instruments due next month
for most customers, some overdue (one long enough to be escalated), a compulsory scale
never verified, the administrator's reminder rules, and reminders already drafted,
sent and failed.  Everything goes through the archive's own actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.archive.ledger import add_entry
from counter.archive.outbox import draft_reminders, due_customers_from, mark_failed, mark_sent
from counter.archive.recall import due_list
from counter.archive.reminder_rules import set_reminder_rule
from counter.archive.rules.due import RecallRule, add_months, month_window
from counter.archive.rules.ledger_form import EntryForm
from counter.clock import Clock, local_date
from counter.intake.catalog import list_types

#: (customer index, type, serial, due: ("next", day of next month) | ("ago", days overdue)
#:  | None for never verified, use, location)
LEDGER: tuple[tuple[int, str, str, tuple[str, int] | None, str, str], ...] = (
    (0, "一般压力表", "YL-2101", ("next", 5), "safety", "锅炉房"),
    (0, "一般压力表", "YL-2102", ("next", 12), "safety", "锅炉房"),
    (0, "电子计价秤", "JJ-2103", ("next", 20), "trade", "门市部"),
    (1, "焦度计", "JD-3301", ("next", 8), "medical", ""),
    (1, "验光仪", "YG-3302", ("next", 8), "medical", ""),
    (2, "血压计和血压表", "BP-101", ("next", 3), "medical", "门诊楼二层"),
    (2, "血压计和血压表", "BP-102", ("next", 3), "medical", "门诊楼二层"),
    (2, "血压计和血压表", "BP-103", ("ago", 20), "medical", "住院部"),
    (3, "燃油加油机", "JY-11", ("next", 15), "trade", ""),
    (3, "燃油加油机", "JY-12", ("ago", 80), "trade", ""),
    (4, "电子计价秤", "DG-01", ("next", 2), "trade", "一号摊位"),
    (4, "电子计价秤", "DG-02", ("next", 9), "trade", "二号摊位"),
    (4, "电子计价秤", "DG-03", ("next", 27), "trade", "三号摊位"),
    (4, "电子计价秤", "DG-04", None, "trade", "四号摊位"),
    (5, "电子计价秤", "ZJ-01", ("ago", 10), "trade", ""),
    (7, "可燃气体检测报警器", "KR-21", ("next", 25), "safety", "调压站"),
)

RULES: tuple[tuple[str, RecallRule], ...] = (
    ("", RecallRule(30, 15, 60)),
    ("集贸市场", RecallRule(45, 10, 30)),
    ("医疗机构", RecallRule(60, 7, 30)),
)


def _due(today: dt.date, when: tuple[str, int]) -> dt.date:
    how, days = when
    if how == "ago":
        return today - dt.timedelta(days=days)
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    start, end = month_window(year, month)
    return min(start + dt.timedelta(days=days - 1), end)


def seed_archive(
    session: Session, admin: Actor, clerk: Actor, clock: Clock, customers: Sequence[int]
) -> None:
    today = local_date(clock.now())
    for sector, rule in RULES:
        set_reminder_rule(session, admin, clock, sector, rule)
    types = {t.name: t.id for t in list_types(session)}
    for index, type_name, serial, when, use, location in LEDGER:
        due = _due(today, when) if when else None
        form = EntryForm(
            types[type_name],
            serial=serial,
            model="演示型号",
            use=use,
            location=location,
            division_code="371502",
            compulsory=True if use else None,
            last_verified=add_months(due, -12) if due else None,
            valid_until=due,
        )
        add_entry(session, clerk, clock, customers[index], form)
    # this month's overdue reminders: one waiting, one sent, one call that got no answer
    start, end = month_window(today.year, today.month)
    late = {c.customer_id: c for c in due_list(session, today, start, end, include_never=False)}
    for index, channel, outcome in ((5, "sms", ""), (3, "sms", "sent"), (2, "phone", "failed")):
        found = late.get(customers[index])
        if found is None:
            continue
        done = draft_reminders(session, clerk, clock, due_customers_from([found]), channel)
        for message_id in done.drafted:
            if outcome == "sent":
                mark_sent(session, clerk, clock, message_id)
            elif outcome == "failed":
                mark_failed(session, clerk, clock, message_id, "电话无人接听，请改发短信或信函")
