"""Choosing the customer at the counter: search as you type, arrows and Enter.

The search runs 150 ms after the last key (or at once on Enter) with
`counter.customers.records.search_customers`; ↓/↑ move through the results without
leaving the search field; Enter takes the highlighted (or first) customer.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.admin.rules.roles import Perm
from counter.customers.records import CustomerHit, customer_hit, search_customers
from counter.errors import CounterError
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.messages import show_error
from ui.customers.dialog import CustomerDialog
from ui.customers.model import CustomersModel

DEBOUNCE_MS = 150


class _StatusBar:
    """A refused search is said in the status bar: the clerk keeps typing."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def show_error(self, text: str) -> None:
        self._ctx.signals.status_message.emit(text)


class CustomerPicker(QWidget):
    customer_chosen = Signal(int)  # also re-emitted when Enter confirms the chosen customer
    customer_cleared = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = _StatusBar(ctx)
        self.customer: CustomerHit | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("客户名称、拼音首字母（如 lcjl）、电话或信用代码"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.textEdited.connect(self._text_edited)
        self.search.returnPressed.connect(self._return_pressed)
        self.new_button = QPushButton(_("新建客户"))
        self.new_button.setToolTip("Ctrl+Shift+C")
        self.new_button.clicked.connect(self.new_customer)
        self.edit_button = QPushButton(_("编辑客户资料"))
        self.edit_button.setToolTip("Ctrl+Shift+E")
        self.edit_button.clicked.connect(self.edit_customer)
        self.file_button = QPushButton(_("客户档案"))
        self.file_button.setToolTip("Ctrl+K")
        self.file_button.setEnabled(False)
        self.file_button.clicked.connect(self.open_file)
        file_action = QAction(_("客户档案"), self)
        file_action.setShortcut(QKeySequence("Ctrl+K"))
        file_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        file_action.triggered.connect(self.open_file)
        self.addAction(file_action)
        can_edit = ctx.actor.can(Perm.EDIT_CUSTOMER)
        self.new_button.setEnabled(can_edit)
        self.edit_button.setEnabled(False)
        self._can_edit = can_edit

        self.model = CustomersModel(self)
        self.results = QTableView()
        self.results.setModel(self.model)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.results.horizontalHeader().setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("中")
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, width in (
            (CustomersModel.NAME, em * 16),
            (CustomersModel.CREDIT_CODE, digit * 19 + em),
            (CustomersModel.CONTACT, em * 5),
            (CustomersModel.PHONE, digit * 14),
        ):
            self.results.horizontalHeader().resizeSection(column, width)
        self.results.doubleClicked.connect(lambda index: self.choose_row(index.row()))
        self.hint = QLabel(_("输入后按 ↓ ↑ 选择，回车确认；没有找到时按 Ctrl+Shift+C 新建客户。"))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.results)
        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 24)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)

        label = QLabel(_("客户(&K)"))
        label.setBuddy(self.search)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.file_button)
        left = QVBoxLayout()
        left.addLayout(row)
        left.addWidget(self.stack, 1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.card, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.stack.setFixedHeight(self.fontMetrics().height() * 6)
        self._show_card()

    # -- searching ----------------------------------------------------------------------
    def _text_edited(self, _text: str) -> None:
        self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        text = self.search.text()
        hits = op.read(self, lambda s: search_customers(s, text)) if text.strip() else []
        if hits is None:
            return
        self.model.set_hits(hits)
        if hits:
            self.results.selectRow(0)
            self.stack.setCurrentWidget(self.results)
        else:
            self.hint.setText(
                _("没有找到“{text}”。按 Ctrl+Shift+C 新建客户。").format(text=text)
                if text.strip()
                else _("输入后按 ↓ ↑ 选择，回车确认；没有找到时按 Ctrl+Shift+C 新建客户。")
            )
            self.stack.setCurrentWidget(self.hint)

    def _return_pressed(self) -> None:
        if self._timer.isActive() or (self.search.text().strip() and not self.model.rowCount()):
            self.search_now()
        if self.search.text().strip() and self.model.rowCount():
            selected = self.results.selectionModel().selectedRows()
            self.choose_row(selected[0].row() if selected else 0)
        elif self.customer is not None:
            self.customer_chosen.emit(self.customer.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.model.rowCount():
                if self._timer.isActive():
                    self.search_now()
                selected = self.results.selectionModel().selectedRows()
                row = (selected[0].row() + step) if selected else 0
                self.results.selectRow(max(0, min(row, self.model.rowCount() - 1)))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.search_now()
                return True
        return super().eventFilter(watched, event)

    # -- the chosen customer --------------------------------------------------------------
    def choose_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.choose(self.model.hit(row))

    def choose(self, hit: CustomerHit) -> None:
        self.customer = hit
        self.search.clear()
        self.model.set_hits([])
        self.stack.setCurrentWidget(self.hint)
        self.edit_button.setEnabled(self._can_edit)
        self.file_button.setEnabled(True)
        self._show_card()
        self.customer_chosen.emit(hit.id)

    def clear(self) -> None:
        self.customer = None
        self.search.clear()
        self.model.set_hits([])
        self.stack.setCurrentWidget(self.hint)
        self.edit_button.setEnabled(False)
        self.file_button.setEnabled(False)
        self._show_card()
        self.customer_cleared.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _show_card(self) -> None:
        c = self.customer
        if c is None:
            self.card.setText(_("尚未选择客户"))
            self.card.setStyleSheet(
                "QLabel { color: palette(placeholder-text); background: palette(alternate-base);"
                " padding: 6px; }"
            )
            return
        e = html.escape
        # the labels outside the f-strings: Babel does not look inside them (Python 3.11)
        account, code = e(_("记账客户")), e(_("信用代码"))
        contact, phone, address = e(_("联系人")), e(_("电话")), e(_("地址"))
        lines = [
            f"<b style='font-size: 120%'>{e(c.name)}</b>"
            + (f" <span style='color:#1a5fb4'>[{account}]</span>" if c.account_customer else ""),
            f"{code}：{e(c.credit_code or '—')}",
            f"{contact}：{e(c.contact_name or '—')}　{phone}：{e(c.phone or '—')}",
            f"{address}：{e(c.address or '—')}",
        ]
        self.card.setStyleSheet("QLabel { background: palette(alternate-base); padding: 6px; }")
        self.card.setText("<br>".join(lines))

    def open_file(self) -> None:
        """Open the chosen customer's file (客户档案) in its own window."""
        if self.customer is not None and not self.file_button.isHidden():
            self.ctx.signals.customer_opened.emit(self.customer.id)

    # -- creating and editing ---------------------------------------------------------------
    def new_customer(self) -> None:
        if not self._can_edit:
            return
        text = self.search.text().strip()
        dialog = CustomerDialog(self.ctx, None, self, initial_name="" if text.isascii() else text)
        if dialog.exec() == CustomerDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self._reload(dialog.customer_id)

    def edit_customer(self) -> None:
        if not self._can_edit or self.customer is None:
            return
        dialog = CustomerDialog(self.ctx, self.customer.id, self)
        if dialog.exec() == CustomerDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self._reload(dialog.customer_id)

    def _reload(self, customer_id: int) -> None:
        def refused(error: CounterError) -> None:
            show_error(self, error)

        hit = op.read(self, lambda s: customer_hit(s, customer_id), on_failure=refused)
        if hit is not None:
            self.choose(hit)
