"""The administrator checks the audit log and backs up from the menu; daily backups run alone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from counter.admin.backup import (
    BackupSettings,
    backups_in,
    load_backup_settings,
    save_backup_settings,
)
from tests.conftest import Counter
from tests.ui.conftest import make_ctx, wait_for_workers
from tests.ui.orders_helpers import type_text
from ui.admin.audit_view import AuditView
from ui.admin.backup_actions import BackupSettingsDialog, DailyBackup
from ui.shell.main_window import MainWindow


def test_the_verify_button_says_intact_then_names_the_first_broken_link(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    view = AuditView(make_ctx(c, c.admin))
    qtbot.addWidget(view)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "审计日志完整：共 1 条" in view.message.text())
    assert not view.message.is_error
    with c.db.engine.begin() as conn:  # a superuser's edit, past the triggers
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET entity_key = '别的客户' WHERE seq = 1"))
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "审计日志被改动：第 1 条记录" in view.message.text())
    assert view.message.is_error and view.verify_button.isEnabled()


def _settings(c: Counter, folder: Path, keep: int = 14) -> None:
    with c.db.action() as s:
        save_backup_settings(s, c.admin, c.clock, BackupSettings(str(folder), keep))


def test_the_backup_menu_backs_up_now(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    _settings(c, tmp_path / "backups")
    window = MainWindow(make_ctx(c, c.admin), mount_other_screens=False)
    qtbot.addWidget(window)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    backup_menu = menus["备份(&G)"]
    assert isinstance(backup_menu, QMenu)
    entries = {a.text(): a for a in backup_menu.actions()}
    assert set(entries) == {"立即备份数据库(&B)", "从备份恢复到新文件(&R)…", "备份设置(&S)…"}
    with qtbot.waitSignal(window.backup.backup_made) as made:
        entries["立即备份数据库(&B)"].trigger()
    (backup,) = backups_in(tmp_path / "backups")
    assert made.args == [str(backup)]
    assert window.notice.text() == f"备份已写入 {backup}"
    clerk_window = MainWindow(make_ctx(c), mount_other_screens=False)
    qtbot.addWidget(clerk_window)
    assert "备份(&G)" not in {a.text() for a in clerk_window.menuBar().actions()}


def test_backup_settings_are_typed_in_and_saved(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    dialog = BackupSettingsDialog(make_ctx(c, c.admin))
    qtbot.addWidget(dialog)
    type_text(dialog.folder, str(tmp_path / "nightly"))
    dialog.keep.selectAll()
    qtbot.keyClicks(dialog.keep, "7")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    with c.db.session() as s:
        assert load_backup_settings(s) == BackupSettings(str(tmp_path / "nightly"), 7, True)


def test_the_daily_backup_is_made_once_a_day(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    _settings(c, tmp_path / "daily")
    daily = DailyBackup(make_ctx(c))
    with qtbot.waitSignal(daily.backup_made):
        daily.start()
    assert daily.timer.isActive()
    daily.check()  # an hour later, the same day
    wait_for_workers(qtbot)
    qtbot.waitUntil(lambda: not daily.running)
    assert [p.name for p in backups_in(tmp_path / "daily")] == ["counter-backup-20261123-093000.db"]
    daily.timer.stop()
