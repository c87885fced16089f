"""When a ledger entry falls due, and where it stands against a recall rule.

Next due date = the certificate's valid-until when it gives one (the day after
it, since valid-until is the last valid day), else the last verification plus
the type's period in months (a month-end date stays at the month's end:
31 Jan + 1 month = 28/29 Feb).  An entry out of use or scrapped is never due;
a compulsory entry never verified is due now.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from counter.i18n import _


class LedgerStatus(enum.StrEnum):
    IN_USE = "in_use"
    OUT_OF_USE = "out_of_use"
    SCRAPPED = "scrapped"


def status_label(status: str) -> str:
    labels = {
        LedgerStatus.IN_USE.value: _("在用"),
        LedgerStatus.OUT_OF_USE.value: _("停用"),
        LedgerStatus.SCRAPPED.value: _("报废"),
    }
    return labels.get(status, status)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = _month_end(year, month)
    return dt.date(year, month, min(day.day, last))


def _month_end(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def next_due(
    last_verified: dt.date | None, period_months: int | None, valid_until: dt.date | None
) -> dt.date | None:
    """The day the entry must be verified again; None when nothing says when."""
    if valid_until is not None:
        return valid_until + dt.timedelta(days=1)
    if last_verified is None or not period_months or period_months <= 0:
        return None
    return add_months(last_verified, period_months)


class DueState(enum.StrEnum):
    NOT_DUE = "not_due"  # due later than the recall lead time
    DUE_SOON = "due_soon"  # inside the lead time before the due date
    OVERDUE = "overdue"  # past the due date (within the grace period or after it)
    ESCALATED = "escalated"  # overdue longer than the escalation limit
    NEVER_VERIFIED = "never_verified"  # compulsory, no verification on record
    UNKNOWN = "unknown"  # no period and no valid-until: the ledger cannot say
    RESTING = "resting"  # out of use or scrapped: skipped


#: most pressing first: a customer on the due list shows the first its entries have
PRESSING = (
    DueState.ESCALATED,
    DueState.OVERDUE,
    DueState.NEVER_VERIFIED,
    DueState.DUE_SOON,
    DueState.NOT_DUE,
    DueState.UNKNOWN,
    DueState.RESTING,
)


def most_pressing(states: Iterable[DueState]) -> DueState:
    """The most pressing of these states (UNKNOWN when there are none)."""
    found = set(states)
    return next((s for s in PRESSING if s in found), DueState.UNKNOWN)


def due_state_label(state: DueState) -> str:
    return {
        DueState.NOT_DUE: _("未到期"),
        DueState.DUE_SOON: _("即将到期"),
        DueState.OVERDUE: _("已超期"),
        DueState.ESCALATED: _("超期未检（升级）"),
        DueState.NEVER_VERIFIED: _("从未检定"),
        DueState.UNKNOWN: _("周期未知"),
        DueState.RESTING: _("停用/报废"),
    }[state]


@dataclass(frozen=True)
class RecallRule:
    """Remind `lead_days` before the due date; grace `grace_days`; escalate after N days overdue."""

    lead_days: int = 30
    grace_days: int = 15
    escalate_after_days: int = 60

    def problems(self) -> list[str]:
        found = []
        for value, name in (
            (self.lead_days, _("提前提醒天数")),
            (self.grace_days, _("宽限天数")),
            (self.escalate_after_days, _("升级天数")),
        ):
            if not 0 <= value <= 3660:
                found.append(_("{name}须在 0–3660 之间").format(name=name))
        if self.escalate_after_days < self.grace_days:
            found.append(_("升级天数不能小于宽限天数"))
        return found


def due_state(
    today: dt.date,
    due: dt.date | None,
    *,
    status: str = LedgerStatus.IN_USE,
    compulsory: bool = False,
    verified: bool = True,
    rule: RecallRule = RecallRule(),
) -> DueState:
    if status != LedgerStatus.IN_USE:
        return DueState.RESTING
    if due is None:
        return DueState.NEVER_VERIFIED if compulsory and not verified else DueState.UNKNOWN
    late = (today - due).days
    if late > rule.escalate_after_days:
        return DueState.ESCALATED
    if late >= 0:
        return DueState.OVERDUE
    if -late <= rule.lead_days:
        return DueState.DUE_SOON
    return DueState.NOT_DUE


def month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month: the window a monthly recall run covers."""
    return dt.date(year, month, 1), dt.date(year, month, _month_end(year, month))
