"""`python -m counter onsite …`: on-site jobs from a terminal.

python -m counter onsite jobs [--from DATE] [--to DATE] [--db URL]
python -m counter onsite week [--day DATE] [--db URL]
python -m counter onsite sheet JOB --out FILE [--db URL]
python -m counter onsite campaign NAME --out FILE [--db URL]   # .pdf or .xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from counter.clock import SystemClock, local_date
from counter.errors import NotFound
from counter.i18n import _
from counter.onsite.campaign_pdf import campaign_summary_pdf
from counter.onsite.campaigns import campaign_summary_xlsx
from counter.onsite.rules.jobs import resource_label
from counter.onsite.sheet import job_sheet_pdf
from counter.onsite.views import list_jobs, week_view
from counter.session import read
from db.engine import Database
from db.models_onsite import Campaign, OnsiteJob


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("日期应写作 年-月-日，如 2027-01-05")) from None


def add_onsite_parser(sub: Any) -> None:
    onsite = sub.add_parser(
        "onsite",
        help=_(
            "上门检定：任务列表（jobs）、一周资源（week）、任务单（sheet）、统检汇总（campaign）"
        ),
    )
    actions = onsite.add_subparsers(dest="onsite_action", required=True, metavar="ACTION")
    jobs = actions.add_parser("jobs", help=_("列出上门任务（按任务日期）"))
    jobs.add_argument("--from", dest="start", type=_date, metavar="DATE")
    jobs.add_argument("--to", dest="end", type=_date, metavar="DATE")
    week = actions.add_parser("week", help=_("列出一周内每位检定人员、每辆车、每个计量标准的安排"))
    week.add_argument("--day", type=_date, metavar="DATE")
    sheet = actions.add_parser("sheet", help=_("把一个上门任务的任务单写成 PDF"))
    sheet.add_argument("job", metavar="JOB")
    sheet.add_argument("--out", type=Path, required=True, metavar="FILE")
    campaign = actions.add_parser(
        "campaign", help=_("统检汇总：按区县的进度和各机构的收入分成（PDF 或 XLSX，按文件后缀）")
    )
    campaign.add_argument("name", metavar="NAME")
    campaign.add_argument("--out", type=Path, required=True, metavar="FILE")
    for action in (jobs, week, sheet, campaign):
        action.add_argument("--db", metavar="URL")


def _jobs(args: argparse.Namespace, database: Database) -> int:
    rows = read(database, lambda s: list_jobs(s, start=args.start, end=args.end))
    for r in rows:
        day = (r.confirmed_date or r.requested_date).isoformat()
        urgent = _("加急") if r.urgent else ""
        print(
            f"{r.number}\t{day}\t{r.state_text}\t{urgent}\t{r.customer}\t{r.site_address}\t"
            f"{r.instrument_count}\t{r.crew}\t{r.vehicle}"
        )
    print(_("共 {n} 个上门任务").format(n=len(rows)))
    return 0


def _week(args: argparse.Namespace, database: Database) -> int:
    day = args.day or local_date(SystemClock().now())
    week = read(database, lambda s: week_view(s, day))
    print("\t".join(["", "", *(d.strftime("%m-%d") for d in week.days)]))
    for r in week.rows:
        print("\t".join([resource_label(r.resource), r.label, *(n or "—" for n in r.days)]))
    return 0


def _sheet(args: argparse.Namespace, database: Database) -> int:
    def make(session: Any) -> bytes:
        job_id = session.scalar(select(OnsiteJob.id).where(OnsiteJob.number == args.job.strip()))
        if job_id is None:
            raise NotFound(_("上门任务不存在"))
        return job_sheet_pdf(session, SystemClock(), job_id)

    args.out.write_bytes(read(database, make))
    print(_("任务单已写入 {path}").format(path=args.out))
    return 0


def _campaign(args: argparse.Namespace, database: Database) -> int:
    def make(session: Any) -> bytes:
        found = session.scalar(select(Campaign.id).where(Campaign.name == args.name.strip()))
        if found is None:
            raise NotFound(_("统检不存在"))
        if args.out.suffix.lower() == ".xlsx":
            return campaign_summary_xlsx(session, found)
        return campaign_summary_pdf(session, SystemClock(), found)

    args.out.write_bytes(read(database, make))
    print(_("统检汇总已写入 {path}").format(path=args.out))
    return 0


def onsite_command(args: argparse.Namespace, database: Database) -> int:
    """Run `onsite jobs|week|sheet|campaign` on the opened database (the caller disposes it)."""
    run = {"jobs": _jobs, "week": _week, "sheet": _sheet, "campaign": _campaign}
    return run[args.onsite_action](args, database)
