"""The administrator's backup menu, and the daily backup that runs on its own.

Backing up and restoring run off the UI thread; the answer goes to the main
window's notice line.  The daily backup (SQLite only: the shared PostgreSQL
database is the database administrator's to back up) is checked at start and
every hour: when today's backup is missing from the folder, one is made and
only the newest `keep` are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter.admin.backup import (
    BackupSettings,
    RestoreReport,
    backup_database,
    backup_folder,
    daily_backup,
    load_backup_settings,
    restore_backup,
    save_backup_settings,
)
from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.session import read
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine
from ui.common.worker import Progress, run_in_background

HOUR_MS = 60 * 60 * 1000


class _Notices:
    """The main window's notice line, as the message outlet of `ui.common.op`."""

    def __init__(self, notify: Callable[[str], None]) -> None:
        self.show_error = notify


class BackupActions(QObject):
    """ "立即备份", "从备份恢复", "备份设置" for the administrator's menu."""

    backup_made = Signal(str)  # the backup's path

    def __init__(self, ctx: AppContext, parent: QWidget, notify: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.ctx, self.window, self.notify = ctx, parent, notify
        self.message = _Notices(notify)
        self.backup_now_action = QAction(_("立即备份数据库(&B)"), parent)
        self.backup_now_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(_("从备份恢复到新文件(&R)…"), parent)
        self.restore_action.triggered.connect(self.restore)
        self.settings_action = QAction(_("备份设置(&S)…"), parent)
        self.settings_action.triggered.connect(self.edit_settings)
        self.actions = (self.backup_now_action, self.restore_action, self.settings_action)

    def _failed(self, error: CounterError) -> None:
        self.backup_now_action.setEnabled(True)
        self.notify(str(error))

    def backup_now(self) -> None:
        self.backup_now_action.setEnabled(False)
        self.notify(_("正在备份数据库…"))
        ctx = self.ctx

        def work(_progress: Progress) -> Path:
            folder = backup_folder(ctx.database, read(ctx.database, load_backup_settings))
            return backup_database(ctx.database, folder, ctx.clock)

        op.in_background(self, work, on_success=self._backed_up, on_failure=self._failed)

    def _backed_up(self, path: Path) -> None:
        self.backup_now_action.setEnabled(True)
        self.notify(_("备份已写入 {path}").format(path=path))
        self.backup_made.emit(str(path))

    def restore(self) -> None:
        settings = op.read(self, load_backup_settings)
        if settings is None:
            return
        folder = backup_folder(self.ctx.database, settings)
        source, _filter = QFileDialog.getOpenFileName(
            self.window, _("选择要恢复的备份"), str(folder), _("数据库备份 (*.db)")
        )
        if not source:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self.window, _("恢复到新文件（不会覆盖现有文件）"), str(folder), _("数据库 (*.db)")
        )
        if not target:
            return

        def work(_progress: Progress) -> RestoreReport:
            return restore_backup(Path(source), Path(target))

        op.in_background(self, work, on_success=lambda r: self.notify(r.message()))

    def edit_settings(self) -> None:
        BackupSettingsDialog(self.ctx, self.window).exec()


class BackupSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("备份设置"))
        self.message = MessageLine(self)
        loaded = op.read(self, load_backup_settings)
        current = loaded or BackupSettings()
        self.folder = QLineEdit(current.folder)
        self.folder.setPlaceholderText(str(backup_folder(ctx.database, BackupSettings())))
        browse = QPushButton(_("选择…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.keep = QSpinBox(minimum=1, maximum=3650, value=current.keep)
        self.daily = QCheckBox(_("每天自动备份"))
        self.daily.setChecked(current.daily)
        form = QFormLayout()
        form.addRow(_("备份文件夹(&F)"), row)
        form.addRow(_("保留份数(&K)"), self.keep)
        form.addRow("", self.daily)
        buttons = ok_cancel_buttons(self, save=True)
        # settings that could not be read are not overwritten with the defaults
        ok_button(buttons).setEnabled(loaded is not None)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("备份文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def accept(self) -> None:
        new = BackupSettings(self.folder.text().strip(), self.keep.value(), self.daily.isChecked())
        actor, clock = self.ctx.actor, self.ctx.clock
        op.write(
            self,
            lambda s: save_backup_settings(s, actor, clock, new),
            Change.SETTINGS,
            on_success=lambda _saved: super(BackupSettingsDialog, self).accept(),
        )


class DailyBackup(QObject):
    """At start and every hour: make today's backup if it is missing (SQLite only)."""

    backup_made = Signal(str)  # the backup's path
    backup_failed = Signal(str)  # the reason, for the notice line

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.timer = QTimer(self, interval=HOUR_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if self.ctx.database.is_sqlite:
            self.timer.start()
            QTimer.singleShot(0, self.check)

    def check(self) -> None:
        if self.running:
            return
        self.running = True
        ctx = self.ctx

        def work(_progress: Progress) -> Path | None:
            return daily_backup(ctx.database, read(ctx.database, load_backup_settings), ctx.clock)

        # not `op.in_background`: an automatic backup never opens the crash dialog
        run_in_background(work, on_success=self._done, on_failure=self._failed, parent=self)

    def _done(self, path: Path | None) -> None:
        self.running = False
        if path is not None:
            self.backup_made.emit(str(path))

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.backup_failed.emit(_("每日自动备份失败：{reason}").format(reason=error))
