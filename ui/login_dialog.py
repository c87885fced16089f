"""Logging in, and creating the administrator on the very first start."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter.auth import Actor, Role, actor_of, create_user
from counter.clock import Clock, SystemClock
from counter.database import user_action
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from counter.login import log_in
from db.engine import Database
from ui.messages import error_text

_ERROR_STYLE = "QLabel { color: #b00020; }"


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _FormDialog(QDialog):
    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.actor: Actor | None = None
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("退出"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 24)

    def show_error(self, error: CounterError | str) -> None:
        self.error.setText(error_text(error))
        self.error.show()


class LoginDialog(_FormDialog):
    """`actor` is the logged-in user after `exec()` returned Accepted."""

    def __init__(
        self,
        database: Database,
        *,
        username: str = "",
        password: str = "",
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("计量收发台 — 登录"), _("登录"), parent)
        self.database = database
        self.clock = clock or SystemClock()
        self.username = QLineEdit(username)
        self.password = _password_field()
        self.password.setText(password)
        self.form.addRow(_("用户名(&U)"), self.username)
        self.form.addRow(_("密码(&P)"), self.password)
        (self.password if username else self.username).setFocus()

    def accept(self) -> None:
        try:
            actor = log_in(self.database, self.clock, self.username.text(), self.password.text())
        except CounterError as error:
            self.show_error(error)
            self.password.clear()
            self.password.setFocus()
            return
        self.actor = actor
        super().accept()


class FirstRunDialog(_FormDialog):
    """No users yet: create the administrator (who is then logged in)."""

    def __init__(self, database: Database, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(_("计量收发台 — 首次使用"), _("创建并登录"), parent)
        self.database = database
        self.clock = clock
        intro = QLabel(_("这是第一次启动。请创建管理员账户，之后由管理员为收发员等创建账户。"))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = _password_field()
        self.password_again = _password_field()
        self.form.addRow(_("用户名(&U)"), self.username)
        self.form.addRow(_("姓名(&N)"), self.full_name)
        self.form.addRow(_("密码(&P)"), self.password)
        self.form.addRow(_("再次输入密码(&A)"), self.password_again)
        self.full_name.setFocus()

    def accept(self) -> None:
        if self.password.text() != self.password_again.text():
            self.show_error(ValidationError([_("两次输入的密码不一致")]))
            self.password_again.clear()
            self.password_again.setFocus()
            return
        try:
            with user_action(self.database) as session:
                user = create_user(
                    session,
                    None,
                    self.clock,
                    username=self.username.text(),
                    full_name=self.full_name.text(),
                    password=self.password.text(),
                    roles=frozenset({Role.ADMIN}),
                )
                actor = actor_of(user)
        except CounterError as error:
            self.show_error(error)
            return
        self.actor = actor
        super().accept()


class DemoUsersDialog(QDialog):
    """The demo database's users and passwords, shown before logging in."""

    def __init__(self, users: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("演示数据库"))
        rows = "".join(
            f"<tr><td>{html.escape(u)}</td><td>{html.escape(p)}</td><td>{html.escape(r)}</td></tr>"
            for u, p, r in users
        )
        header = "".join(
            f"<th align='left'>{html.escape(h)}</th>" for h in (_("用户名"), _("密码"), _("角色"))
        )
        intro = QLabel(_("已创建演示数据库（示例客户和委托单）。可用以下账户登录："))
        intro.setWordWrap(True)
        table = QLabel(f"<table cellspacing='6'><tr>{header}</tr>{rows}</table>")
        table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
