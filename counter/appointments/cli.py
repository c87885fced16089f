"""`python -m counter appointments …`: book, list, print a slip, draft tomorrow's reminders,
and print the appointment classification table and catalogue, from a terminal.

python -m counter appointments book --customer ID --department NAME --day YYYY-MM-DD
    --half am|pm --type NAME [--quantity N] [--wait] --user NAME [--db URL]
python -m counter appointments list --from YYYY-MM-DD [--to YYYY-MM-DD] [--department NAME]
python -m counter appointments slip NUMBER --out FILE
python -m counter appointments remind --user NAME [--day YYYY-MM-DD] [--channel CHANNEL]
python -m counter appointments catalogue --out DIR
python -m counter appointments plan --from YYYY-MM-DD --to YYYY-MM-DD [--department NAME]
    [--accept --user NAME]   (counter.appointments.plan_cli)
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.auth import authenticate
from counter.appointments.booking import BookingItem, book
from counter.appointments.documents import (
    catalogue_document,
    classification_document,
    document_pdf,
    document_xlsx,
    slip_pdf,
)
from counter.appointments.notices import draft_reminders_for
from counter.appointments.plan_cli import add_plan_parser, plan_command
from counter.appointments.queries import find_by_number, list_appointments
from counter.appointments.rules.slots import half_label, status_label
from counter.archive.rules.messages import CHANNELS
from counter.clock import SystemClock, local_date
from counter.errors import NotFound
from counter.i18n import _
from counter.session import read, user_action
from db.engine import Database
from db.models import Department, InstrumentType


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(_("日期应写作 年-月-日，如 2027-01-05")) from error


def add_appointments_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "appointments",
        help=_(
            "检定预约：预约（book）、列表（list）、预约单（slip）、明日提醒（remind）、预约目录（catalogue）"
        ),
    )
    actions = parser.add_subparsers(dest="appointments_action", required=True, metavar="ACTION")
    booking = actions.add_parser("book", help=_("为客户预约一个半天时段（密码在终端输入）"))
    booking.add_argument("--customer", type=int, required=True, metavar="ID")
    booking.add_argument("--department", required=True, metavar="NAME")
    booking.add_argument("--day", type=_day, required=True, metavar="YYYY-MM-DD")
    booking.add_argument("--half", choices=("am", "pm"), required=True, metavar="HALF")
    booking.add_argument("--type", required=True, metavar="NAME", help=_("器具类型名称"))
    booking.add_argument("--quantity", type=int, default=1, metavar="N")
    booking.add_argument("--wait", action="store_true", help=_("随送随检随取"))
    booking.add_argument("--user", required=True, metavar="NAME")
    listing = actions.add_parser("list", help=_("列出一段日期内的预约"))
    listing.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")
    listing.add_argument("--department", metavar="NAME")
    slip = actions.add_parser("slip", help=_("把预约单写成 PDF"))
    slip.add_argument("number", metavar="NUMBER")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE")
    remind = actions.add_parser(
        "remind", help=_("为下一个工作日的预约起草提醒（已起草的不再起草）")
    )
    remind.add_argument("--user", required=True, metavar="NAME")
    remind.add_argument("--day", type=_day, metavar="YYYY-MM-DD")
    remind.add_argument("--channel", choices=CHANNELS, default="sms", metavar="CHANNEL")
    catalogue = actions.add_parser("catalogue", help=_("写出预约分类表和预约目录（PDF 与 XLSX）"))
    catalogue.add_argument("--out", type=Path, required=True, metavar="DIR")
    planning = add_plan_parser(actions, _day)
    for action in (booking, listing, slip, remind, catalogue, planning):
        action.add_argument("--db", metavar="URL")


def _department_id(session: Session, name: str) -> int:
    found = session.scalar(select(Department.id).where(Department.name == name.strip()))
    if found is None:
        raise NotFound(_("科室不存在：{name}").format(name=name))
    return found


def _book(args: argparse.Namespace, database: Database) -> int:
    password = getpass.getpass(_("密码："))
    clock = SystemClock()
    with user_action(database) as s:
        actor = authenticate(s, args.user, password)
        type_id = s.scalar(select(InstrumentType.id).where(InstrumentType.name == args.type))
        if type_id is None:
            raise NotFound(_("器具类型不存在：{name}").format(name=args.type))
        booked = book(
            s, actor, clock, customer_id=args.customer,
            department_id=_department_id(s, args.department), day=args.day, half=args.half,
            items=[BookingItem(type_id, args.quantity, wait=args.wait)], wait=args.wait,
        )  # fmt: skip
    print(
        _("已预约 {number}：{day} {half} {department}，{n} 台件").format(
            number=booked.number,
            day=booked.day.isoformat(),
            half=half_label(booked.half),
            department=booked.department,
            n=booked.items,
        )
    )
    return 0


def _list(args: argparse.Namespace, database: Database) -> int:
    def query(s: Session) -> list[Any]:
        department = _department_id(s, args.department) if args.department else None
        return list_appointments(s, args.start, args.end or args.start, department_id=department)

    rows = read(database, query)
    for a in rows:
        print(
            f"{a.number}\t{a.day.isoformat()}\t{half_label(a.half)}\t{a.department}\t"
            f"{a.customer}\t{a.items}\t{status_label(a.status)}"
        )
    print(_("共 {n} 个预约").format(n=len(rows)))
    return 0


def _remind(args: argparse.Namespace, database: Database) -> int:
    password = getpass.getpass(_("密码："))
    clock = SystemClock()
    with user_action(database) as s:
        actor = authenticate(s, args.user, password)
        result = draft_reminders_for(s, actor, clock, args.day, args.channel)
    for problem in result.problems:
        print(problem)
    print(
        _("{day}：起草提醒 {n} 条，已有提醒 {already} 个").format(
            day=result.day.isoformat(), n=len(result.drafted), already=result.already
        )
    )
    return 0


def appointments_command(args: argparse.Namespace, database: Database) -> int:
    """Run one `appointments` action on the opened database (the caller disposes it)."""
    action = args.appointments_action
    if action == "book":
        return _book(args, database)
    if action == "list":
        return _list(args, database)
    if action == "remind":
        return _remind(args, database)
    if action == "plan":
        return plan_command(args, database)
    if action == "slip":
        data = read(database, lambda s: slip_pdf(s, find_by_number(s, args.number).id))
        args.out.write_bytes(data)
        print(_("预约单已写入 {path}").format(path=args.out))
        return 0
    clock = SystemClock()
    args.out.mkdir(parents=True, exist_ok=True)
    for make in (classification_document, catalogue_document):
        document = read(database, lambda s, make=make: make(s, clock))  # type: ignore[misc]
        stem = args.out / f"{document.title}-{local_date(clock.now()).isoformat()}"
        stem.with_suffix(".pdf").write_bytes(document_pdf(document))
        stem.with_suffix(".xlsx").write_bytes(document_xlsx(document))
        print(stem.with_suffix(".pdf"))
    return 0
