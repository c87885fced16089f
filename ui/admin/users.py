"""The users tab: list, create, change roles, deactivate / reactivate, reset password.

Nobody is deleted: a user who leaves is deactivated and keeps their name on
everything they did.  Keys: Ctrl+N new user, F2 roles, Enter roles.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.admin.users import UserRow, activate_user, deactivate_user, list_user_rows
from counter.changes import Change
from counter.i18n import _
from ui.admin import users_model as um
from ui.admin.user_dialogs import PasswordDialog, UserDialog
from ui.admin.users_model import UsersModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.reason_dialog import WriteWithReason


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pending: QDialog | None = None
        self.model = UsersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(um.SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(um.USERNAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_roles())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.message = MessageLine(self)
        self.new_button = QPushButton(_("新建用户"), self)
        self.roles_button = QPushButton(_("修改角色"), self)
        self.active_button = QPushButton(_("停用"), self)
        self.password_button = QPushButton(_("重置密码"), self)
        buttons = QHBoxLayout()
        for button, slot in (
            (self.new_button, self.new_user),
            (self.roles_button, self.edit_roles),
            (self.active_button, self.toggle_active),
            (self.password_button, self.reset_password),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_user)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.edit_roles)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.edit_roles)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.refresh()

    def refresh(self) -> None:
        current = self.current_user()
        rows = op.read(self, lambda s: list_user_rows(s, self.ctx.actor))
        if rows is None:
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.select_user(current.id if current is not None else self.ctx.actor.id)
        self._update_buttons()

    def select_user(self, user_id: int) -> None:
        row = self.model.row_of(user_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def current_user(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self) -> None:
        user = self.current_user()
        for button in (self.roles_button, self.active_button, self.password_button):
            button.setEnabled(user is not None)
        self.active_button.setText(_("启用") if user is not None and not user.active else _("停用"))

    def _open(self, dialog: QDialog, done: str) -> None:
        self.message.clear_message()
        self.pending = dialog
        dialog.accepted.connect(lambda: self._changed(done))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.activateWindow()

    def _changed(self, text: str) -> None:
        self.refresh()
        self.message.show_info(text)

    def new_user(self) -> None:
        self._open(UserDialog(self.ctx, None, self), _("用户已创建"))

    def edit_roles(self) -> None:
        user = self.current_user()
        if user is not None:
            self._open(UserDialog(self.ctx, user, self), _("角色已修改"))

    def reset_password(self) -> None:
        user = self.current_user()
        if user is not None:
            self._open(PasswordDialog(self.ctx, user, self), _("密码已重置"))

    def toggle_active(self) -> None:
        user = self.current_user()
        if user is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        if not user.active:
            self.message.clear_message()
            op.write(
                self,
                lambda s: activate_user(s, actor, clock, user.id),
                Change.USERS,
                on_success=lambda _r: self._changed(
                    _("用户 {name} 已启用").format(name=user.username)
                ),
            )
            return
        dialog = WriteWithReason(
            self.ctx,
            _("停用用户 {name}").format(name=user.username),
            _("停用后该用户不能再登录，其操作记录保留。停用原因（可不填）："),
            lambda s, reason: deactivate_user(s, actor, clock, user.id, reason),
            Change.USERS,
            self,
            confirm_text=_("停用"),
        )
        self._open(dialog, _("用户 {name} 已停用").format(name=user.username))
