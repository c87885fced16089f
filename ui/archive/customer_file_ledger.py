"""What a clerk does to a customer's ledger from the file: add, edit, change status, import, export.

Editing needs `Perm.EDIT_LEDGER`; without it those actions are not offered (the
domain refuses them anyway).  Exporting is offered to everyone who may open the
file.  An import is all or nothing: when the file has errors, every row error is
listed in a dialog and nothing is saved.

Keys: Ctrl+N add, F2 edit, Ctrl+Shift+U out of use, Ctrl+Shift+X scrapped,
Ctrl+Shift+R back in use, Ctrl+I import, Ctrl+E export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.archive.customer_file import LedgerRow
from counter.archive.ledger import LedgerEntry, set_status
from counter.archive.ledger_xlsx import (
    LedgerImport,
    LedgerImportError,
    export_ledger_xlsx,
    import_ledger,
)
from counter.archive.rules.due import LedgerStatus, status_label
from counter.archive.rules.ledger_table import row_error_text
from counter.changes import Change
from counter.clock import local_date
from counter.errors import CounterError
from counter.i18n import _
from ui.archive.customer_file_models import safe_file_name as _safe
from ui.archive.entry_dialog import EntryDialog
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import open_file_name, save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.reason_dialog import WriteWithReason


class StatusDialog(WriteWithReason[LedgerEntry]):
    """Out of use, scrapped or back in use: the date (today, or earlier) and the reason."""

    def __init__(
        self,
        ctx: AppContext,
        entry: LedgerRow,
        status: LedgerStatus,
        parent: QWidget | None = None,
    ) -> None:
        actor, clock = ctx.actor, ctx.clock
        label = status_label(status)
        super().__init__(
            ctx,
            _("台账器具改为“{status}”").format(status=label),
            _("{name}（出厂编号 {serial}）将改为“{status}”。请填写日期和原因：").format(
                name=entry.name, serial=entry.serial or "—", status=label
            ),
            lambda s, reason: set_status(s, actor, clock, entry.id, status, self.day(), reason),
            Change.LEDGER,
            parent,
            confirm_text=label,
        )
        today = local_date(clock.now())
        self.date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        row = QFormLayout()
        row.addRow(_("日期"), self.date)
        cast(QVBoxLayout, self.layout()).insertLayout(1, row)
        self.reason.setFocus()

    def day(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())


class ImportErrorsDialog(QDialog):
    """Every row error of a refused import; the ledger was left as it was."""

    def __init__(self, file_name: str, errors: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("台账导入未完成"))
        text = _("“{file}”中有 {n} 处错误，台账没有任何改动。请改正后重新导入：").format(
            file=file_name, n=len(errors)
        )
        self.summary = QLabel(text, self)
        self.summary.setWordWrap(True)
        self.errors = QListWidget(self)
        self.errors.addItems(list(errors))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("中") * 48, 360)


class LedgerActions(QObject):
    """The ledger's actions for one customer's file (`parent` is the file's window)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        customer_id: int,
        message: MessageLine,
        current: Callable[[], LedgerRow | None],
        customer_name: Callable[[], str],
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.customer_id = customer_id
        self.message = message
        self.current = current
        self.customer_name = customer_name
        self.pending: QDialog | None = None  # the dialog last opened (tests answer it)
        self.can_edit = ctx.actor.can(Perm.EDIT_LEDGER)
        self.add = self._action(_("新增器具…"), self.add_entry, "Ctrl+N")
        self.edit = self._action(_("编辑器具…"), self.edit_entry, "F2")
        self.out_of_use = self._action(
            _("停用…"), lambda: self.change_status(LedgerStatus.OUT_OF_USE), "Ctrl+Shift+U"
        )
        self.scrapped = self._action(
            _("报废…"), lambda: self.change_status(LedgerStatus.SCRAPPED), "Ctrl+Shift+X"
        )
        self.back_in_use = self._action(
            _("恢复在用…"), lambda: self.change_status(LedgerStatus.IN_USE), "Ctrl+Shift+R"
        )
        self.import_file = self._action(_("导入台账…"), self.import_ledger, "Ctrl+I")
        self.export_file = self._action(_("导出台账 XLSX…"), self.export_ledger, "Ctrl+E")
        self.editing = (
            self.add,
            self.edit,
            self.out_of_use,
            self.scrapped,
            self.back_in_use,
            self.import_file,
        )
        for action in self.editing:
            action.setVisible(self.can_edit)

    def _action(self, text: str, slot: Callable[[], object], key: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{text} ({QKeySequence(key).toString()})")
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def update(self) -> None:
        """Enable what fits the selected entry."""
        entry = self.current()
        status = entry.status if entry else None
        self.edit.setEnabled(self.can_edit and entry is not None)
        self.out_of_use.setEnabled(self.can_edit and status == LedgerStatus.IN_USE)
        self.scrapped.setEnabled(
            self.can_edit and status in (LedgerStatus.IN_USE, LedgerStatus.OUT_OF_USE)
        )
        self.back_in_use.setEnabled(
            self.can_edit and status in (LedgerStatus.OUT_OF_USE, LedgerStatus.SCRAPPED)
        )

    # --- entries ---------------------------------------------------------

    def _open(self, dialog: QDialog, done: Callable[[], str]) -> None:
        self.message.clear_message()
        self.pending = dialog
        dialog.accepted.connect(lambda: self.message.show_info(done()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def add_entry(self) -> None:
        if not self.can_edit:
            return
        dialog = EntryDialog(self.ctx, self.customer_id, None, self.window)
        self._open(dialog, lambda: _("已新增台账器具 {name}").format(name=_entry_name(dialog)))

    def edit_entry(self) -> None:
        entry = self.current()
        if not self.can_edit or entry is None:
            return
        dialog = EntryDialog(self.ctx, self.customer_id, entry.id, self.window)
        self._open(dialog, lambda: _("已保存台账器具 {name}").format(name=_entry_name(dialog)))

    def change_status(self, status: LedgerStatus) -> None:
        entry = self.current()
        if not self.can_edit or entry is None:
            return
        dialog = StatusDialog(self.ctx, entry, status, self.window)
        label = status_label(status)
        self._open(
            dialog, lambda: _("{name} 已改为“{status}”").format(name=entry.name, status=label)
        )

    # --- files -----------------------------------------------------------

    def import_ledger(self) -> None:
        if not self.can_edit:
            return
        name = open_file_name(
            self.window,
            _("导入器具台账"),
            _("台账表格 (*.xlsx *.csv);;所有文件 (*)"),
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        self.message.clear_message()
        try:
            data = path.read_bytes()
        except OSError as error:
            self.message.show_error(
                _("无法读取 {path}：{reason}").format(path=path, reason=error.strerror)
            )
            return
        actor, clock, customer_id = self.ctx.actor, self.ctx.clock, self.customer_id

        def load(session: Session) -> LedgerImport:
            return import_ledger(session, actor, clock, customer_id, data, path.name)

        op.write(
            self,
            load,
            Change.LEDGER,
            on_failure=lambda error: self._import_refused(path.name, error),
            on_success=self._imported,
        )

    def _import_refused(self, file_name: str, error: CounterError) -> None:
        if not isinstance(error, LedgerImportError):
            self.message.show_error(str(error))
            return
        self.message.show_error(_("台账没有导入：文件中有错误，未做任何改动"))
        errors = [row_error_text(e) for e in error.errors]
        dialog = ImportErrorsDialog(file_name, errors, self.window)
        self.pending = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _imported(self, result: LedgerImport) -> None:
        self.message.show_info(
            _("台账已导入：新增 {added} 条，更新 {updated} 条，无变化 {unchanged} 条").format(
                added=result.added, updated=result.updated, unchanged=result.unchanged
            )
        )

    def export_ledger(self) -> None:
        day = local_date(self.ctx.clock.now()).isoformat()
        suggested = _("台账-{name}-{day}.xlsx").format(name=self.customer_name(), day=day)
        name = save_file_name(
            self.window, _("导出器具台账"), _safe(suggested), _("Excel 文件 (*.xlsx)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        customer_id = self.customer_id
        data = op.read(self, lambda s: export_ledger_xlsx(s, customer_id))
        if data is None:
            return
        refused = write_file(path, data)
        if refused:
            self.message.show_error(refused)
            return
        self.message.show_info(_("台账已导出到 {path}").format(path=path))


def _entry_name(dialog: EntryDialog) -> str:
    entry = dialog.entry
    if entry is None:
        return ""
    return f"{entry.name}（{entry.serial}）" if entry.serial else entry.name
