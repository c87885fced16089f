"""The top of the order dialog: number, customer, times, people, state, void state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from counter.i18n import _
from counter.intake.receive import channel_label
from counter.intake.rules.lifecycle import status_label
from ui.orders.order_items_model import OrderView, local_text

FIELDS = ("number", "customer", "received", "clerk", "channel", "contact", "status", "note")


def _titles() -> tuple[str, ...]:
    return (
        _("委托单号"),
        _("客户"),
        _("收件时间"),
        _("收件人"),
        _("收件方式"),
        _("联系人"),
        _("状态"),
        _("备注"),
    )


class OrderHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {name: QLabel(self) for name in FIELDS}
        grid = QGridLayout()
        for n, (name, title) in enumerate(zip(FIELDS, _titles(), strict=True)):
            label = self.fields[name]
            label.setObjectName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            form = QFormLayout()
            form.addRow(title + _("："), label)
            grid.addLayout(form, n // 2, n % 2)
        bold = self.fields["number"].font()
        bold.setBold(True)
        self.fields["number"].setFont(bold)
        self.void_state = QLabel(self)
        self.void_state.setObjectName("void_state")
        self.void_state.setStyleSheet("color: #b00020; font-weight: bold;")
        self.void_state.setWordWrap(True)
        self.void_state.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.void_state)

    def show_order(self, view: OrderView) -> None:
        contact = " ".join(p for p in (view.contact_name, view.contact_phone) if p)
        values = (
            view.number,
            view.customer,
            local_text(view.received_at),
            view.clerk,
            channel_label(view.channel),
            contact,
            status_label(view.status),
            view.note,
        )
        for name, value in zip(FIELDS, values, strict=True):
            self.fields[name].setText(value)
        if view.voided_at is None:
            self.void_state.hide()
            return
        self.void_state.setText(
            _("本委托单已作废：{reason}（{user}，{time}）").format(
                reason=view.void_reason, user=view.voided_by, time=local_text(view.voided_at)
            )
        )
        self.void_state.show()
