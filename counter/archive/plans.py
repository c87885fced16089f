"""A customer's 周检计划 and 强制检定通知书: the printouts' data from the ledger, and their PDFs.

`plan_for` and `notice_for` read (one due-list statement each, plus the customer
and the institute's settings); `render_plan` and `render_notice` draw outside
any transaction, in the administrator's fonts, a missing glyph refused clearly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from counter.admin.print_fonts import FontSettings, printing_fonts
from counter.admin.settings import load_settings
from counter.archive.recall import CustomerDue, DueDetail, DueEntry, due_details, due_list
from counter.archive.reminder_rules import reminder_rules, rule_for
from counter.archive.rules.due import DueState, month_window
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.documents import institute_info
from db.models import Customer, Department
from printing.recall_data import (
    NoticeData,
    NoticeGroup,
    NoticeRow,
    PlanData,
    PlanRow,
    RecallCustomer,
)
from printing.recall_pdf import render_notice_pdf, render_plan_pdf


def plan_window(year: int, month: int | None) -> tuple[dt.date, dt.date]:
    """The days a plan covers: the month, or the whole year."""
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return month_window(year, month)


def _customer(session: Session, customer_id: int) -> RecallCustomer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("客户不存在"))
    owner = (
        session.get(Department, customer.owner_department_id)
        if customer.owner_department_id
        else None
    )
    return RecallCustomer(
        name=customer.name,
        address=customer.address,
        contact=customer.contact_name,
        phone=customer.phone,
        owner_department=owner.name if owner else "",
    )


def _entries(found: list[CustomerDue]) -> tuple[DueEntry, ...]:
    return found[0].entries if found else ()


def _remark(entry: DueEntry, start: dt.date) -> str:
    if entry.state is DueState.NEVER_VERIFIED:
        return "从未检定"
    if entry.next_due is not None and entry.next_due < start:
        return "已超期"
    return "强检" if entry.compulsory else ""


def plan_rows(
    entries: Iterable[DueEntry], details: Mapping[int, DueDetail], start: dt.date
) -> tuple[PlanRow, ...]:
    return tuple(
        PlanRow(
            instrument=e.name,
            model=d.model,
            serial=e.serial,
            measuring_range=d.measuring_range,
            accuracy_class=d.accuracy_class,
            regulation=d.regulation,
            period_months=d.period_months,
            last_verified=e.last_verified,
            next_due=e.next_due,
            department=e.department,
            remark=_remark(e, start),
        )
        for e in entries
        for d in (details[e.instrument_id],)
    )


def _with_details(
    session: Session, found: list[CustomerDue]
) -> tuple[tuple[DueEntry, ...], dict[int, DueDetail]]:
    entries = _entries(found)
    return entries, due_details(session, (e.instrument_id for e in entries))


def plan_for(
    session: Session,
    customer_id: int,
    year: int,
    month: int | None = None,
    *,
    today: dt.date | None = None,
) -> PlanData:
    """The customer's plan for a year (or a month): entries due then, overdue and never
    verified compulsory ones first.  `today` is the date it is drawn up (default: the
    first day it covers)."""
    start, end = plan_window(year, month)
    customer = _customer(session, customer_id)
    entries, details = _with_details(
        session, due_list(session, today or start, start, end, customer_id=customer_id)
    )
    return PlanData(
        institute=institute_info(load_settings(session)),
        customer=customer,
        year=year,
        month=month,
        rows=plan_rows(entries, details, start),
        made_on=today or start,
    )


def notice_groups(
    entries: Iterable[DueEntry], details: Mapping[int, DueDetail], fallback_address: str
) -> tuple[NoticeGroup, ...]:
    """Compulsory entries grouped by use address (the customer's address when none)."""
    groups: dict[str, list[NoticeRow]] = {}
    for e in entries:
        if not e.compulsory:
            continue
        place = e.location.strip() or fallback_address.strip()
        d = details[e.instrument_id]
        groups.setdefault(place, []).append(
            NoticeRow(
                instrument=e.name,
                model=d.model,
                serial=e.serial,
                regulator_number=d.regulator_number,
                last_verified=e.last_verified,
                period_months=d.period_months,
                next_due=e.next_due,
            )
        )
    return tuple(NoticeGroup(place, tuple(rows)) for place, rows in sorted(groups.items()))


def notice_number(customer_id: int, today: dt.date) -> str:
    return f"QJ{today:%Y%m%d}-{customer_id:06d}"


def notice_for(
    session: Session, customer_id: int, today: dt.date, until: dt.date | None = None
) -> NoticeData:
    """The 强制检定通知书: compulsory entries in use that are overdue, never verified, or
    due by `until` (default: today plus the lead time of the customer's sector rule)."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("客户不存在"))
    if until is None:
        until = today + dt.timedelta(
            days=rule_for(reminder_rules(session), customer.sector).lead_days
        )
    head = _customer(session, customer_id)
    entries, details = _with_details(
        session, due_list(session, today, today, until, customer_id=customer_id)
    )
    groups = notice_groups(entries, details, head.address)
    future = [r.next_due for g in groups for r in g.rows if r.next_due and r.next_due >= today]
    return NoticeData(
        institute=institute_info(load_settings(session)),
        customer=head,
        number=notice_number(customer_id, today),
        groups=groups,
        issued_on=today,
        reply_by=min(future) if future else None,
    )


def has_rows(notice: NoticeData) -> bool:
    return any(g.rows for g in notice.groups)


def render_plan(data: PlanData, fonts: FontSettings) -> bytes:
    with printing_fonts(fonts):
        return render_plan_pdf(data)


def render_notice(data: NoticeData, fonts: FontSettings) -> bytes:
    with printing_fonts(fonts):
        return render_notice_pdf(data)


def plan_pdf(session: Session, customer_id: int, year: int, month: int | None = None) -> bytes:
    """The plan as PDF bytes (reads, then draws: for a single printout from the file)."""
    return render_plan(plan_for(session, customer_id, year, month), load_settings(session))


def notice_pdf(session: Session, customer_id: int, today: dt.date) -> bytes:
    return render_notice(notice_for(session, customer_id, today), load_settings(session))
