"""Roles at the counter: which screens each user is offered, where they land, the F1 list
read from their window, and switching user without restarting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter.admin.auth import actor_of, hash_password
from counter.admin.rules.roles import Actor
from db.models import User
from tests.conftest import PASSWORD, Counter
from tests.ui.conftest import (
    focused,
    make_ctx,
    show_active,
    wait_active,
    wait_for_workers,
    when_modal,
)
from tests.ui.intake.test_intake_safety import click_button, type_two_items
from ui.common.lazy_screen import LazyScreen
from ui.shell.login_dialog import LoginDialog
from ui.shell.main_window import MainWindow
from ui.shell.shortcuts_dialog import ShortcutsDialog
from ui.shell.user_session import UserSession

#: role → (tabs offered, the tab it lands on)
EXPECTED = {
    "clerk": (
        [
            "收件登记",
            "委托单",
            "领取/邮寄",
            "补打",
            "周检提醒",
            "检定预约",
            "自动排程",
            "通知发件箱",
            "评价与投诉",
            "上门检定",
        ],
        "收件登记",
    ),
    "billing": (["委托单", "收费", "评价与投诉", "统计"], "收费"),
    "lab": (["委托单", "检定工作"], "检定工作"),
    "quality": (["委托单", "证书终审", "领取/邮寄", "评价与投诉", "统计"], "证书终审"),
    "admin": (
        [
            "收件登记",
            "委托单",
            "收费",
            "证书终审",
            "领取/邮寄",
            "补打",
            "标准器与授权",
            "周检提醒",
            "检定预约",
            "自动排程",
            "通知发件箱",
            "评价与投诉",
            "上门检定",
            "系统管理",
            "统计",
            "检定工作",
        ],
        "系统管理",
    ),
}


def _staff(counter: Counter) -> dict[str, Actor]:
    actors = {"clerk": counter.clerk, "billing": counter.billing, "admin": counter.admin}
    with counter.db.action() as s:
        for username, name, role in (("lab", "张伟", "lab"), ("quality", "孙丽", "quality")):
            user = User(username=username, full_name=name, password_hash=hash_password(PASSWORD),
                        roles=role, active=True, created_at=counter.clock.now())  # fmt: skip
            s.add(user)
            s.flush()
            actors[username] = actor_of(user)
    return actors


@pytest.fixture
def staff(sqlite_counter: Counter) -> dict[str, Actor]:
    return _staff(sqlite_counter)


def _open(qtbot: QtBot, counter: Counter, actor: Actor) -> MainWindow:
    window = MainWindow(make_ctx(counter, actor))
    qtbot.addWidget(window)
    show_active(qtbot, window)
    window.show_home()
    return window


def _tabs(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _menus(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_is_offered_its_screens_and_lands_on_its_home(
    qtbot: QtBot, sqlite_counter: Counter, staff: dict[str, Actor], role: str
) -> None:
    window = _open(qtbot, sqlite_counter, staff[role])
    tabs, home = EXPECTED[role]
    assert _tabs(window) == tabs
    assert window.tabs.tabText(window.tabs.currentIndex()) == home
    # everyone at the counter may verify a paper certificate; only the lab imports them
    cert_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "证书(&C)")
    entries = [a.text() for a in cert_menu.actions()]  # type: ignore[union-attr]
    assert "验证证书…" in entries
    assert ("导入证书 JSON…" in entries) == (role in ("lab", "admin"))
    assert (window.intake is not None) == ("收件登记" in tabs)
    wait_for_workers(qtbot)


def _f1_sections(qtbot: QtBot, window: MainWindow) -> dict[str, list[tuple[str, str]]]:
    seen: dict[str, list[tuple[str, str]]] = {}

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        seen.update(dialog.sections)
        dialog.reject()

    when_modal(read)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def _registered(window: MainWindow) -> set[str]:
    """Every key sequence an action or shortcut of the window answers to."""
    keys = set()
    for action in window.findChildren(QAction):
        keys |= {k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()}
    for shortcut in window.findChildren(QShortcut):
        sequences = shortcut.keys()
        keys |= {k.toString(QKeySequence.SequenceFormat.NativeText) for k in sequences}
    return keys


@pytest.mark.parametrize(
    ("role", "screen", "row"),
    [
        ("billing", "收费", ("F9", "收款")),
        ("billing", "收费", ("Ctrl+S", "开具清单")),
        ("quality", "证书终审", ("Ctrl+Return", "通过终审")),
        ("quality", "证书终审", ("Ctrl+B", "退回检定人员")),
        ("clerk", "领取/邮寄", ("Ctrl+Return", "确认领取")),
        ("clerk", "收件登记", ("Ctrl+S", "保存")),
    ],
)
def test_f1_lists_the_keys_registered_for_the_role(
    qtbot: QtBot,
    sqlite_counter: Counter,
    staff: dict[str, Actor],
    role: str,
    screen: str,
    row: tuple[str, str],
) -> None:
    window = _open(qtbot, sqlite_counter, staff[role])
    sections = _f1_sections(qtbot, window)
    assert row in sections[screen]
    assert ("Ctrl+L", "切换用户") in sections["全部界面"]
    assert set(sections) == {"全部界面", *(s for s in _tabs(window) if s in sections)}
    listed = {keys for rows in sections.values() for k, _t in rows for keys in k.split(" / ")}
    assert listed <= _registered(window)
    if role == "billing":  # nothing of the intake form, which a billing clerk is not offered
        assert "收件登记" not in sections and ("Ctrl+S", "保存") not in sections["收费"]
    wait_for_workers(qtbot)


@pytest.fixture
def session(qtbot: QtBot, sqlite_counter: Counter) -> Iterator[UserSession]:
    user_session = UserSession(sqlite_counter.db, sqlite_counter.clock)
    yield user_session
    for widget in (user_session.window, user_session.login):
        if widget is not None:
            intake = getattr(widget, "intake", None)
            if intake is not None:
                intake.clear_form()
            wait_for_workers(qtbot)
            widget.close()
            widget.deleteLater()


def test_switch_user_asks_about_unsaved_work_then_logs_in_the_next_user(
    qtbot: QtBot, sqlite_counter: Counter, session: UserSession
) -> None:
    first = session.start(sqlite_counter.clerk)
    show_active(qtbot, first)
    assert first.intake is not None
    first.intake.focus_first()
    type_two_items(qtbot, first)
    drafts = first.intake.model.drafts()
    # Ctrl+L with rows typed: the clerk is asked, and may go back to them
    when_modal(click_button("返回继续录入"))  # type: ignore[arg-type]
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.window is first and first.isVisible() and session.login is None
    assert first.intake.model.drafts() == drafts
    wait_active(qtbot, first)
    when_modal(click_button("切换用户"))  # type: ignore[arg-type]
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.login is not None and session.login.isVisible())
    assert not first.isVisible()
    login = session.login
    assert isinstance(login, LoginDialog)
    qtbot.keyClicks(login.username, "billing")
    qtbot.keyClicks(login.password, PASSWORD)
    with qtbot.waitSignal(session.user_changed) as changed:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert changed.args == ["billing"]
    second = session.window
    assert second is not None and second is not first and second.isVisible()
    assert second.ctx.actor.username == "billing" and second.intake is None
    current = second.tabs.currentWidget()
    assert second.tabs.tabText(second.tabs.currentIndex()) == "收费"
    assert isinstance(current, LazyScreen) and current.built is not None
