"""Which screens the main window offers: one table, one row per screen, and each role's home.

A screen is offered only to a user holding its permission (the domain checks the
permission again on every action: hiding is a courtesy, not the guard).  To add a
screen, add a row; `HOME` names the screen a role lands on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter.admin.rules.roles import Actor, Perm, Role
from counter.i18n import _


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: Callable[[], str]  # called when mounted, so it speaks the UI's language
    module: str
    factory: str  # a class or function of `module` taking (ctx, parent)
    perm: Perm | None  # None: every user (unless `any_of` says otherwise)
    any_of: frozenset[Perm] = frozenset()  # offered to a user holding any of these


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("intake", lambda: _("收件登记"), "ui.intake.screen", "IntakeScreen", Perm.RECEIVE),
    ScreenSpec("orders", lambda: _("委托单"), "ui.orders.screen", "OrdersScreen", None),
    ScreenSpec("billing", lambda: _("收费"), "ui.billing.screen", "BillingScreen", Perm.BILL),
    ScreenSpec(
        "review",
        lambda: _("证书终审"),
        "ui.certificates.review_screen",
        "ReviewScreen",
        Perm.REVIEW,
    ),
    ScreenSpec("return", lambda: _("领取/邮寄"), "ui.release.screen", "ReturnScreen", Perm.RELEASE),
    ScreenSpec(
        "reprint", lambda: _("补打"), "ui.intake.reprint_screen", "ReprintScreen", Perm.RECEIVE
    ),
    ScreenSpec(
        "registers",
        lambda: _("标准器与授权"),
        "ui.certificates.registers_screen",
        "RegistersScreen",
        Perm.ADMIN,
    ),
    ScreenSpec(
        "recall",
        lambda: _("周检提醒"),
        "ui.archive.recall_screen",
        "RecallScreen",
        Perm.EDIT_LEDGER,
    ),
    ScreenSpec(
        "appointments",
        lambda: _("检定预约"),
        "ui.appointments.calendar_screen",
        "AppointmentsScreen",
        Perm.RECEIVE,
    ),
    ScreenSpec(
        "appointment_plan",
        lambda: _("自动排程"),
        "ui.appointments.plan_screen",
        "PlanScreen",
        Perm.RECEIVE,
    ),
    ScreenSpec(
        "outbox",
        lambda: _("通知发件箱"),
        "ui.archive.outbox_screen",
        "OutboxScreen",
        Perm.EDIT_LEDGER,
    ),
    ScreenSpec(
        "complaints",
        lambda: _("评价与投诉"),
        "ui.feedback.screen",
        "ComplaintsScreen",
        Perm.COMPLAINTS,
    ),
    ScreenSpec("onsite", lambda: _("上门检定"), "ui.onsite.screen", "OnsiteScreen", Perm.RECEIVE),
    ScreenSpec("admin", lambda: _("系统管理"), "ui.admin.screen", "AdminScreen", Perm.ADMIN),
    ScreenSpec(
        "statistics",
        lambda: _("统计"),
        "ui.statistics.screen",
        "StatisticsScreen",
        None,
        frozenset({Perm.BILL, Perm.REVIEW, Perm.ADMIN}),
    ),
    ScreenSpec(
        "lab_work",
        lambda: _("检定工作"),
        "ui.certificates.lab_work_screen",
        "LabWorkScreen",
        Perm.LAB_WORK,
    ),
)

#: the screen each role lands on, best first (the first one the user is offered wins);
#: a user with several roles lands where the first role of `HOME_ORDER` they hold lands
HOME: dict[Role, tuple[str, ...]] = {
    Role.INTAKE: ("intake",),
    Role.BILLING: ("billing",),
    Role.LAB: ("lab_work", "orders"),
    Role.QUALITY: ("review",),
    Role.ADMIN: ("admin",),
}
HOME_ORDER = (Role.INTAKE, Role.BILLING, Role.LAB, Role.QUALITY, Role.ADMIN)


def offered(actor: Actor) -> list[ScreenSpec]:
    """The screens this user may use, in tab order."""
    return [
        s
        for s in SCREENS
        if (s.perm is None or actor.can(s.perm)) and (not s.any_of or any(map(actor.can, s.any_of)))
    ]


def home_key(actor: Actor) -> str:
    keys = {s.key for s in offered(actor)}
    for role in HOME_ORDER:
        if role in actor.roles:
            for key in HOME[role]:
                if key in keys:
                    return key
    return offered(actor)[0].key
