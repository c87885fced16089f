"""`python -m counter complaints …` and `python -m counter ratings …`.

python -m counter complaints list [--status STATUS] [--overdue] [--db URL]
python -m counter complaints add --summary TEXT --object OBJECT --user NAME [...] [--db URL]
python -m counter complaints summary [--from DATE] [--to DATE] [--department ID] [--db URL]
python -m counter ratings rate CODE SCORE [--comment TEXT] [--db URL]
python -m counter ratings summary [--from DATE] [--to DATE] [--department ID] [--db URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from typing import Any

from counter.admin.auth import authenticate
from counter.clock import SystemClock, local_date
from counter.feedback.complaint_views import ComplaintFilters, list_complaints
from counter.feedback.complaints import ComplaintForm, add_complaint
from counter.feedback.figures import FeedbackFilters, complaints_summary, satisfaction
from counter.feedback.ratings import rate_by_code
from counter.feedback.rules.complaints import (
    Object,
    Priority,
    Status,
    callback_label,
    object_label,
    priority_label,
    status_label,
)
from counter.feedback.rules.scores import level_label
from counter.i18n import _
from counter.session import read, run_action, user_action
from db.engine import Database


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(_("日期应写作 年-月-日，如 2026-11-23")) from error


def _period(parser: Any) -> None:
    parser.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    parser.add_argument("--department", type=int, metavar="ID")
    parser.add_argument("--db", metavar="URL")


def add_feedback_parsers(sub: Any) -> None:
    complaints = sub.add_parser(
        "complaints", help=_("投诉：列出（list）、受理（add）、统计（summary）")
    )
    actions = complaints.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help=_("列出投诉，最新的在前；超期的标出"))
    listing.add_argument("--status", choices=[s.value for s in Status], metavar="STATUS")
    listing.add_argument("--overdue", action="store_true", help=_("只列超期的投诉"))
    listing.add_argument("--db", metavar="URL")
    add = actions.add_parser("add", help=_("受理一件投诉（密码在终端输入）"))
    add.add_argument("--summary", required=True, metavar="TEXT")
    add.add_argument("--object", required=True, choices=[o.value for o in Object], metavar="OBJECT")
    add.add_argument("--customer", type=int, metavar="ID")
    add.add_argument("--complainant", default="", metavar="NAME")
    add.add_argument("--phone", default="", metavar="PHONE")
    add.add_argument("--priority", default="normal", choices=[p.value for p in Priority],
                     metavar="PRIORITY")  # fmt: skip
    add.add_argument("--owner-department", type=int, metavar="ID")
    add.add_argument("--user", required=True, metavar="NAME")
    add.add_argument("--db", metavar="URL")
    _period(actions.add_parser("summary", help=_("投诉统计：按对象、状态、回访类型，超期件数")))
    ratings = sub.add_parser(
        "ratings", help=_("客户评价：凭评价码评价（rate）、满意度统计（summary）")
    )
    kinds = ratings.add_subparsers(dest="action", required=True, metavar="ACTION")
    rate = kinds.add_parser(
        "rate", help=_("凭交接单上的评价码记录评价（满意/基本满意/不满意或 1–5）")
    )
    rate.add_argument("code", metavar="CODE")
    rate.add_argument("score", metavar="SCORE")
    rate.add_argument("--comment", default="", metavar="TEXT")
    rate.add_argument("--db", metavar="URL")
    _period(kinds.add_parser("summary", help=_("满意度：按部门和月份")))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _complaints(args: argparse.Namespace, database: Database) -> int:
    today = local_date(SystemClock().now())
    if args.action == "list":
        filters = ComplaintFilters(status=args.status, overdue_only=args.overdue)
        for r in read(database, lambda s: list_complaints(s, filters, today)):
            flag = _("超期") if r.overdue else ""
            print("\t".join((r.number, r.received_on.isoformat(), status_label(r.status),
                             object_label(r.object), priority_label(r.priority), r.who,
                             r.owner_department, r.planned_date.isoformat(), flag)))  # fmt: skip
        return 0
    if args.action == "add":
        password = getpass.getpass(_("密码："))
        form = ComplaintForm(summary=args.summary, object=args.object, customer_id=args.customer,
                             complainant=args.complainant, phone=args.phone,
                             priority=args.priority,
                             owner_department_id=args.owner_department)  # fmt: skip
        with user_action(database) as session:
            actor = authenticate(session, args.user, password)
            done = add_complaint(session, actor, SystemClock(), form)
        print(_("投诉 {number} 已受理，应于 {date} 前答复").format(
            number=done.number, date=done.planned_date.isoformat()))  # fmt: skip
        return 0
    f = FeedbackFilters(args.date_from, args.date_to, args.department)
    summary = read(database, lambda s: complaints_summary(s, f, today))
    average = summary.average_handling_days
    line = _("投诉 {n} 件，超期 {overdue} 件（仍未答复 {open} 件），平均处理 {days} 个工作日")
    print(line.format(n=summary.total, overdue=summary.overdue, open=summary.open_overdue,
                      days="—" if average is None else f"{average:.1f}"))  # fmt: skip
    heads = (_("对象"), _("状态"), _("回访"))
    for head, rows, label in zip(
        heads,
        (summary.by_object, summary.by_status, summary.by_callback_kind),
        (object_label, status_label, callback_label),
        strict=True,
    ):
        for key, n in rows:
            print(f"{head}\t{label(key)}\t{n}")
    return 0


def _ratings(args: argparse.Namespace, database: Database) -> int:
    if args.action == "rate":
        run_action(
            database, lambda s: rate_by_code(s, SystemClock(), args.code, args.score, args.comment)
        )
        print(_("评价已记录，谢谢！"))
        return 0
    f = FeedbackFilters(args.date_from, args.date_to, args.department)
    found = read(database, lambda s: satisfaction(s, f))
    for r in found.by_department_month:
        print(f"{r.department}\t{r.year}-{r.month:02d}\t{r.satisfied}\t{r.basic}\t"
              f"{r.dissatisfied}\t{_percent(r.rate)}")  # fmt: skip
    o = found.overall
    print(_("共 {n} 条评价：{s} {sn}，{b} {bn}，{d} {dn}；满意率 {rate}").format(
        n=o.total, s=level_label("satisfied"), sn=o.satisfied, b=level_label("basic"),
        bn=o.basic, d=level_label("dissatisfied"), dn=o.dissatisfied,
        rate=_percent(o.rate)))  # fmt: skip
    return 0


def feedback_command(args: argparse.Namespace, database: Database) -> int:
    """Run a `complaints` or `ratings` command on the opened database."""
    if args.command == "complaints":
        return _complaints(args, database)
    return _ratings(args, database)
