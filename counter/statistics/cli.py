"""`python -m counter stats …`: a statistics report from a terminal, printed or as XLSX/PDF.

python -m counter stats run --report volume --from 2026-01-01 --to 2026-12-31 --user NAME
    [--department ID] [--service verification] [--out FILE.xlsx|FILE.pdf] [--db URL]
python -m counter stats saved --user NAME [--db URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.auth import actor_of
from counter.admin.rules.roles import Actor
from counter.clock import SystemClock, local_date
from counter.errors import NotFound
from counter.i18n import _
from counter.session import read
from counter.statistics.export import report_pdf, report_xlsx
from counter.statistics.reports import run_report
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Report
from counter.statistics.saved import list_saved
from db.engine import Database
from db.models import User

KINDS = ("volume", "revenue", "promises", "quality", "regulator", "feedback", "people")


def add_stats_parser(sub: Any) -> None:
    stats = sub.add_parser(
        "stats", help=_("统计报表：运行（run），或列出已保存的报表定义（saved）")
    )
    actions = stats.add_subparsers(dest="stats_action", required=True, metavar="ACTION")
    run = actions.add_parser("run", help=_("运行一个统计报表，打印或写成 XLSX/PDF"))
    run.add_argument("--report", choices=KINDS, required=True)
    run.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True,
                     metavar="YYYY-MM-DD")  # fmt: skip
    run.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True,
                     metavar="YYYY-MM-DD")  # fmt: skip
    run.add_argument("--user", required=True, metavar="NAME", help=_("以哪个用户的权限统计"))
    run.add_argument("--department", type=int, action="append", default=[], metavar="ID")
    run.add_argument("--service", default="", metavar="SERVICE")
    run.add_argument("--out", type=Path, metavar="FILE")
    run.add_argument("--db", metavar="URL")
    saved = actions.add_parser("saved", help=_("列出已保存的报表定义"))
    saved.add_argument("--user", required=True, metavar="NAME")
    saved.add_argument("--db", metavar="URL")


def _actor(session: Session, username: str) -> Actor:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(_("没有用户 {name}").format(name=username))
    return actor_of(user)


def _print(report: Report) -> None:
    print(report.title)
    for table in report.tables:
        print(f"\n{table.title}")
        print("\t".join(table.columns))
        for row in table.rows:
            print("\t".join("" if v is None else str(v) for v in row))


def stats_command(args: argparse.Namespace, database: Database) -> int:
    today = local_date(SystemClock().now())
    if args.stats_action == "saved":
        found = read(database, lambda s: list_saved(s, _actor(s, args.user)))
        for d in found:
            print(f"{d.id}\t{d.name}\t{d.kind}\t{d.filters.start}\t{d.filters.end}")
        return 0
    f = StatFilter(args.start, args.end, tuple(args.department), service=args.service)

    def progress(done: int, total: int, text: str) -> None:
        print(f"[{done}/{total}] {text}", file=sys.stderr)

    def work(s: Session) -> tuple[Report, bytes | None]:
        report = run_report(s, _actor(s, args.user), args.report, f, today, progress)
        if args.out is None:
            return report, None
        if args.out.suffix.lower() == ".pdf":
            return report, report_pdf(s, report, f, today)
        return report, report_xlsx(report, f)

    report, data = read(database, work)
    if data is None:
        _print(report)
    else:
        args.out.write_bytes(data)
        print(_("已写入 {path}").format(path=args.out))
    return 0
