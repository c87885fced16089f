"""A customer's file (客户档案): one window per customer, beside whatever the clerk is doing.

Details and contacts with the owner department (首问负责); the ledger with due
dates (overdue red, due soon amber, never verified purple; in use or all); every
order (double-click opens it), certificate, statement and payment; the reminders
sent and answered; and notes.  Opened modeless from anywhere through
`ctx.signals.customer_opened` (the main window keeps one per customer); it reads
`counter.archive.customer_file` again whenever something it shows changes.

Keys: Ctrl+1…6 the parts, Ctrl+N/F2 add/edit an entry (and the other ledger keys
in `customer_file_ledger`), Ctrl+P/Ctrl+Shift+P print, Ctrl+Enter save a note,
F5 reload, Esc close.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter.admin.rules.roles import Perm
from counter.archive.customer_file import (
    PAGE,
    CustomerFile,
    LedgerRow,
    customer_file,
)
from counter.archive.notes import add_note
from counter.archive.rules.due import DueState, LedgerStatus
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from ui.appointments.booking_dialog import BookingDialog
from ui.appointments.prefs_dialog import PrefsDialog
from ui.archive.customer_file_ledger import LedgerActions
from ui.archive.customer_file_models import (
    LedgerModel,
    PartModel,
    certificate_columns,
    fit_columns,
    head_html,
    message_columns,
    note_columns,
    order_columns,
    payment_columns,
    statement_columns,
    table_view,
)
from ui.archive.customer_file_print import PrintActions
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults

#: the ledger states the booking dialog offers when no entry is selected
BOOKABLE = frozenset(
    {DueState.OVERDUE, DueState.ESCALATED, DueState.DUE_SOON, DueState.NEVER_VERIFIED}
)


class CustomerFileWindow(ScreenDefaults, QDialog):
    shows = (
        Change.LEDGER
        | Change.ORDERS
        | Change.CERTIFICATES
        | Change.STATEMENTS
        | Change.MESSAGES
        | Change.CUSTOMERS
    )

    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ctx = ctx
        self.customer_id = customer_id
        self.file: CustomerFile | None = None
        self.booking: BookingDialog | None = None
        self.prefs: PrefsDialog | None = None
        self.message = MessageLine(self)
        self.ledger = LedgerActions(
            ctx, self, customer_id, self.message, self.current_entry, self.customer_name
        )
        self.printing = PrintActions(ctx, self, customer_id, self.message, self.customer_name)
        self._build()
        self.ledger.update()
        self.watch_changes(ctx)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(em * 84, em * 50)
        self.reload()

    # --- building ------------------------------------------------------

    def _build(self) -> None:
        self.head = QLabel(self)
        self.head.setTextFormat(Qt.TextFormat.RichText)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.head.setStyleSheet("QLabel { background: palette(alternate-base); padding: 6px; }")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ledger_tab(), _("器具台账"))
        self.orders = PartModel(order_columns(), self)
        self.orders_table = table_view(self, self.orders)
        self.orders_table.doubleClicked.connect(self.open_order)
        self.orders_table.activated.connect(self.open_order)
        self.certificates = PartModel(certificate_columns(), self)
        self.statements = PartModel(statement_columns(), self)
        self.payments = PartModel(payment_columns(), self)
        self.messages = PartModel(message_columns(), self)
        self.certificates_table = table_view(self, self.certificates)
        self.messages_table = table_view(self, self.messages)
        money = QSplitter(Qt.Orientation.Vertical, self)
        self.statements_table = table_view(money, self.statements)
        self.payments_table = table_view(money, self.payments)
        money.addWidget(self.statements_table)
        money.addWidget(self.payments_table)
        self.tabs.addTab(self.orders_table, _("委托单"))
        self.tabs.addTab(self.certificates_table, _("证书"))
        self.tabs.addTab(money, _("收费与收款"))
        self.tabs.addTab(self.messages_table, _("提醒与通知"))
        self.tabs.addTab(self._notes_tab(), _("备注"))
        self.tab_titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]
        self.more = QLabel(self)
        self.more.setStyleSheet("color: palette(placeholder-text);")
        self.more.hide()
        for index in range(self.tabs.count()):
            key = f"Ctrl+{index + 1}"
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(action)
            self.tabs.setTabToolTip(index, key)
        reload_action = QAction(_("刷新"), self)
        reload_action.setShortcut(QKeySequence("F5"))
        reload_action.triggered.connect(self.reload)
        self.addAction(reload_action)
        buttons = QHBoxLayout()
        for action in self.ledger.editing:
            buttons.addWidget(self._button(action))
        buttons.addWidget(self._button(self.ledger.export_file))
        buttons.addWidget(self.printing.button)
        self.book_button = QPushButton(_("预约送检…"), self)
        self.book_button.setAutoDefault(False)
        self.book_button.setVisible(self.ctx.actor.can(Perm.RECEIVE))
        self.book_button.clicked.connect(self.book)
        buttons.addWidget(self.book_button)
        self.prefs_button = QPushButton(_("预约偏好…"), self)
        self.prefs_button.setAutoDefault(False)
        self.prefs_button.setVisible(self.ctx.actor.can(Perm.EDIT_CUSTOMER))
        self.prefs_button.clicked.connect(self.edit_preferences)
        buttons.addWidget(self.prefs_button)
        buttons.addStretch(1)
        close = QPushButton(_("关闭"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setVisible(action.isVisible())
        return button

    def _ledger_tab(self) -> QWidget:
        page = QWidget(self)
        self.filter = QComboBox(page)
        self.filter.addItem(_("在用器具"), True)
        self.filter.addItem(_("全部（含停用、报废）"), False)
        self.filter.currentIndexChanged.connect(lambda _i: self._show_ledger())
        self.ledger_count = QLabel(page)
        legend = QLabel(
            "<span style='background:#f8d0d0'>&nbsp;{}&nbsp;</span> "
            "<span style='background:#fbe7b5'>&nbsp;{}&nbsp;</span> "
            "<span style='background:#e6d5f5'>&nbsp;{}&nbsp;</span>".format(
                html.escape(_("已超期")), html.escape(_("即将到期")), html.escape(_("从未检定"))
            ),
            page,
        )
        top = QHBoxLayout()
        label = QLabel(_("显示(&S)："), page)
        label.setBuddy(self.filter)
        top.addWidget(label)
        top.addWidget(self.filter)
        top.addSpacing(12)
        top.addWidget(self.ledger_count)
        top.addStretch(1)
        top.addWidget(legend)
        self.ledger_model = LedgerModel(self)
        self.ledger_table = table_view(page, self.ledger_model)
        self.ledger_table.selectionModel().selectionChanged.connect(
            lambda *_a: self.ledger.update()
        )
        self.ledger_table.doubleClicked.connect(lambda _i: self.ledger.edit_entry())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.ledger_table, 1)
        return page

    def _notes_tab(self) -> QWidget:
        page = QWidget(self)
        self.notes = PartModel(note_columns(), self)
        self.notes_table = table_view(page, self.notes)
        self.notes_table.setWordWrap(True)
        self.note_text = QPlainTextEdit(page)
        self.note_text.setPlaceholderText(_("新备注：电话、约定、客户的要求……"))
        self.note_text.setTabChangesFocus(True)
        self.note_text.setFixedHeight(self.note_text.fontMetrics().lineSpacing() * 3 + 12)
        self.note_pinned = QCheckBox(_("置顶"), page)
        self.note_button = QPushButton(_("添加备注"), page)
        self.note_button.setToolTip("Ctrl+Return")
        self.note_button.setAutoDefault(False)  # Enter elsewhere in the file adds no note
        self.note_button.clicked.connect(self.save_note)
        note_action = QAction(self)
        note_action.setShortcut(QKeySequence("Ctrl+Return"))
        note_action.triggered.connect(self.save_note)
        self.note_text.addAction(note_action)
        note_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        can = self.ctx.actor.can(Perm.EDIT_CUSTOMER)
        for widget in (self.note_text, self.note_pinned, self.note_button):
            widget.setEnabled(can)
        row = QHBoxLayout()
        row.addWidget(self.note_text, 1)
        side = QVBoxLayout()
        side.addWidget(self.note_pinned)
        side.addWidget(self.note_button)
        side.addStretch(1)
        row.addLayout(side)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.notes_table, 1)
        layout.addLayout(row)
        return page

    # --- showing -------------------------------------------------------

    def customer_name(self) -> str:
        return self.file.customer.name if self.file else ""

    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        customer_id, today = self.customer_id, local_date(self.ctx.clock.now())
        found = op.read(self, lambda s: customer_file(s, customer_id, today))
        if found is None:
            return
        self.file = found
        self.setWindowTitle(_("客户档案 — {name}").format(name=found.customer.name))
        self.head.setText(head_html(found.customer))
        self._show_ledger()
        parts: Sequence[tuple[PartModel[Any], QTableView, tuple[Any, ...]]] = (
            (self.orders, self.orders_table, found.orders),
            (self.certificates, self.certificates_table, found.certificates),
            (self.statements, self.statements_table, found.statements),
            (self.payments, self.payments_table, found.payments),
            (self.messages, self.messages_table, found.messages),
            (self.notes, self.notes_table, found.notes),
        )
        for model, table, rows in parts:
            model.set_rows(rows)
            fit_columns(table)
        counts = (
            ("ledger", found.ledger),
            ("orders", found.orders),
            ("certificates", found.certificates),
            ("statements", found.statements),
            ("messages", found.messages),
            ("notes", found.notes),
        )
        for index, (part, rows) in enumerate(counts):
            n = f"{len(rows)}+" if part in found.more else str(len(rows))
            self.tabs.setTabText(index, f"{self.tab_titles[index]} ({n})")
        if found.more:
            self.more.setText(_("部分记录较多，各只显示最近 {n} 条").format(n=PAGE))
        self.more.setVisible(bool(found.more))

    def _show_ledger(self) -> None:
        if self.file is None:
            return
        selected = self.current_entry()
        rows = self.file.ledger
        in_use_only = bool(self.filter.currentData())
        shown = [r for r in rows if r.status == LedgerStatus.IN_USE] if in_use_only else rows
        self.ledger_model.set_rows(shown)
        fit_columns(self.ledger_table)
        late = sum(r.state in (DueState.OVERDUE, DueState.ESCALATED) for r in rows)
        soon = sum(r.state is DueState.DUE_SOON for r in rows)
        never = sum(r.state is DueState.NEVER_VERIFIED for r in rows)
        self.ledger_count.setText(
            _("共 {n} 件，显示 {shown} 件；超期 {late}，即将到期 {soon}，从未检定 {never}").format(
                n=len(rows), shown=len(shown), late=late, soon=soon, never=never
            )
        )
        row = self.ledger_model.row_of(selected.id) if selected else -1
        if row >= 0:
            self.ledger_table.selectRow(row)
        self.ledger.update()

    def book(self) -> BookingDialog:
        """Book this customer: the selected ledger entries, else those due or never verified."""
        rows = self.ledger_table.selectionModel().selectedRows()
        chosen = [self.ledger_model.row_at(r.row()) for r in rows]
        if not chosen and self.file is not None:
            chosen = [r for r in self.file.ledger if r.state in BOOKABLE]
        dialog = BookingDialog(
            self.ctx,
            self,
            customer_id=self.customer_id,
            customer_name=self.customer_name(),
            instrument_ids=[r.id for r in chosen],
            source="file",
        )
        self.booking = dialog
        dialog.open()
        return dialog

    def edit_preferences(self) -> PrefsDialog:
        """The weekdays and half day the customer likes, the dates they cannot come."""
        dialog = PrefsDialog(self.ctx, self.customer_id, self)
        self.prefs = dialog
        dialog.open()
        return dialog

    def current_entry(self) -> LedgerRow | None:
        rows = self.ledger_table.selectionModel().selectedRows()
        return self.ledger_model.row_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int) -> None:
        row = self.ledger_model.row_of(entry_id)
        if row >= 0:
            self.ledger_table.selectRow(row)

    def focus_first(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.ledger_table.setFocus()

    # --- acting --------------------------------------------------------

    def open_order(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.signals.order_opened.emit(self.orders.row_at(index.row()).id)

    def save_note(self) -> None:
        text = self.note_text.toPlainText()
        pinned = self.note_pinned.isChecked()
        actor, clock, customer_id = self.ctx.actor, self.ctx.clock, self.customer_id
        self.message.clear_message()
        done = op.write(
            self,
            lambda s: add_note(s, actor, clock, customer_id, text, pinned),
            Change.LEDGER,
        )
        if done is not None:
            self.note_text.clear()
            self.note_pinned.setChecked(False)
            self.message.show_info(_("备注已添加"))
