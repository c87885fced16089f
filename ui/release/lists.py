"""The return desk's lists: ready by customer (with the message to copy), overdue, returned
unprocessed.  F5 reloads; Enter or a double click opens the row at the desk
(`codes_chosen`); Ctrl+Shift+C copies the selected customer's ready message.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.calendar import load_calendar
from counter.clock import local_date
from counter.i18n import _
from counter.release import (
    UNCOLLECTED_DAYS,
    OverdueRow,
    ReadyGroup,
    UnprocessedRow,
    overdue,
    ready_for_pickup,
    ready_message,
    returned_unprocessed,
)
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.release import lists_model as lm
from ui.release.lists_model import RowsModel


def list_table(parent: QWidget, model: RowsModel) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(lm.SORT_ROLE)
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table, proxy


class ReturnListsPanel(QWidget):
    codes_chosen = Signal(list)  # order numbers to open at the desk
    message_copied = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ready = RowsModel(lm.ready_columns(), self)
        self.late = RowsModel(lm.overdue_columns(), self)
        self.unprocessed = RowsModel(lm.unprocessed_columns(), self)
        self.ready_table, self.ready_proxy = list_table(self, self.ready)
        self.late_table, self.late_proxy = list_table(self, self.late)
        self.unprocessed_table, self.unprocessed_proxy = list_table(self, self.unprocessed)
        self.ready_table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_text())
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.copy_button = QPushButton(_("复制通知文字"), self)
        self.copy_button.setToolTip("Ctrl+Shift+C")
        self.copy_button.clicked.connect(self.copy_message)
        self.days = QSpinBox(self)
        self.days.setRange(1, 365)
        self.days.setValue(UNCOLLECTED_DAYS)
        self.days.setSuffix(_(" 天"))
        self.days.valueChanged.connect(lambda _v: self.refresh())
        self.message = MessageLine(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ready_page(), _("待领取（按客户）"))
        self.tabs.addTab(self._late_page(), _("超期"))
        self.tabs.addTab(self.unprocessed_table, _("退回未检"))
        refresh = QPushButton(_("刷新"), self)
        refresh.setToolTip("F5")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_message)
        for table in (self.ready_table, self.late_table, self.unprocessed_table):
            table.doubleClicked.connect(lambda _i, t=table: self.open_selected(t))
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                opener = QShortcut(QKeySequence(key), table, lambda t=table: self.open_selected(t))
                opener.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _ready_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ready_table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("通知客户（短信 / 微信）："), page))
        row.addStretch(1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        layout.addWidget(self.text)
        return page

    def _late_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("完成后未取超过："), page))
        row.addWidget(self.days)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.late_table, 1)
        return page

    def refresh(self) -> None:
        today = local_date(self.ctx.clock.now())
        days = self.days.value()

        def load(s: Session) -> tuple[list[ReadyGroup], list[OverdueRow], list[UnprocessedRow]]:
            late = overdue(s, today, load_calendar(s), uncollected_days=days)
            return ready_for_pickup(s, today=today), late, returned_unprocessed(s)

        loaded = op.read(self, load)
        if loaded is None:
            return
        ready, late, unprocessed = loaded
        self.ready.set_rows(ready)
        self.late.set_rows(late)
        self.unprocessed.set_rows(unprocessed)
        for table in (self.ready_table, self.late_table, self.unprocessed_table):
            table.resizeColumnsToContents()
        self.tabs.setTabText(0, _("待领取（按客户）{n}").format(n=len(ready)))
        self.tabs.setTabText(1, _("超期 {n}").format(n=len(late)))
        self.tabs.setTabText(2, _("退回未检 {n}").format(n=len(unprocessed)))
        if ready and not self.ready_table.selectionModel().hasSelection():
            self.ready_table.selectRow(0)
        self.show_text()

    def _selected(self, table: QTableView) -> object | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        proxy = table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        source = proxy.mapToSource(rows[0])
        model = proxy.sourceModel()
        assert isinstance(model, RowsModel)
        return model.row_at(source.row())

    def show_text(self) -> None:
        group = self._selected(self.ready_table)
        if group is None:
            self.text.setPlainText("")
            return
        today = local_date(self.ctx.clock.now())
        customer_id = getattr(group, "customer_id", 0)
        text = op.read(self, lambda s: ready_message(s, customer_id, today=today))
        self.text.setPlainText(text or "")

    def copy_message(self) -> None:
        text = self.text.toPlainText()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.message.show_info(_("通知文字已复制，可粘贴到短信或微信"))
        self.message_copied.emit(text)

    def open_selected(self, table: QTableView) -> None:
        row = self._selected(table)
        if row is None:
            return
        items = getattr(row, "items", None)
        if items is not None:
            self.codes_chosen.emit(list(dict.fromkeys(i.order_number for i in items)))
            return
        order_number = getattr(row, "order_number", "")
        if order_number:
            self.codes_chosen.emit([order_number])
