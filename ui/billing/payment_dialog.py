"""Record a payment (method, amount, reference) or a refund (amount, reason) on a statement.

The domain decides what is refused — more than is due, a refund above what was
received, POS or transfer without a reference — and the dialog stays open
showing why, keeping what was typed.  `recorded(number)` after it went through.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter.billing import StatementView, record_payment, record_refund
from counter.billing.rules.payments import PAYMENT_METHODS, method_label
from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.money import fen_to_yuan, format_yuan, yuan_to_fen
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine


class PaymentDialog(QDialog):
    recorded = Signal(str)  # the statement number

    def __init__(
        self,
        ctx: AppContext,
        statement: StatementView,
        parent: QWidget | None = None,
        *,
        refund: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.statement = statement
        self.refund = refund
        self.setWindowTitle(_("退款") if refund else _("收款"))
        summary = _("清单 {number}：应收 {total}，已收 {paid}，余额 {due}").format(
            number=statement.number,
            total=format_yuan(statement.total_fen),
            paid=format_yuan(statement.paid_fen),
            due=format_yuan(statement.due_fen),
        )
        self.method = QComboBox(self)
        for method in PAYMENT_METHODS:
            self.method.addItem(method_label(method), method)
        default = statement.paid_fen if refund else statement.due_fen
        self.amount = QLineEdit(str(fen_to_yuan(max(default, 0))), self)
        self.amount.setObjectName("amount")
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(_("银行转账、POS 刷卡必填"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.message = MessageLine(self)
        form = QFormLayout()
        form.addRow(QLabel(summary, self))
        form.addRow(_("方式(&M)："), self.method)
        form.addRow(_("退款金额（元）(&A)：") if refund else _("收款金额（元）(&A)："), self.amount)
        form.addRow(_("交易流水号(&N)："), self.reference)
        if refund:
            form.addRow(_("退款原因(&R)："), self.reason)
        else:
            self.reason.hide()
        ok_text = _("确认退款") if refund else _("确认收款")
        buttons = ok_cancel_buttons(self, ok_text, on_ok=self.submit)
        self.ok_button = ok_button(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.amount.setFocus()
        self.amount.selectAll()

    def submit(self) -> None:
        self.message.clear_message()
        ctx, sid = self.ctx, self.statement.id
        method = self.method.currentData()
        reference, reason = self.reference.text(), self.reason.text()
        try:
            fen = yuan_to_fen(self.amount.text())
        except (CounterError, ValueError) as error:
            self.message.show_error(str(error))
            return
        if self.refund:
            done = op.write(self, lambda s: record_refund(s, ctx.actor, ctx.clock, sid, fen,
                                                          reason, method, reference),
                            Change.STATEMENTS)  # fmt: skip
        else:
            done = op.write(self, lambda s: record_payment(s, ctx.actor, ctx.clock, sid, method,
                                                           fen, reference),
                            Change.STATEMENTS)  # fmt: skip
        if done is None:  # refused: the reason is in this dialog's message line
            return
        self.recorded.emit(self.statement.number)
        self.accept()
