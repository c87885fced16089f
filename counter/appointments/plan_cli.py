"""`python -m counter appointments plan --from D --to D [--department NAME] [--accept --user NAME]`:
the automatic plan of the customers due in a period, printed with an explanation per
placement and a reason per item left out; `--accept` books it (password at the terminal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from typing import Any

from counter.admin.auth import authenticate
from counter.appointments.planning import accept_plan, plan_input
from counter.appointments.rules.plan_cpsat import solve_plan
from counter.appointments.rules.plan_model import Plan
from counter.clock import SystemClock, local_date
from counter.i18n import _
from counter.session import read, user_action
from db.engine import Database


def add_plan_parser(actions: Any, day: Any) -> Any:
    plan = actions.add_parser(
        "plan", help=_("为一段日期内到期的客户自动排预约（--accept 即按方案预约）")
    )
    plan.add_argument("--from", dest="start", type=day, required=True, metavar="YYYY-MM-DD")
    plan.add_argument("--to", dest="end", type=day, required=True, metavar="YYYY-MM-DD")
    plan.add_argument(
        "--department", action="append", metavar="NAME", help=_("科室（可重复；默认全部）")
    )
    plan.add_argument("--accept", action="store_true", help=_("按方案预约并起草确认短信"))
    plan.add_argument("--user", metavar="NAME", help=_("--accept 时必填"))
    return plan


def _print(plan: Plan) -> None:
    for p in plan.placements:
        print(
            f"{p.slot.label()}\t{p.slot.department}\t{p.visit.name}\t{p.visit.size}\t"
            f"{p.explanation.text()}"
        )
    for u in plan.unplaced:
        print(_("未排入：{customer}\t{department}\t{n} 台件\t{reason}").format(
            customer=u.visit.name, department=u.visit.department, n=u.visit.size, reason=u.text()
        ))  # fmt: skip
    f = plan.figures
    print(
        _("共 {visits} 次送检、{items} 台件：已排 {placed}，未排 {unplaced}，逾期 {late}，"
          "最满时段负荷为平均的 {peak} 倍").format(
            visits=f.visits, items=f.items, placed=f.placed_items, unplaced=f.unplaced_items,
            late=f.late_items, peak=f.peak_to_mean_load,
        )
    )  # fmt: skip
    if plan.note:
        print(plan.note)


def plan_command(args: argparse.Namespace, database: Database) -> int:
    if args.end < args.start:
        raise SystemExit(_("结束日期不能早于开始日期"))
    clock = SystemClock()
    today: dt.date = local_date(clock.now())
    if not args.accept:
        inp = read(database, lambda s: plan_input(s, today, args.start, args.end,
                                                  departments=args.department))  # fmt: skip
        _print(solve_plan(inp))
        return 0
    if not args.user:
        raise SystemExit(_("--accept 需要 --user"))
    password = getpass.getpass(_("密码："))
    with user_action(database) as s:
        actor = authenticate(s, args.user, password)
        inp = plan_input(s, today, args.start, args.end, departments=args.department)
        plan = solve_plan(inp)
        _print(plan)
        accepted = accept_plan(s, actor, clock, plan)
    for refused in accepted.refused:
        print(_("未能预约：{customer} {slot}：{reason}").format(
            customer=refused.placement.visit.name, slot=refused.placement.slot.label(),
            reason=refused.reason,
        ))  # fmt: skip
    print(_("已预约 {n} 个").format(n=len(accepted.booked)))
    return 1 if accepted.refused else 0
