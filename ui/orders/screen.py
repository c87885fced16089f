"""The orders list: find an order by number, customer, date, status or department.

Filters apply while typing (debounced); Enter or a double-click opens the
order (`ctx.signals.order_opened`).  Ctrl+F goes to the search field, F5
reloads, ↓ from the search field goes to the list.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.intake.catalog import list_departments
from counter.intake.rules.lifecycle import PARTLY_RELEASED, ItemStatus, status_label
from counter.orders.listing import OrderFilter
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.paging_model import busy_bar
from ui.common.screen import ScreenDefaults
from ui.orders import orders_model as om
from ui.orders.orders_model import OrdersModel

DEBOUNCE_MS = 300


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class OrdersScreen(ScreenDefaults, QWidget):
    #: the orders' customers, items' states and payment
    shows = (
        Change.ORDERS | Change.CUSTOMERS | Change.CERTIFICATES | Change.RELEASES | Change.STATEMENTS
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.model = OrdersModel(ctx.database, self, host=self)  # pages load off the UI thread
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self._build_filters()
        self._build_table()
        self.count_label = QLabel(self)
        self.busy = busy_bar(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.busy)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.model.load_failed.connect(self.message.show_error)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.model.busy_changed.connect(self._show_busy)
        self._enter_pending = False  # Enter pressed while the list was loading
        self.watch_changes(ctx)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.table.horizontalHeader().setSortIndicator(om.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # sorts the model: loads the first page
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sortable_indicator)

    # --- building ------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("委托单号 / 客户名称 / 拼音首字母 / 电话"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._schedule)
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(self)
        today = _qdate(local_date(self.ctx.clock.now()))
        self.from_check, self.date_from = self._date_filter(_("从"), today.addDays(-30))
        self.to_check, self.date_to = self._date_filter(_("到"), today)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(_("全部状态"), "")
        for status in (*ItemStatus, PARTLY_RELEASED):
            self.status_combo.addItem(status_label(status), str(status))
        self.status_combo.currentIndexChanged.connect(self._schedule)
        self.department_combo = QComboBox(self)
        self.department_combo.addItem(_("全部科室"), None)
        self.department_combo.currentIndexChanged.connect(self._schedule)
        self._load_departments()
        self.refresh_button = QPushButton(_("刷新"), self)
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.filter_row = QHBoxLayout()
        self.filter_row.addWidget(self.search, 3)
        for widget in (self.from_check, self.date_from, self.to_check, self.date_to):
            self.filter_row.addWidget(widget)
        self.filter_row.addWidget(self.status_combo)
        self.filter_row.addWidget(self.department_combo)
        self.filter_row.addWidget(self.refresh_button)

    def _date_filter(self, text: str, day: QDate) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(text, self)
        edit = QDateEdit(day, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(self._schedule)
        edit.dateChanged.connect(self._schedule)
        return check, edit

    def _load_departments(self) -> None:
        departments = op.read(self, lambda s: [(d.id, d.name) for d in list_departments(s)])
        if departments is None:
            return
        for dept_id, name in departments:
            self.department_combo.addItem(name, dept_id)

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(om.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        widths = {
            om.NUMBER: "20261000000000",
            om.RECEIVED: "2026-11-23 09:30  ",
            om.ITEMS: om.headers()[om.ITEMS] + "   ",
            om.STATUS: "退回未检 / Returned  ",
            om.PAYMENT: "未开清单 / No statement",
            om.PROMISED: "2026-11-30   ",
            om.CHANNEL: "窗口送检 / Counter  ",
        }
        for column, sample in widths.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.open_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    # --- behaviour -----------------------------------------------------

    def current_filter(self) -> OrderFilter:
        return OrderFilter(
            text=self.search.text().strip(),
            date_from=_pydate(self.date_from.date()) if self.from_check.isChecked() else None,
            date_to=_pydate(self.date_to.date()) if self.to_check.isChecked() else None,
            status=self.status_combo.currentData() or "",
            department_id=self.department_combo.currentData(),
        )

    def _schedule(self) -> None:
        self._debounce.start()

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.message.clear_message()
        flt = self.current_filter()
        if flt != self.model.order_filter:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        self._debounce.stop()
        self.message.clear_message()
        self.model.set_filter(self.current_filter())

    def _search_entered(self) -> None:
        self.apply_filter()
        if self.model.loading:  # decide once the page has come in
            self._enter_pending = True
        else:
            self._entered()

    def _entered(self) -> None:
        if self.model.rowCount() == 1:
            self.table.selectRow(0)
            self.open_current()
        elif self.model.rowCount():
            self._focus_table()

    def focus_first(self) -> None:
        """Called by the main window when the screen is shown."""
        self._focus_search()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self._focus_table()
            return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.ctx.signals.order_opened.emit(self.model.row_at(index.row()).id)

    def _keep_sortable_indicator(self, section: int, _order: Qt.SortOrder) -> None:
        if om.SORT_KEYS.get(section) is not None:
            return
        key, descending = self.model.sort_key
        column = next(c for c, k in om.SORT_KEYS.items() if k == key)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.count_label.setText(_("正在加载委托单…"))
        else:
            self._show_count(self.model.rowCount())

    def _rows_loaded(self, shown: int) -> None:
        self._show_count(shown)
        if self._enter_pending and not self.model.loading:
            self._enter_pending = False
            self._entered()

    def _show_count(self, shown: int) -> None:
        text = _("已显示 {n} 张委托单").format(n=shown)
        if self.model.has_more:
            text += _("，向下滚动加载更多")
        self.count_label.setText(text)
