"""The audit log viewer: who did what, when, before → after, and why.

Filter by the entity's key (an order or item number, a username, a date) and
by the action: part of its name in the UI language ("作废", "void") or the start
of its stored code (`order.`, `item.void`, `user.` …), applied while typing.
Actions, objects and changed fields show by name (`counter.reports.audit_names`); the
action's tooltip shows its stored code.  Older entries load while scrolling.
F5 reloads.  "Export CSV" saves every entry the filter matches, as shown, plus
the stored action code.  "校验审计日志" walks the hash chain (off the UI thread)
and says whether the log is intact or where it was first tampered with.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.errors import CounterError
from counter.i18n import _
from counter.reports.audit_export import audit_csv
from counter.reports.audit_log import ChainReport, check_audit_log
from counter.reports.audit_names import action_label, codes_named
from counter.session import read
from ui.admin import audit_model as am
from ui.admin.audit_model import AuditModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.worker import Progress

DEBOUNCE_MS = 300


class AuditView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditModel(ctx.database, ctx.actor, self)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.entity_key = QLineEdit(self)
        self.entity_key.setPlaceholderText(_("对象编号：委托单号、收件编号、用户名、日期…"))
        self.action_prefix = QLineEdit(self)
        self.action_prefix.setPlaceholderText(
            _("操作：名称（如“作废”）或代码（如 order.、item.void）")
        )
        for edit in (self.entity_key, self.action_prefix):
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self._debounce.start)
            edit.returnPressed.connect(self.apply_filter)
        self.refresh_button = QPushButton(_("刷新"), self)
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.model.reload)
        self.export_button = QPushButton(_("导出 CSV…"), self)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button = QPushButton(_("校验审计日志"), self)
        self.verify_button.clicked.connect(self.verify)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(am.CHANGE, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in (
            (am.TIME, "2026-11-23 09:30:00 "),
            (am.USER, "管理员管理员"),
            (am.ACTION, action_label("item.returned_unprocessed") + "  "),
            (am.ENTITY, "item 20261000001001 "),
            (am.REASON, "客户要求取消检定取消"),
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.count_label = QLabel(self)
        self.message = MessageLine(self)
        filters = QHBoxLayout()
        filters.addWidget(self.entity_key, 2)
        filters.addWidget(self.action_prefix, 1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.export_button)
        filters.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        self.model.load_failed.connect(self.message.show_error)
        self.model.rows_loaded.connect(self._show_count)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.model.reload)
        self.model.reload()

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.message.clear_message()
        self.model.set_filter(self.entity_key.text(), self.action_prefix.text())

    def export_csv(self) -> None:
        """Save what the filter matches (every page) where the user chooses."""
        self.apply_filter()
        day = self.ctx.clock.now().date().isoformat()
        name = save_file_name(self, _("导出操作日志"), f"audit-{day}.csv", _("CSV 文件 (*.csv)"))
        if not name:
            return
        key, prefix = self.model.current_filter
        actor = self.ctx.actor
        data = op.read(
            self,
            lambda s: audit_csv(
                s, actor, entity_key=key, action_prefix=prefix, actions=codes_named(prefix)
            ),
        )
        if data is None:
            return
        refused = write_file(name, data)
        if refused:
            self.message.show_error(refused)
            return
        self.message.show_info(_("已导出到 {path}").format(path=name))

    def _show_count(self, shown: int) -> None:
        text = _("已显示 {n} 条记录").format(n=shown)
        if self.model.has_more:
            text += _("，向下滚动加载更早的记录")
        self.count_label.setText(text)

    def verify(self) -> None:
        """Check the whole chain in the background; the answer goes to the message line."""
        self.verify_button.setEnabled(False)
        self.message.show_info(_("正在校验审计日志…"))
        ctx = self.ctx

        def work(_progress: Progress) -> ChainReport:
            return read(ctx.database, lambda s: check_audit_log(s, ctx.actor))

        op.in_background(self, work, on_success=self._verified, on_failure=self._verify_failed)

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self.message.show_message(report.message(), not report.ok)

    def _verify_failed(self, error: CounterError) -> None:
        self.verify_button.setEnabled(True)
        self.message.show_error(str(error))
