"""The periodic-verification plan (周检计划) and the compulsory-verification notice
(强制检定通知书) as `printing.recall_pdf` draws them: plain frozen data from the caller."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from printing.common import InstituteInfo


@dataclass(frozen=True)
class RecallCustomer:
    """The unit the document is addressed to."""

    name: str
    address: str = ""
    contact: str = ""
    phone: str = ""
    owner_department: str = ""  # 首问负责部门


@dataclass(frozen=True)
class PlanRow:
    instrument: str
    model: str
    serial: str
    measuring_range: str
    accuracy_class: str
    regulation: str
    period_months: int | None
    last_verified: datetime.date | None
    next_due: datetime.date | None
    department: str
    remark: str = ""  # 已超期 / 从未检定 / 强检


@dataclass(frozen=True)
class PlanData:
    """A yearly plan (`month` None) or a monthly one, for one customer."""

    institute: InstituteInfo
    customer: RecallCustomer
    year: int
    month: int | None
    rows: tuple[PlanRow, ...]
    made_on: datetime.date


@dataclass(frozen=True)
class NoticeRow:
    instrument: str
    model: str  # 型号规格
    serial: str
    regulator_number: str  # 强管唯一性号
    last_verified: datetime.date | None
    period_months: int | None
    next_due: datetime.date | None


@dataclass(frozen=True)
class NoticeGroup:
    """The compulsory instruments at one use address."""

    address: str
    rows: tuple[NoticeRow, ...]


@dataclass(frozen=True)
class NoticeData:
    institute: InstituteInfo
    customer: RecallCustomer
    number: str  # the notice's number, printed in its head
    groups: tuple[NoticeGroup, ...]
    issued_on: datetime.date
    reply_by: datetime.date | None = None  # the customer is asked to book before this day


def period_text(months: int | None) -> str:
    """12 → "12个月"; None → "—"."""
    return f"{months}个月" if months else "—"


def date_text(day: datetime.date | None) -> str:
    return day.isoformat() if day else "—"


def plan_title(year: int, month: int | None) -> str:
    return f"{year}年{month}月周检计划" if month else f"{year}年度周检计划"


NOTICE_TITLE = "强制检定计量器具检定通知书"
