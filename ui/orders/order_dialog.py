"""One order: its header, its items, and what the counter can do to them.

Opened modeless from anywhere (`ctx.signals.order_opened` / `item_opened`).
Buttons follow the user's permissions, but every action is also enforced in
`counter/`, and a refusal is shown in the dialog.  Changes are written through
`ui.common.op`, which announces them; the dialog reloads on any change to what
it shows (`shows`), made here or anywhere else.

Keys: F2 correct item, Del void item, Ctrl+L labels of the selected items,
Ctrl+Shift+L all labels, Ctrl+R receipt, Ctrl+T send labels to the label
printer, F5 reload, Esc close.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.changes import Change
from counter.i18n import _
from counter.intake.corrections import void_item, void_order
from counter.intake.item_status import set_item_status
from counter.intake.rules.lifecycle import TRANSITIONS, ItemStatus, status_label
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.reason_dialog import WriteWithReason
from ui.common.screen import ScreenDefaults
from ui.intake.order_printing import DocumentPrinter
from ui.orders.item_correct_dialog import ItemCorrectDialog
from ui.orders.order_header import OrderHeader
from ui.orders.order_items_model import ItemRow, OrderItemsModel, OrderView, load_order_view


class OrderDialog(ScreenDefaults, QDialog):
    #: the header (customer), the items' states, certificates, handovers, fees and prints
    shows = (
        Change.ORDERS
        | Change.CUSTOMERS
        | Change.CERTIFICATES
        | Change.RELEASES
        | Change.STATEMENTS
        | Change.PRINTS
    )

    def __init__(
        self,
        ctx: AppContext,
        order_id: int,
        parent: QWidget | None = None,
        focus_item_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.order_id = order_id
        self.view: OrderView | None = None
        self.pending: QDialog | None = None  # the reason / correction dialog last opened
        self.model = OrderItemsModel(self)
        self.printer = DocumentPrinter(ctx, self)
        self.message = MessageLine(self)
        self._build()
        self.printer.reported.connect(self.message.show_message)
        self.printer.busy_changed.connect(lambda _busy: self._update_actions())
        self.watch_changes(ctx)
        self.resize(1150, 600)
        self.reload()
        self.focus_item(focus_item_id)

    def focus_item(self, item_id: int | None) -> None:
        """Select that item (or the first) and put the keyboard on the items."""
        row = self.model.row_of(item_id) if item_id is not None else -1
        self.table.selectRow(max(row, 0))
        self.table.setFocus()

    # --- building ------------------------------------------------------

    def _build(self) -> None:
        self.header = OrderHeader(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)

    def _action(
        self, text: str, slot: Callable[[], object], key: QKeySequence | str = ""
    ) -> QAction:
        action = QAction(text, self)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{text} ({QKeySequence(key).toString()})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setVisible(action.isVisible())
        action.visibleChanged.connect(lambda: button.setVisible(action.isVisible()))
        self.button_row.addWidget(button)
        return button

    def _build_actions(self) -> None:
        self.button_row = QHBoxLayout()
        self.correct_action = self._action(_("更正器具信息"), self.correct_item, "F2")
        self.void_item_action = self._action(_("作废器具"), self.void_item, "Del")
        self.hold_action = self._action(_("暂停"), lambda: self.change_status(ItemStatus.ON_HOLD))
        self.return_action = self._action(
            _("退回未检"), lambda: self.change_status(ItemStatus.RETURNED_UNPROCESSED)
        )
        self.labels_action = self._action(
            _("补打所选标签"), lambda: self.print_labels(True), "Ctrl+L"
        )
        self.all_labels_action = self._action(
            _("补打全部标签"), lambda: self.print_labels(False), "Ctrl+Shift+L"
        )
        self.receipt_action = self._action(_("补打回执"), self.print_receipt, "Ctrl+R")
        self.send_action = self._action(_("发送所选标签到标签打印机"), self.send_labels, "Ctrl+T")
        self.void_order_action = self._action(_("作废委托单"), self.void_order)
        self.certificate_action = self._action(_("录入证书…"), self.enter_certificate, "Ctrl+E")
        self.file_action = self._action(_("客户档案"), self.open_customer_file, "Ctrl+K")
        self.file_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+D")])
        self.file_action.setToolTip(_("客户档案") + " (Ctrl+K, Ctrl+D)")
        self.close_action = self._action(_("关闭"), self.close)
        self._action(_("刷新"), self.reload, "F5")
        item_actions = (self.correct_action, self.void_item_action, self.hold_action)
        for action in (*item_actions, self.return_action, self.certificate_action):
            self._button(action)
        self.print_button = QToolButton(self)
        self.print_button.setText(_("补打"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        menu.addActions([self.labels_action, self.all_labels_action, self.receipt_action])
        menu.addAction(self.send_action)
        self.print_button.setMenu(menu)
        self.button_row.addWidget(self.print_button)
        self.button_row.addStretch(1)
        self._button(self.file_action)
        self._button(self.void_order_action)
        self._button(self.close_action)
        # what the user's roles do not allow is not offered (the domain refuses it anyway)
        can = self.ctx.actor.can
        for action, perm in (
            (self.correct_action, Perm.CORRECT_ITEM),
            (self.void_item_action, Perm.VOID),
            (self.hold_action, Perm.RECEIVE),
            (self.return_action, Perm.RECEIVE),
            (self.void_order_action, Perm.VOID),
            (self.certificate_action, Perm.LAB_WORK),
            (self.labels_action, Perm.RECEIVE),
            (self.all_labels_action, Perm.RECEIVE),
            (self.receipt_action, Perm.RECEIVE),
        ):
            action.setVisible(can(perm))
        self.print_button.setVisible(can(Perm.RECEIVE))

    # --- showing -------------------------------------------------------

    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        selected = {r.id for r in self.selected_items()}
        order_id = self.order_id
        view = op.read(self, lambda s: load_order_view(s, order_id))
        if view is None:
            return
        self.view = view
        self.setWindowTitle(
            _("委托单 {number} — {customer}").format(number=view.number, customer=view.customer)
        )
        self.header.show_order(view)
        self.model.set_rows(view.items)
        self.table.resizeColumnsToContents()
        for item_id in selected:
            row = self.model.row_of(item_id)
            if row >= 0:
                self.table.selectRow(row)
        self._update_actions()

    def selected_items(self) -> list[ItemRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def current_item(self) -> ItemRow | None:
        items = self.selected_items()
        return items[0] if items else None

    def _update_actions(self) -> None:
        can = self.ctx.actor.can
        item = self.current_item()
        status = item.status if item else None
        allowed = TRANSITIONS[status] if status else frozenset()
        order_live = self.view is not None and self.view.voided_at is None
        self.correct_action.setEnabled(
            can(Perm.CORRECT_ITEM) and status not in (None, ItemStatus.VOIDED, ItemStatus.RELEASED)
        )
        self.void_item_action.setEnabled(can(Perm.VOID) and ItemStatus.VOIDED in allowed)
        self.hold_action.setEnabled(can(Perm.RECEIVE) and ItemStatus.ON_HOLD in allowed)
        self.return_action.setEnabled(
            can(Perm.RECEIVE) and ItemStatus.RETURNED_UNPROCESSED in allowed
        )
        self.void_order_action.setEnabled(can(Perm.VOID) and order_live)
        self.certificate_action.setEnabled(
            can(Perm.LAB_WORK)
            and status in (ItemStatus.RECEIVED, ItemStatus.IN_LAB, ItemStatus.CERT_DRAFTED)
        )
        printing = can(Perm.RECEIVE) and not self.printer.busy
        for action in (self.all_labels_action, self.receipt_action):
            action.setEnabled(printing)
        self.labels_action.setEnabled(printing and item is not None)
        self.send_action.setVisible(
            bool(self.view and self.view.label_printer) and can(Perm.RECEIVE)
        )
        self.send_action.setEnabled(printing)
        self.print_button.setEnabled(printing)

    # --- changing ------------------------------------------------------

    def _ask(self, dialog: QDialog, done: str) -> None:
        """Open `dialog` (it applies the change itself); report `done` when it went through."""
        self.message.clear_message()
        self.pending = dialog
        dialog.accepted.connect(lambda: self._changed(done))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.activateWindow()

    def _changed(self, text: str) -> None:
        self.message.show_info(text)
        self.ctx.signals.status_message.emit(text)

    def enter_certificate(self) -> None:
        """Lab staff enter the selected item's certificate data."""
        from ui.certificates.form import CertificateForm

        item = self._need_item()
        if item is None:
            return
        form = CertificateForm(self.ctx, item.id, self)
        form.exec()

    def open_customer_file(self) -> None:
        """The order's customer's file (客户档案), in its own window."""
        if self.view is not None:
            self.ctx.signals.customer_opened.emit(self.view.customer_id)

    def _need_item(self) -> ItemRow | None:
        item = self.current_item()
        if item is None:
            self.message.show_error(_("请先选择器具"))
        return item

    def void_order(self) -> None:
        if self.view is None:
            return
        number, order_id = self.view.number, self.order_id
        actor, clock = self.ctx.actor, self.ctx.clock
        dialog = WriteWithReason(
            self.ctx,
            _("作废委托单 {number}").format(number=number),
            _("作废后本单全部器具一并作废，记录保留，不可恢复。请填写作废原因："),
            lambda s, reason: void_order(s, actor, clock, order_id, reason),
            Change.ORDERS,
            self,
            confirm_text=_("作废委托单"),
        )
        self._ask(dialog, _("委托单 {number} 已作废").format(number=number))

    def void_item(self) -> None:
        self.change_status(ItemStatus.VOIDED)

    def change_status(self, new: ItemStatus) -> None:
        item = self._need_item()
        if item is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        label = status_label(new)

        def apply(session: Session, reason: str) -> None:
            if new is ItemStatus.VOIDED:
                void_item(session, actor, clock, item.id, reason)
            else:
                set_item_status(session, actor, clock, item.id, new, reason)

        dialog = WriteWithReason(
            self.ctx,
            _("器具 {number} 改为“{status}”").format(number=item.number, status=label),
            _("{instrument}（{number}）将改为“{status}”。请填写原因：").format(
                instrument=item.instrument, number=item.number, status=label
            ),
            apply,
            Change.ORDERS,
            self,
            confirm_text=label if new is not ItemStatus.VOIDED else _("作废器具"),
        )
        self._ask(
            dialog, _("器具 {number} 已改为“{status}”").format(number=item.number, status=label)
        )

    def correct_item(self) -> None:
        item = self._need_item()
        if item is not None:
            dialog = ItemCorrectDialog(self.ctx, item.id, item.number, self)
            self._ask(dialog, _("器具 {number} 已更正").format(number=item.number))

    # --- printing ------------------------------------------------------

    def print_labels(self, selected_only: bool) -> None:
        items = self.selected_items()
        if self.view and (items or not selected_only):
            ids = [i.id for i in items] if selected_only else None
            self.printer.preview_labels(self.order_id, self.view.number, ids)

    def print_receipt(self) -> None:
        if self.view:
            self.printer.preview_receipt(self.order_id, self.view.number)

    def send_labels(self) -> None:
        items = self.selected_items()
        self.message.clear_message()
        if items:
            self.printer.send_labels([(self.order_id, [i.id for i in items])])
