"""The monthly recall run: a plan (and a notice when compulsory entries are due) per customer.

Every customer with entries due in the month gets its 周检计划 PDF and, when it
has compulsory entries due (or overdue, or never verified), its 强制检定通知书
PDF; one XLSX sums up the month's due list.  Each customer's data is read in a
short read session of its own and drawn outside any transaction, so a run over
thousands of customers never holds the database.  A customer that fails (a font
that lacks a character of its name, a disk that refuses a file) is recorded with
the reason and the run goes on.  Meant for a worker thread: `progress(done, total,
customer name)` reports each step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from counter.admin.settings import InstituteSettings, load_settings
from counter.archive.plan_xlsx import due_xlsx
from counter.archive.plans import has_rows, notice_for, plan_for, render_notice, render_plan
from counter.archive.recall import CustomerDue, due_details, due_list
from counter.archive.rules.due import month_window
from counter.clock import SystemClock, local_date
from counter.i18n import _
from counter.session import read
from db.engine import Database
from printing.recall_data import NoticeData, PlanData

Progress = Callable[[int, int, str], None]
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class BatchFailure:
    customer_id: int
    customer_name: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    customers: int  # customers with entries due in the month
    entries: int
    files: tuple[Path, ...]
    failures: tuple[BatchFailure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def file_stem(customer_id: int, name: str) -> str:
    """A file name part safe on every system: the customer's id and (short) name."""
    clean = _UNSAFE.sub("_", name).strip(" .") or "customer"
    return f"{customer_id:06d}-{clean[:40]}"


def _read_customer(
    session: Session, customer_id: int, year: int, month: int, today: dt.date, end: dt.date
) -> tuple[PlanData, NoticeData, InstituteSettings]:
    plan = plan_for(session, customer_id, year, month, today=today)
    notice = notice_for(session, customer_id, today, until=end)
    return plan, notice, load_settings(session)


def _one(
    database: Database, c: CustomerDue, year: int, month: int, today: dt.date, folder: Path
) -> list[Path]:
    _start, end = month_window(year, month)
    plan, notice, settings = read(
        database, lambda s: _read_customer(s, c.customer_id, year, month, today, end)
    )
    outputs = [(folder / f"{file_stem(c.customer_id, c.name)}-周检计划-{year}{month:02d}.pdf",
                render_plan(plan, settings))]  # fmt: skip
    if has_rows(notice):
        name = f"{file_stem(c.customer_id, c.name)}-强制检定通知书-{year}{month:02d}.pdf"
        outputs.append((folder / name, render_notice(notice, settings)))
    for path, data in outputs:
        path.write_bytes(data)
    return [path for path, _data in outputs]


def recall_batch(
    database: Database,
    year: int,
    month: int,
    folder: Path,
    progress: Progress,
    *,
    today: dt.date | None = None,
) -> BatchResult:
    """Write every customer's plan and notice for the month into `folder`, and the summary."""
    today = today or local_date(SystemClock().now())
    start, end = month_window(year, month)
    folder.mkdir(parents=True, exist_ok=True)
    due = read(
        database,
        lambda s: due_list(s, today, start, end, include_overdue=False, include_never=False),
    )
    ids = [e.instrument_id for c in due for e in c.entries]
    details = read(database, lambda s: due_details(s, ids))
    files: list[Path] = []
    failures: list[BatchFailure] = []
    total = len(due)
    for done, customer in enumerate(due):
        progress(done, total, customer.name)
        try:
            files += _one(database, customer, year, month, today, folder)
        except Exception as error:  # one customer's failure must not stop the run
            reason = str(error) or type(error).__name__
            failures.append(BatchFailure(customer.customer_id, customer.name, reason))
    summary = folder / f"周检到期清单-{year}{month:02d}.xlsx"
    title = _("{year} 年 {month} 月周检到期清单（{today} 制表）").format(
        year=year, month=month, today=today.isoformat()
    )
    summary.write_bytes(due_xlsx(due, details, title))
    files.append(summary)
    progress(total, total, "")
    return BatchResult(
        customers=total,
        entries=sum(len(c.entries) for c in due),
        files=tuple(files),
        failures=tuple(failures),
    )
