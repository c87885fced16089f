"""The reprint list: labels and receipts that did not reach a printer.

Select rows and preview them as PDF (Enter / Ctrl+P) or send the labels to
the label printer again (Ctrl+T).  Ctrl+O opens the order, F5 reloads.  The
list refreshes itself after every print, order change and settings change (when
shown; a hidden list reads again when it is next shown).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.admin.settings import label_printer_address, load_settings
from counter.changes import Change
from counter.i18n import _
from counter.intake.documents import ReprintRow, reprint_list
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults
from ui.intake import reprint_model as rm
from ui.intake.order_printing import Batch, DocumentPrinter
from ui.intake.reprint_model import ReprintModel


def _load(session: Session) -> tuple[list[ReprintRow], dict[str, int], str]:
    """The rows (labels of voided items are left out), item ids by number, the label printer."""
    rows = reprint_list(session)
    ids = {r.item_number: r.item_id for r in rows if r.item_id is not None}
    return rows, ids, label_printer_address(load_settings(session))


class ReprintScreen(ScreenDefaults, QWidget):
    #: print jobs, the orders' items (a voided item's label drops out), the label printer
    shows = Change.PRINTS | Change.ORDERS | Change.SETTINGS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item_ids: dict[str, int] = {}
        self.model = ReprintModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(rm.SORT_ROLE)
        self.printer = DocumentPrinter(ctx, self)
        self.message = MessageLine(self)
        self.count_label = QLabel(self)
        self._build()
        self.printer.reported.connect(self.message.show_message)
        self.printer.busy_changed.connect(lambda _busy: self._update_buttons())
        # loaded when first shown, not at start-up: the list can be long
        self.stale = True
        self.watch_changes(ctx)

    def _build(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(rm.TIME, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(rm.ERROR, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.preview())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.preview_button = QPushButton(_("预览并打印"), self)
        self.preview_button.setToolTip("Enter / Ctrl+P")
        self.preview_button.clicked.connect(self.preview)
        self.send_button = QPushButton(_("重新发送到标签打印机"), self)
        self.send_button.setToolTip("Ctrl+T")
        self.send_button.clicked.connect(self.send_labels)
        self.open_button = QPushButton(_("打开委托单"), self)
        self.open_button.setToolTip("Ctrl+O")
        self.open_button.clicked.connect(self.open_order)
        self.refresh_button = QPushButton(_("刷新"), self)
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.send_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        for key, slot in (
            (Qt.Key.Key_Return, self.preview),
            (Qt.Key.Key_Enter, self.preview),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview)
        QShortcut(QKeySequence("Ctrl+T"), self, self.send_labels)
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_order)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)

    def focus_first(self) -> None:
        """Called by the main window when the screen is shown: the list, first row."""
        self.table.setFocus()
        if self.proxy.rowCount() and not self.selected_rows():
            self.table.selectRow(0)

    # --- showing -------------------------------------------------------

    def refresh(self) -> None:
        self.stale = False
        loaded = op.read(self, _load)
        if loaded is None:
            return
        rows, self.item_ids, printer = loaded
        chosen = {r.job_id for r in self.selected_rows()}
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._reselect(chosen)
        self.send_button.setVisible(bool(printer))
        self.count_label.setText(_("待补打 {n} 项").format(n=len(rows)))
        self._update_buttons()

    def _reselect(self, job_ids: set[int]) -> None:
        """Keep the rows that were selected before a refresh selected (to retry them)."""
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).job_id in job_ids:
                selection.select(self.proxy.mapFromSource(self.model.index(row, 0)), flags)

    def selected_rows(self) -> list[ReprintRow]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_at(r) for r in sorted(rows)]

    def current_row(self) -> ReprintRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            rows = self.selected_rows()
            return rows[0] if rows else None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _update_buttons(self) -> None:
        can_print = self.ctx.actor.can(Perm.RECEIVE) and not self.printer.busy
        chosen = bool(self.selected_rows())
        self.preview_button.setEnabled(can_print and chosen)
        self.send_button.setEnabled(
            can_print and any(r.kind == "label" for r in self.selected_rows())
        )
        self.open_button.setEnabled(chosen)

    # --- acting --------------------------------------------------------

    def preview(self) -> None:
        """Preview the current row's document, with the other selected labels of its order."""
        current = self.current_row()
        if current is None:
            return
        self.message.clear_message()
        if current.kind == "receipt":
            self.printer.preview_receipt(current.order_id, current.order_number)
            return
        rows = [r for r in self.selected_rows() if r.order_id == current.order_id] or [current]
        ids = [self.item_ids[r.item_number] for r in rows if r.kind == "label" and r.item_number]
        self.printer.preview_labels(current.order_id, current.order_number, ids)

    def send_labels(self) -> None:
        by_order: dict[int, list[int]] = defaultdict(list)
        for row in self.selected_rows():
            if row.kind == "label" and row.item_number in self.item_ids:
                by_order[row.order_id].append(self.item_ids[row.item_number])
        if not by_order:
            self.message.show_error(_("请先选择要补打的标签"))
            return
        self.message.clear_message()
        batches: list[Batch] = [(order_id, ids) for order_id, ids in by_order.items()]
        self.printer.send_labels(batches)

    def open_order(self) -> None:
        row = self.current_row()
        if row is not None:
            self.ctx.signals.order_opened.emit(row.order_id)
