"""Logging in, and creating the administrator when the database has no users."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.admin.auth import has_users
from counter.admin.rules.roles import Role, parse_roles
from counter.admin.settings import load_settings
from counter.clock import FixedClock
from counter.demo import DEMO_USERS, open_demo_database
from db.engine import Database, make_engine
from db.models import User
from tests.conftest import NOW, PASSWORD, Counter
from tests.ui.conftest import ime_commit
from ui.shell.login_dialog import FirstRunDialog, LoginDialog


def test_wrong_password_is_refused_and_the_right_one_logs_in(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    dialog = LoginDialog(sqlite_counter.db, username="clerk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.password, "not-the-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None
    assert dialog.error.text() == "用户名或密码错误"
    assert dialog.password.text() == ""  # cleared for the next try
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "clerk"
    assert dialog.actor.roles == frozenset({Role.INTAKE})


def test_unknown_user_gets_the_same_message(qtbot: QtBot, sqlite_counter: Counter) -> None:
    dialog = LoginDialog(sqlite_counter.db, username="nobody", password=PASSWORD)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.error.text() == "用户名或密码错误"


def test_first_run_creates_the_administrator(qtbot: QtBot, sqlite_database: Database) -> None:
    with sqlite_database.session() as s:
        assert not has_users(s)
    dialog = FirstRunDialog(sqlite_database, FixedClock(NOW))
    qtbot.addWidget(dialog)
    institute = {
        "institute_name": "聊城市计量测试所",
        "address": "聊城市东昌府区柳园路 6 号",
        "phone": "0635-8888888",
        "authorisation_no": "(鲁)法计(2021)01002号",
    }
    for name, value in institute.items():
        dialog.institute[name].setText(value)
    dialog.full_name.setText("张管理")
    dialog.password.setText("long-enough-1")
    dialog.password_again.setText("long-enough-2")
    dialog.accept()
    assert dialog.error.text() == "• 两次输入的密码不一致"
    dialog.password.setText("short")
    dialog.password_again.setText("short")
    dialog.accept()
    assert "密码至少 8 个字符" in dialog.error.text()
    dialog.password.setText("long-enough-1")
    dialog.password_again.setText("long-enough-1")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.full_name == "张管理"
    with sqlite_database.session() as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None and parse_roles(user.roles) == frozenset({Role.ADMIN})
        settings = load_settings(s)
        assert {n: getattr(settings, n) for n in institute} == institute
    # the new administrator can log in
    login = LoginDialog(sqlite_database, username="admin", password="long-enough-1")
    qtbot.addWidget(login)
    login.accept()
    assert login.actor is not None and login.actor.roles == frozenset({Role.ADMIN})


def test_first_run_asks_for_every_detail_of_the_institute(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = FirstRunDialog(sqlite_database, FixedClock(NOW))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.institute["institute_name"]
    ime_commit(dialog.institute["institute_name"], "聊城市计量测试所")
    qtbot.keyClicks(dialog.institute["phone"], "   ")
    for field, text in ((dialog.full_name, "Zhang"), (dialog.password, "long-enough-1"),
                        (dialog.password_again, "long-enough-1")):  # fmt: skip
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.password_again, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == "• 地址不能为空\n• 电话不能为空\n• 授权证书号不能为空"
    with sqlite_database.session() as s:
        assert not has_users(s)  # nothing saved until all of it is right


def test_the_demo_login_shows_every_user_and_password(qtbot: QtBot, tmp_path: Path) -> None:
    url, users = open_demo_database(tmp_path / "demo.db")
    database = Database(make_engine(url))
    try:
        dialog = LoginDialog(database, demo_users=users)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.findChild(QLabel, "demo_users")
        assert table is not None
        for username, password, _name, _role in DEMO_USERS:
            assert username in table.text() and password in table.text()
        assert "孙丽" in table.text() and "质量监督" in table.text()
        qtbot.keyClicks(dialog.username, "kaipiao")
        qtbot.keyClicks(dialog.password, "demo-billing-1")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.actor is not None and dialog.actor.roles == frozenset({Role.BILLING})
    finally:
        database.dispose()
