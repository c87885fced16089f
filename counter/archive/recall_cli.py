"""`python -m counter recall …`: the due list and the monthly batch run from a terminal.

python -m counter recall due --month 2027-01 [--no-overdue] [--no-never] [--db URL]
python -m counter recall batch --month 2027-01 --out DIR [--db URL]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from counter.archive.batch import recall_batch
from counter.archive.recall import due_count, due_list
from counter.archive.rules.due import due_state_label, month_window
from counter.clock import SystemClock, local_date
from counter.i18n import _
from counter.session import read
from db.engine import Database

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def month_argument(text: str) -> tuple[int, int]:
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise argparse.ArgumentTypeError(_("月份应写作 年-月，如 2027-01"))
    return int(found.group(1)), int(found.group(2))


def add_recall_parser(sub: Any) -> None:
    recall = sub.add_parser(
        "recall", help=_("周检提醒：某月到期清单（due），或批量生成计划和通知书（batch）")
    )
    actions = recall.add_subparsers(dest="recall_action", required=True, metavar="ACTION")
    due = actions.add_parser("due", help=_("列出某月到期（及超期、从未检定）的器具，按客户分组"))
    due.add_argument("--month", type=month_argument, required=True, metavar="YYYY-MM")
    due.add_argument("--no-overdue", action="store_true", help=_("不含此前已超期的器具"))
    due.add_argument("--no-never", action="store_true", help=_("不含从未检定的强检器具"))
    due.add_argument("--db", metavar="URL")
    batch = actions.add_parser("batch", help=_("为某月到期的每个客户生成周检计划和强制检定通知书"))
    batch.add_argument("--month", type=month_argument, required=True, metavar="YYYY-MM")
    batch.add_argument("--out", type=Path, required=True, metavar="DIR")
    batch.add_argument("--db", metavar="URL")


def _due(args: argparse.Namespace, database: Database) -> int:
    (year, month), today = args.month, local_date(SystemClock().now())
    start, end = month_window(year, month)
    found = read(
        database,
        lambda s: due_list(
            s,
            today,
            start,
            end,
            include_overdue=not args.no_overdue,
            include_never=not args.no_never,
        ),
    )
    for customer in found:
        print(f"{customer.name}\t{customer.contact_name}\t{customer.phone}")
        for e in customer.entries:
            due = e.next_due.isoformat() if e.next_due else "—"
            print(f"\t{e.name}\t{e.serial}\t{due}\t{due_state_label(e.state)}\t{e.department}")
    print(
        _("{customers} 个客户，{entries} 台（件）器具").format(
            customers=len(found), entries=due_count(found)
        )
    )
    return 0


def _batch(args: argparse.Namespace, database: Database) -> int:
    year, month = args.month

    def progress(done: int, total: int, name: str) -> None:
        print(f"[{done}/{total}] {name}", file=sys.stderr)

    result = recall_batch(database, year, month, args.out, progress)
    for failure in result.failures:
        print(f"{failure.customer_name}: {failure.reason}", file=sys.stderr)
    print(
        _("{customers} 个客户，写入 {files} 个文件到 {folder}，失败 {failed} 个").format(
            customers=result.customers,
            files=len(result.files),
            folder=args.out,
            failed=len(result.failures),
        )
    )
    return 0 if result.ok else 1


def recall_command(args: argparse.Namespace, database: Database) -> int:
    """Run `recall due` or `recall batch` on the opened database (the caller disposes it)."""
    return _due(args, database) if args.recall_action == "due" else _batch(args, database)
