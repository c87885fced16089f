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
from counter.errors import CounterError
from counter.i18n import _
from counter.session import read, run_action
from ui.common.context import AppContext
from ui.common.dialogs import ok_cancel_buttons
from ui.common.message_line import MessageLine
from ui.common.worker import Progress, run_in_background

HOUR_MS = 60 * 60 * 1000


class BackupActions(QObject):
    """ "立即备份", "从备份恢复", "备份设置" for the administrator's menu."""

    backup_made = Signal(str)  # the backup's path

    def __init__(self, ctx: AppContext, parent: QWidget, notify: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.ctx, self.window, self.notify = ctx, parent, notify
        self.backup_now_action = QAction(_("立即备份数据库(&B)"), parent)
        self.backup_now_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(_("从备份恢复到新文件(&R)…"), parent)
        self.restore_action.triggered.connect(self.restore)
        self.settings_action = QAction(_("备份设置(&S)…"), parent)
        self.settings_action.triggered.connect(self.edit_settings)
        self.actions = (self.backup_now_action, self.restore_action, self.settings_action)

    def _failed(self, error: Exception) -> None:
        self.backup_now_action.setEnabled(True)
        if not isinstance(error, CounterError):
            raise error  # to the crash dialog
        self.notify(str(error))

    def backup_now(self) -> None:
        self.backup_now_action.setEnabled(False)
        self.notify(_("正在备份数据库…"))
        ctx = self.ctx

        def op(_progress: Progress) -> Path:
            folder = backup_folder(ctx.database, read(ctx.database, load_backup_settings))
            return backup_database(ctx.database, folder, ctx.clock)

        run_in_background(op, on_success=self._backed_up, on_failure=self._failed, parent=self)

    def _backed_up(self, path: Path) -> None:
        self.backup_now_action.setEnabled(True)
        self.notify(_("备份已写入 {path}").format(path=path))
        self.backup_made.emit(str(path))

    def restore(self) -> None:
        folder = backup_folder(self.ctx.database, read(self.ctx.database, load_backup_settings))
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

        def op(_progress: Progress) -> RestoreReport:
            return restore_backup(Path(source), Path(target))

        run_in_background(
            op, on_success=lambda r: self.notify(r.message()), on_failure=self._failed, parent=self
        )

    def edit_settings(self) -> None:
        BackupSettingsDialog(self.ctx, self.window).exec()


class BackupSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("备份设置"))
        current = read(ctx.database, load_backup_settings)
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
        self.message = MessageLine(self)
        buttons = ok_cancel_buttons(self, save=True)
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
        ctx = self.ctx
        saved = self.message.attempt(
            lambda: run_action(
                ctx.database, lambda s: save_backup_settings(s, ctx.actor, ctx.clock, new)
            )
        )
        if saved is not None:
            super().accept()


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

        def op(_progress: Progress) -> Path | None:
            return daily_backup(ctx.database, read(ctx.database, load_backup_settings), ctx.clock)

        run_in_background(op, on_success=self._done, on_failure=self._failed, parent=self)

    def _done(self, path: Path | None) -> None:
        self.running = False
        if path is not None:
            self.backup_made.emit(str(path))

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.backup_failed.emit(_("每日自动备份失败：{reason}").format(reason=error))
