"""Dialogs of the registers: a standard (new or changed) and a signing authorisation.

Each dialog runs its domain action on OK through `ui.common.op.write` (announcing
`Change.REGISTERS`) and stays open with the refusal's text when the action is
refused, keeping what was typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.auth import list_users
from counter.certificates.lookups import StandardRow, role_label
from counter.certificates.registers import (
    AuthorisationForm,
    StandardForm,
    grant_authorisation,
    save_standard,
)
from counter.certificates.rules import SignRole
from counter.changes import Change
from counter.errors import ValidationError
from counter.i18n import _
from counter.intake.catalog import list_types
from ui.certificates.widgets import picked
from ui.common import op
from ui.common.context import AppContext
from ui.common.dates import date_edit
from ui.common.dialogs import ok_cancel_buttons
from ui.common.message_line import MessageLine


class _FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self, _("保存"), on_ok=self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        self.message.clear_message()
        # a form the domain refuses raises; a refused write shows in the message line
        if self.message.succeeded(self.apply) and not self.message.is_error:
            self.accept()

    def apply(self) -> None:
        raise NotImplementedError


class StandardDialog(_FormDialog):
    def __init__(self, ctx: AppContext, row: StandardRow | None, parent: QWidget | None = None):
        super().__init__(_("计量标准") if row is None else _("修改计量标准 {ref}").format(
            ref=row.ref), parent)  # fmt: skip
        self.ctx, self.row = ctx, row
        self.ref, self.name, self.range = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.accuracy, self.certificate_number = QLineEdit(self), QLineEdit(self)
        # no default: the date on the standard's own certificate is typed deliberately
        self.valid_until = QLineEdit(self)
        self.valid_until.setPlaceholderText(_("按标准证书填写，如 2027-06-30"))
        if row is not None and row.valid_until is not None:
            self.valid_until.setText(row.valid_until.isoformat())
        for label, widget in ((_("标准编号"), self.ref), (_("标准名称"), self.name),
                              (_("测量范围"), self.range),
                              (_("不确定度/准确度等级/最大允许误差"), self.accuracy),
                              (_("证书编号"), self.certificate_number),
                              (_("有效期至"), self.valid_until)):  # fmt: skip
            self.form.addRow(label, widget)
        if row is not None:
            for edit, value in ((self.ref, row.ref), (self.name, row.name),
                                (self.range, row.measuring_range), (self.accuracy, row.accuracy),
                                (self.certificate_number, row.certificate_number)):  # fmt: skip
                edit.setText(value)
        self.ref.setFocus()

    def apply(self) -> None:
        form = StandardForm(self.ref.text(), self.name.text(), self.range.text(),
                            self.accuracy.text(), self.certificate_number.text(),
                            typed_day(self.valid_until.text()))  # fmt: skip
        ctx, standard_id = self.ctx, self.row.id if self.row else None
        op.write(self, lambda s: save_standard(s, ctx.actor, ctx.clock, form, standard_id),
                 Change.REGISTERS)  # fmt: skip


def typed_day(text: str) -> dt.date | None:
    """A date typed as 2027-06-30, 2027/6/30, 2027.6.30 or 20270630; None when empty."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if not cleaned:
        return None
    try:
        if cleaned.isdigit() and len(cleaned) == 8:
            return dt.date(int(cleaned[:4]), int(cleaned[4:6]), int(cleaned[6:]))
        year, month, day = (int(part) for part in cleaned.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            [_("有效期“{text}”不是有效日期，请按 2027-06-30 的格式填写").format(text=text.strip())]
        ) from None


def _choices(session: Session) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    people = [(f"{u.full_name}（{u.username}）", u.id) for u in list_users(session) if u.active]
    kinds = [(t.name, t.id) for t in list_types(session)]
    return people, kinds


class AuthorisationDialog(_FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("新增签字授权"), parent)
        self.ctx = ctx
        people, kinds = op.read(self, _choices) or ([], [])
        self.person, self.kind, self.role = QComboBox(self), QComboBox(self), QComboBox(self)
        for box, items in ((self.person, people), (self.kind, kinds)):
            for text, value in items:
                box.addItem(text, value)
        for role in ("", *SignRole):
            self.role.addItem(role_label(role), str(role))
        self.certificate_no = QLineEdit(self)
        today = ctx.clock.now().date()
        self.valid_until = date_edit(self, dt.date(today.year + 5, 12, 31))
        for label, widget in ((_("人员"), self.person), (_("器具名称"), self.kind),
                              (_("签字角色"), self.role), (_("证号"), self.certificate_no),
                              (_("有效期至"), self.valid_until)):  # fmt: skip
            self.form.addRow(label, widget)

    def apply(self) -> None:
        form = AuthorisationForm(self.person.currentData(), self.kind.currentData(),
                                 picked(self.valid_until), self.role.currentData(),
                                 self.certificate_no.text())  # fmt: skip
        ctx = self.ctx
        op.write(
            self, lambda s: grant_authorisation(s, ctx.actor, ctx.clock, form), Change.REGISTERS
        )
