"""Opening customers' files: one window per customer, raised when already open.

The main window hands `ctx.signals.customer_opened` to `CustomerFiles.open`;
`choose_action` (客户档案…, Ctrl+Shift+K) asks for the customer first with the
intake's customer search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from counter.i18n import _
from ui.common.context import AppContext
from ui.common.dialogs import ok_cancel_buttons
from ui.customers.picker import CustomerPicker

if TYPE_CHECKING:  # the file's window (PDF preview, documents) loads when first opened
    from ui.archive.customer_file import CustomerFileWindow


class ChooseCustomerDialog(QDialog):
    """Find a customer (as at intake); Enter or 打开档案 opens their file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("打开客户档案"))
        self.customer_id: int | None = None
        self.picker = CustomerPicker(ctx, self)
        self.picker.file_button.hide()  # this dialog's own button opens the file
        self.picker.customer_chosen.connect(self._chosen)
        self.buttons = ok_cancel_buttons(self, _("打开档案"), on_ok=self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("中") * 60, 260)
        self.picker.focus_search()

    def _chosen(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self.accept()

    def _open(self) -> None:
        if self.picker.customer is not None:
            self._chosen(self.picker.customer.id)
        else:
            self.picker.search_now()
            if self.picker.model.rowCount():
                self.picker.choose_row(0)


class CustomerFiles(QObject):
    """The open customers' files of one main window."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.open_files: dict[int, CustomerFileWindow] = {}
        self.choose_action = QAction(_("客户档案(&K)…"), parent)
        self.choose_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.choose_action.triggered.connect(self.choose)
        ctx.signals.customer_opened.connect(self.open)

    def open(self, customer_id: int) -> CustomerFileWindow:
        """Show the customer's file (bring it forward when it is open already)."""
        existing = self.open_files.get(customer_id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        from ui.archive.customer_file import CustomerFileWindow

        window = CustomerFileWindow(self.ctx, customer_id, self.window)
        window.setModal(False)
        window.destroyed.connect(lambda *_a: self.open_files.pop(customer_id, None))
        self.open_files[customer_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        window.focus_first()
        return window

    def choose(self) -> None:
        dialog = ChooseCustomerDialog(self.ctx, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self.open(dialog.customer_id)

    def close_all(self) -> None:
        for window in list(self.open_files.values()):
            window.close()
