"""A complaint's life cycle, its planned date and when it is overdue (pure).

received → handling → answered → called_back → closed; any state before
closed may end in withdrawn (with a reason).  The planned date is a number of
working days after receipt that depends on the priority (限时办结); a complaint
is overdue when it is still open after its planned date, or was answered later
than planned.
"""

from __future__ import annotations

import datetime as dt
import enum

from counter.admin.rules.workdays import WorkCalendar
from counter.i18n import _


class Status(enum.StrEnum):
    RECEIVED = "received"
    HANDLING = "handling"
    ANSWERED = "answered"
    CALLED_BACK = "called_back"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


OPEN = (Status.RECEIVED, Status.HANDLING)  # not yet answered: the planned date still runs
FINAL = (Status.CLOSED, Status.WITHDRAWN)

#: the moves each state allows
MOVES: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.HANDLING, Status.ANSWERED, Status.WITHDRAWN),
    Status.HANDLING: (Status.ANSWERED, Status.WITHDRAWN),
    Status.ANSWERED: (Status.CALLED_BACK, Status.WITHDRAWN),
    Status.CALLED_BACK: (Status.CLOSED, Status.WITHDRAWN),
    Status.CLOSED: (),
    Status.WITHDRAWN: (),
}


class Object(enum.StrEnum):
    DEPARTMENT = "department"
    PERSON = "person"
    CERTIFICATE = "certificate"
    FEE = "fee"
    WAITING = "waiting"
    OTHER = "other"


class Priority(enum.StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"


#: working days from receipt to the planned answer
PLANNED_WORKDAYS = {Priority.URGENT: 1, Priority.HIGH: 3, Priority.NORMAL: 5}


class CallbackKind(enum.StrEnum):
    PRAISE = "praise"
    CRITICISM = "criticism"
    SUGGESTION = "suggestion"
    REPEAT = "repeat"
    NEW_NEED = "new_need"


def can_move(current: str, new: Status) -> bool:
    return new in MOVES.get(Status(current), ())


def planned_date(calendar: WorkCalendar, received: dt.date, priority: str) -> dt.date:
    return calendar.add_workdays(received, PLANNED_WORKDAYS[Priority(priority)])


def is_overdue(status: str, planned: dt.date, answered_on: dt.date | None, today: dt.date) -> bool:
    """Still open after the planned date, or answered later than planned; never if withdrawn."""
    if status == Status.WITHDRAWN:
        return False
    if answered_on is not None:
        return answered_on > planned
    return today > planned


def status_label(status: str) -> str:
    labels: dict[str, str] = {
        Status.RECEIVED: _("已受理"),
        Status.HANDLING: _("处理中"),
        Status.ANSWERED: _("已答复"),
        Status.CALLED_BACK: _("已回访"),
        Status.CLOSED: _("已办结"),
        Status.WITHDRAWN: _("已撤回"),
    }
    return labels.get(status, status)


def object_label(value: str) -> str:
    labels: dict[str, str] = {
        Object.DEPARTMENT: _("部门"),
        Object.PERSON: _("人员"),
        Object.CERTIFICATE: _("证书"),
        Object.FEE: _("收费"),
        Object.WAITING: _("等候时间"),
        Object.OTHER: _("其他"),
    }
    return labels.get(value, value)


def priority_label(value: str) -> str:
    labels: dict[str, str] = {
        Priority.URGENT: _("紧急"),
        Priority.HIGH: _("较急"),
        Priority.NORMAL: _("一般"),
    }
    return labels.get(value, value)


def callback_label(value: str) -> str:
    labels: dict[str, str] = {
        CallbackKind.PRAISE: _("表扬"),
        CallbackKind.CRITICISM: _("批评"),
        CallbackKind.SUGGESTION: _("建议"),
        CallbackKind.REPEAT: _("重复投诉"),
        CallbackKind.NEW_NEED: _("新需求"),
    }
    return labels.get(value, value)
