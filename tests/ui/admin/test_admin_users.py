"""The users tab: create, change roles, deactivate and reactivate, reset the password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter.admin.auth import authenticate
from counter.admin.rules.roles import Role
from counter.admin.users import list_user_rows
from counter.errors import CounterError
from tests.conftest import PASSWORD, Counter
from tests.ui.orders_helpers import context, type_text
from ui.admin import users_model as um
from ui.admin.user_dialogs import PasswordDialog, UserDialog
from ui.admin.users import UsersTab
from ui.admin.users_model import UsersModel
from ui.common.reason_dialog import ReasonDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _tab(qtbot: QtBot, counter: Counter) -> UsersTab:
    tab = UsersTab(context(counter, counter.admin))
    qtbot.addWidget(tab)
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    return tab


def press_ok(qtbot: QtBot, dialog: QDialog) -> None:
    """Click the dialog's Save/OK button, as the administrator does."""
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _select(tab: UsersTab, username: str) -> None:
    user_id = next(
        tab.model.row_at(r).id
        for r in range(tab.model.rowCount())
        if tab.model.row_at(r).username == username
    )
    tab.select_user(user_id)


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, sqlite_counter: Counter) -> None:
    model = UsersModel()
    with sqlite_counter.db.session() as s:
        model.set_rows(list_user_rows(s, sqlite_counter.admin))
    qtmodeltester.check(model)
    assert model.index(0, um.ROLES).data() == "管理员"


def test_create_a_user_and_change_roles(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    assert tab.model.rowCount() == 3
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.pending
    assert isinstance(dialog, UserDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    type_text(dialog.username, "zhao")
    type_text(dialog.full_name, "赵检定")
    type_text(dialog.password, "lab-password-1")
    type_text(dialog.confirm, "lab-password-2")
    dialog.role_boxes[Role.LAB].setChecked(True)
    press_ok(qtbot, dialog)
    assert dialog.message.text() == "两次输入的密码不一致"
    dialog.confirm.clear()
    type_text(dialog.confirm, "lab-password-1")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert tab.message.text() == "用户已创建"
    with c.db.session() as s:
        assert authenticate(s, "zhao", "lab-password-1").roles == {Role.LAB}
    _select(tab, "zhao")
    with qtbot.waitActive(tab):  # the closed dialog gives the window back
        tab.activateWindow()
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    roles = tab.pending
    assert isinstance(roles, UserDialog) and roles.role_boxes[Role.LAB].isChecked()
    roles.role_boxes[Role.QUALITY].setChecked(True)
    press_ok(qtbot, roles)
    assert not roles.message.text(), roles.message.text()
    with c.db.session() as s:
        assert authenticate(s, "zhao", "lab-password-1").roles == {Role.LAB, Role.QUALITY}
    assert tab.current_user() is not None and tab.current_user().username == "zhao"  # type: ignore[union-attr]


def test_deactivate_reactivate_and_reset_password(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    _select(tab, "clerk")
    assert tab.active_button.text() == "停用"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    pending = tab.pending
    assert isinstance(pending, ReasonDialog)
    type_text(pending.reason, "离职")
    press_ok(qtbot, pending)
    assert tab.message.text() == "用户 clerk 已停用"
    assert tab.model.index(tab.model.row_of(c.clerk.id), um.ACTIVE).data() == "已停用"
    with c.db.session() as s, pytest.raises(CounterError):
        authenticate(s, "clerk", PASSWORD)
    assert tab.active_button.text() == "启用"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "用户 clerk 已启用"
    qtbot.mouseClick(tab.password_button, Qt.MouseButton.LeftButton)
    reset = tab.pending
    assert isinstance(reset, PasswordDialog)
    type_text(reset.password, "short")
    type_text(reset.confirm, "short")
    press_ok(qtbot, reset)
    assert reset.message.text() == "密码至少 8 个字符"
    for edit in (reset.password, reset.confirm):
        edit.clear()
        type_text(edit, "fresh-password-7")
    press_ok(qtbot, reset)
    assert tab.message.text() == "密码已重置"
    with c.db.session() as s:
        assert authenticate(s, "clerk", "fresh-password-7").username == "clerk"


def test_an_administrator_cannot_lock_themselves_out(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter)
    _select(tab, "admin")
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    pending = tab.pending
    assert isinstance(pending, ReasonDialog)
    press_ok(qtbot, pending)
    assert pending.message.text() == "不能停用自己的账号"
