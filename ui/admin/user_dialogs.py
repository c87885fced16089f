"""Dialogs of the users tab: create a user or change roles; reset a password.

Each applies its change itself (one transaction, announced as `Change.USERS`)
and stays open with the domain's message when refused.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.auth import MIN_PASSWORD_LENGTH, create_user
from counter.admin.rules.roles import Role, role_label
from counter.admin.users import UserRow, reset_password, set_roles
from counter.changes import Change
from counter.errors import ValidationError
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_cancel_buttons
from ui.common.message_line import MessageLine


def _password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(_("至少 {n} 个字符").format(n=MIN_PASSWORD_LENGTH))
    return edit


class _FormDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self, save=True, on_ok=self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        self.message.clear_message()
        op.write(self, self.apply, Change.USERS, on_success=lambda _r: self.accept())

    def apply(self, session: Session) -> None:
        raise NotImplementedError


class UserDialog(_FormDialog):
    """A new user (user=None) or another user's roles."""

    def __init__(
        self, ctx: AppContext, user: UserRow | None, parent: QWidget | None = None
    ) -> None:
        title = (
            _("新建用户") if user is None else _("修改角色 — {name}").format(name=user.full_name)
        )
        super().__init__(ctx, title, parent)
        self.user = user
        self.username, self.full_name = QLineEdit(self), QLineEdit(self)
        self.password, self.confirm = _password_edit(self), _password_edit(self)
        self.role_boxes = {role: QCheckBox(role_label(role), self) for role in Role}
        if user is None:
            self.form.addRow(_("用户名"), self.username)
            self.form.addRow(_("姓名"), self.full_name)
            self.form.addRow(_("密码"), self.password)
            self.form.addRow(_("再次输入密码"), self.confirm)
        else:
            self.form.addRow(_("用户"), QLabel(f"{user.username}（{user.full_name}）", self))
            for role, box in self.role_boxes.items():
                box.setChecked(role in user.roles)
        for n, box in enumerate(self.role_boxes.values()):
            self.form.addRow(_("角色") if n == 0 else "", box)
        (self.username if user is None else self.role_boxes[Role.INTAKE]).setFocus()

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.role_boxes.items() if box.isChecked())

    def apply(self, session: Session) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock
        if self.user is None:
            if self.password.text() != self.confirm.text():
                raise ValidationError([_("两次输入的密码不一致")])
            create_user(
                session,
                actor,
                clock,
                username=self.username.text(),
                full_name=self.full_name.text(),
                password=self.password.text(),
                roles=self.roles(),
            )
            return
        set_roles(session, actor, clock, self.user.id, self.roles())


class PasswordDialog(_FormDialog):
    def __init__(self, ctx: AppContext, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("重置密码 — {name}").format(name=user.full_name), parent)
        self.user = user
        self.password, self.confirm = _password_edit(self), _password_edit(self)
        self.form.addRow(_("新密码"), self.password)
        self.form.addRow(_("再次输入密码"), self.confirm)
        self.password.setFocus()

    def apply(self, session: Session) -> None:
        if self.password.text() != self.confirm.text():
            raise ValidationError([_("两次输入的密码不一致")])
        reset_password(session, self.ctx.actor, self.ctx.clock, self.user.id, self.password.text())
