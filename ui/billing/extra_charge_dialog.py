"""Add a charge of its own to the draft: repair fee, parts, on-site travel, adjustment, other."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter.billing.rules.lines import CHARGE_KINDS, group_label
from counter.billing.rules.pricing import ExtraCharge
from counter.i18n import _
from counter.money import yuan_to_fen
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine


class ExtraChargeDialog(QDialog):
    """`charge` holds the new `ExtraCharge` after OK."""

    def __init__(
        self,
        items: Sequence[tuple[str, str, str]],  # (item number, order number, instrument)
        parent: QWidget | None = None,
        *,
        item_number: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("添加其他费用"))
        self.charge: ExtraCharge | None = None
        self.kind = QComboBox(self)
        for kind in CHARGE_KINDS:
            self.kind.addItem(group_label(kind), kind)
        self.description = QLineEdit(self)
        self.description.setObjectName("description")
        self.description.setPlaceholderText(_("例如：更换传感器、上门检定往返"))
        self.item = QComboBox(self)
        self.item.addItem(_("（不指定器具）"), None)
        for number, order_number, instrument in items:
            self.item.addItem(f"{number}  {instrument}", (number, order_number))
        for index in range(1, self.item.count()):
            if item_number and self.item.itemData(index)[0] == item_number:
                self.item.setCurrentIndex(index)
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 9999)
        self.price = QLineEdit(self)
        self.price.setObjectName("unit_price")
        self.price.setPlaceholderText("0.00")
        self.message = MessageLine(self)
        form = QFormLayout()
        form.addRow(_("费用类别(&K)："), self.kind)
        form.addRow(_("说明(&D)："), self.description)
        form.addRow(_("器具(&I)："), self.item)
        form.addRow(_("数量(&Q)："), self.quantity)
        form.addRow(_("单价（元）(&P)："), self.price)
        buttons = ok_cancel_buttons(self, _("添加"), on_ok=self.submit)
        self.ok_button = ok_button(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.kind.setFocus()

    def submit(self) -> None:
        self.message.clear_message()
        chosen = self.item.currentData()
        item_number, order_number = chosen if chosen else ("", "")
        try:
            if not self.price.text().strip():
                raise ValueError(_("请填写单价"))
            self.charge = ExtraCharge(
                kind=self.kind.currentData(),
                description=self.description.text().strip(),
                unit_price_fen=yuan_to_fen(self.price.text()),
                quantity=self.quantity.value(),
                item_number=item_number,
                order_number=order_number,
            )
        except ValueError as error:
            self.message.show_error(str(error))
            return
        self.accept()
