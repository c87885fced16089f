"""Monthly billing: tick several orders of an account customer for one statement.

Space ticks the current order, Enter confirms.  `order_ids` holds the ticked
orders (oldest first) after OK.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.billing import unbilled_orders
from counter.i18n import _
from ui.billing.unbilled_orders_model import UnbilledOrdersModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine


class StatementOrdersDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        customer_id: int,
        customer_name: str,
        checked: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("月结：合并开具清单"))
        self.order_ids: list[int] = []
        self.model = UnbilledOrdersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self._toggle_current)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.message = MessageLine(self)
        prompt = _("{customer} 尚未开具清单的委托单（空格勾选，回车确认）：").format(
            customer=customer_name
        )
        buttons = ok_cancel_buttons(self, _("合并开具"), on_ok=self.submit)
        self.ok_button = ok_button(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        rows = op.read(self, lambda s: unbilled_orders(s, customer_id))
        self.model.set_rows(rows or [], checked)
        self.table.selectRow(0)
        self.table.setFocus()
        self.resize(520, 420)

    def _toggle_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.toggle(index.row())

    def submit(self) -> None:
        self.order_ids = self.model.checked_ids()
        if not self.order_ids:
            self.message.show_error(_("请至少勾选一张委托单"))
            return
        self.accept()
