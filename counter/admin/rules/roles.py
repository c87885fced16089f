"""Roles, permissions and the acting user: who may do what (pure: no database)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from counter.i18n import _


class Role(enum.StrEnum):
    INTAKE = "intake"
    BILLING = "billing"
    LAB = "lab"
    QUALITY = "quality"
    ADMIN = "admin"


def role_label(role: Role) -> str:
    return {
        Role.INTAKE: _("收发员"),
        Role.BILLING: _("开票员"),
        Role.LAB: _("检定人员"),
        Role.QUALITY: _("质量监督"),
        Role.ADMIN: _("管理员"),
    }[role]


class Perm(enum.StrEnum):
    RECEIVE = "receive"  # register orders and items, print labels and receipts
    EDIT_CUSTOMER = "edit_customer"
    CORRECT_ITEM = "correct_item"
    VOID = "void"
    BILL = "bill"
    LAB_WORK = "lab_work"
    REVIEW = "review"
    RELEASE = "release"
    EDIT_LEDGER = "edit_ledger"  # a customer's instrument ledger: add, edit, import, scrap
    RATE = "rate"  # record and correct a customer's rating (好差评) of an order
    COMPLAINTS = "complaints"  # take and handle complaints, call back, record a withdrawal
    CLOSE_COMPLAINT = "close_complaint"  # close a called-back complaint
    ADMIN = "admin"  # users, settings, catalogue, audit log


ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.INTAKE: frozenset(
        {
            Perm.RECEIVE,
            Perm.EDIT_CUSTOMER,
            Perm.CORRECT_ITEM,
            Perm.VOID,
            Perm.RELEASE,
            Perm.EDIT_LEDGER,
            Perm.RATE,
            Perm.COMPLAINTS,
        }
    ),
    Role.BILLING: frozenset({Perm.BILL, Perm.EDIT_CUSTOMER, Perm.COMPLAINTS}),
    Role.LAB: frozenset({Perm.LAB_WORK}),
    Role.QUALITY: frozenset(
        {Perm.REVIEW, Perm.RELEASE, Perm.RATE, Perm.COMPLAINTS, Perm.CLOSE_COMPLAINT}
    ),
    Role.ADMIN: frozenset(Perm),
}


def perm_label(perm: Perm) -> str:
    return {
        Perm.RECEIVE: _("收件登记"),
        Perm.EDIT_CUSTOMER: _("编辑客户"),
        Perm.CORRECT_ITEM: _("更正器具信息"),
        Perm.VOID: _("作废"),
        Perm.BILL: _("收费开票"),
        Perm.LAB_WORK: _("检定工作"),
        Perm.REVIEW: _("证书终审"),
        Perm.RELEASE: _("发放器具"),
        Perm.EDIT_LEDGER: _("编辑器具台账"),
        Perm.RATE: _("记录客户评价"),
        Perm.COMPLAINTS: _("受理和处理投诉"),
        Perm.CLOSE_COMPLAINT: _("办结投诉"),
        Perm.ADMIN: _("系统管理"),
    }[perm]


@dataclass(frozen=True)
class Actor:
    """The logged-in user, as the domain sees them."""

    id: int
    username: str
    full_name: str
    roles: frozenset[Role]

    def can(self, perm: Perm) -> bool:
        return any(perm in ROLE_PERMS[r] for r in self.roles)


def parse_roles(text: str) -> frozenset[Role]:
    return frozenset(Role(r) for r in text.split(",") if r)
