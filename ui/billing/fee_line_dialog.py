"""Change one fee line: another tier of the fee standard, or another unit price, with a reason.

The domain (`counter.billing.change_line`) decides whether a reason is needed;
the dialog shows its refusal and keeps what was typed.  `changed_line` holds
the result after OK.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter.billing import DraftLine, change_line
from counter.errors import CounterError
from counter.i18n import _
from counter.money import fen_to_yuan, yuan_to_fen
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine


class FeeLineDialog(QDialog):
    def __init__(self, line: DraftLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("修改收费项目"))
        self.line = line
        self.changed_line: DraftLine | None = None
        fee = line.fee
        self.tier = QComboBox(self)
        for row in line.tiers:
            self.tier.addItem(row.describe(), row)
        current = next(
            (
                n
                for n, r in enumerate(line.tiers)
                if (r.code, r.tier, r.measuring_range) == (fee.fee_code, fee.tier, fee.fee_range)
            ),
            -1,
        )
        if not line.tiers:
            self.tier.addItem(_("（收费标准中没有此器具，请填写单价）"), None)
            self.tier.setEnabled(False)
        self.tier.setCurrentIndex(max(current, 0))
        self.tier.activated.connect(self._tier_chosen)
        self.price = QLineEdit(str(fen_to_yuan(fee.unit_price_fen)), self)
        self.price.setObjectName("unit_price")
        self.reason = QLineEdit(line.change_reason, self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("改动收费项目或单价时必填"))
        self.message = MessageLine(self)
        form = QFormLayout()
        form.addRow(_("器具："), QLabel(f"{fee.item_number}  {fee.instrument}  {fee.model}", self))
        form.addRow(_("收费项目(&T)："), self.tier)
        form.addRow(_("单价（元）(&P)："), self.price)
        form.addRow(_("原因(&R)："), self.reason)
        buttons = ok_cancel_buttons(self, on_ok=self.submit)
        self.ok_button = ok_button(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.tier.setFocus()
        self.resize(560, self.sizeHint().height())

    def _tier_chosen(self, index: int) -> None:
        row = self.tier.itemData(index)
        if row is not None:
            self.price.setText(str(fen_to_yuan(row.price_fen)))

    def submit(self) -> None:
        self.message.clear_message()
        try:
            price = yuan_to_fen(self.price.text())
            self.changed_line = change_line(
                self.line,
                row=self.tier.currentData(),
                unit_price_fen=price,
                reason=self.reason.text(),
            )
        except (CounterError, ValueError) as error:
            self.message.show_error(str(error))
            return
        self.accept()
