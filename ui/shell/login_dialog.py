"""Logging in, and creating the administrator on the very first start."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter.clock import Clock, SystemClock
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from ui.common.dialogs import ok_cancel_buttons
from ui.common.messages import error_text

if TYPE_CHECKING:  # the login dialog shows before SQLAlchemy and the models are loaded
    from counter.admin.rules.roles import Actor
    from counter.admin.settings import InstituteSettings
    from db.engine import Database

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
        self.buttons = ok_cancel_buttons(self, ok_text, cancel_text=_("退出"))
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 24)

    def show_error(self, error: CounterError | str) -> None:
        self.error.setText(error_text(error))
        self.error.show()


class LoginDialog(_FormDialog):
    """`actor` is the logged-in user after `exec()` returned Accepted.

    `database` may be a function that waits for the database being opened behind the
    dialog (the start); it returns None when the database cannot be logged into, and the
    dialog then ends with `UNAVAILABLE` (the caller says why)."""

    UNAVAILABLE = 2

    def __init__(
        self,
        database: Database | Callable[[], Database | None],
        *,
        username: str = "",
        password: str = "",
        clock: Clock | None = None,
        demo_users: list[tuple[str, str, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("计量收发台 — 登录"), _("登录"), parent)
        if demo_users:
            self.layout_.insertWidget(0, demo_users_table(demo_users))
        self.database = database
        self.clock = clock or SystemClock()
        self.username = QLineEdit(username)
        self.password = _password_field()
        self.password.setText(password)
        self.form.addRow(_("用户名(&U)"), self.username)
        self.form.addRow(_("密码(&P)"), self.password)
        (self.password if username else self.username).setFocus()

    def accept(self) -> None:
        from counter.admin.login import log_in

        database = self.database() if callable(self.database) else self.database
        if database is None:
            self.done(self.UNAVAILABLE)
            return
        try:
            actor = log_in(database, self.clock, self.username.text(), self.password.text())
        except CounterError as error:
            self.show_error(error)
            self.password.clear()
            self.password.setFocus()
            return
        self.actor = actor
        super().accept()


class FirstRunDialog(_FormDialog):
    """No users yet: the institute's details every printout shows, and the administrator
    (who is then logged in).  Nothing is saved until all of it is right."""

    def __init__(self, database: Database, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(_("计量收发台 — 首次使用"), _("创建并登录"), parent)
        self.database = database
        self.clock = clock
        intro = QLabel(
            _(
                "这是第一次启动。请填写本机构的信息（打印在回执、标签、清单和证书上），"
                "并创建管理员账户，之后由管理员为收发员等创建账户。"
            )
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.institute: dict[str, QLineEdit] = {}
        mnemonics = {
            "institute_name": "&I",
            "address": "&D",
            "phone": "&T",
            "authorisation_no": "&Z",
        }
        from counter.admin.settings import identity_labels

        for name, label in identity_labels().items():
            edit = QLineEdit()
            edit.setObjectName(name)
            self.institute[name] = edit
            self.form.addRow(f"{label}({mnemonics[name]})", edit)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = _password_field()
        self.password_again = _password_field()
        self.form.addRow(_("用户名(&U)"), self.username)
        self.form.addRow(_("姓名(&N)"), self.full_name)
        self.form.addRow(_("密码(&P)"), self.password)
        self.form.addRow(_("再次输入密码(&A)"), self.password_again)
        self.institute["institute_name"].setFocus()

    def settings(self) -> InstituteSettings:
        from counter.admin.settings import InstituteSettings

        text = {name: edit.text().strip() for name, edit in self.institute.items()}
        return InstituteSettings(
            institute_name=text["institute_name"],
            address=text["address"],
            phone=text["phone"],
            authorisation_no=text["authorisation_no"],
        )

    def accept(self) -> None:
        from counter.admin.login import set_up_first_administrator
        from counter.admin.settings import missing_identity

        if self.password.text() != self.password_again.text():
            self.show_error(ValidationError([_("两次输入的密码不一致")]))
            self.password_again.clear()
            self.password_again.setFocus()
            return
        missing = missing_identity(self.settings())
        if missing:
            self.show_error(
                ValidationError([_("{field}不能为空").format(field=field) for field in missing])
            )
            return
        try:
            actor = set_up_first_administrator(
                self.database,
                self.clock,
                username=self.username.text(),
                full_name=self.full_name.text(),
                password=self.password.text(),
                settings=self.settings(),
            )
        except CounterError as error:
            self.show_error(error)
            return
        self.actor = actor
        super().accept()


def demo_users_table(users: list[tuple[str, str, str]]) -> QLabel:
    """The demo database's users and passwords, selectable for copying."""
    rows = "".join(
        f"<tr><td>{html.escape(u)}</td><td>{html.escape(p)}</td><td>{html.escape(r)}</td></tr>"
        for u, p, r in users
    )
    header = "".join(
        f"<th align='left'>{html.escape(h)}</th>" for h in (_("用户名"), _("密码"), _("角色"))
    )
    intro = html.escape(_("演示数据库（示例客户和委托单），可用以下账户登录："))
    table = QLabel(f"<p>{intro}</p><table cellspacing='6'><tr>{header}</tr>{rows}</table>")
    table.setObjectName("demo_users")
    table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return table
