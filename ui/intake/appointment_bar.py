"""The booked customer at intake: scan (or type) the appointment slip's number, or pick one
of today's appointments; the screen then fills itself from the booking."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from counter.appointments.prefill import Prefill, intake_prefill
from counter.appointments.queries import list_appointments
from counter.appointments.rules.slots import half_label
from counter.clock import local_date
from counter.errors import CounterError
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext


class _Outlet:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def show_error(self, text: str) -> None:
        self.ctx.signals.status_message.emit(text)


class AppointmentBar(QWidget):
    #: a booking to receive: the screen fills the customer and the items from it
    prefill_ready = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = _Outlet(ctx)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(_("扫描或输入预约单号，回车"))
        self.code.returnPressed.connect(self.take_code)
        self.today = QComboBox(self)
        self.today.setMinimumContentsLength(24)
        self.take_button = QPushButton(_("按预约收件"), self)
        self.take_button.clicked.connect(self.take_chosen)
        label = QLabel(_("预约单(&Y)"), self)
        label.setBuddy(self.code)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.code, 1)
        layout.addWidget(QLabel(_("今日预约"), self))
        layout.addWidget(self.today, 2)
        layout.addWidget(self.take_button)
        self.reload()

    def reload(self) -> None:
        """Today's appointments still to come."""
        day = local_date(self.ctx.clock.now())
        rows = op.read(self, lambda s: list_appointments(s, day, day, statuses=("booked",))) or []
        self.today.clear()
        for a in rows:
            text = f"{half_label(a.half)} {a.number} {a.customer}（{a.department}，{a.items}）"
            self.today.addItem(text, a.id)
        self.take_button.setEnabled(bool(rows))

    def open_code(self, code: str | int) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock

        def refused(error: CounterError) -> None:
            self.ctx.signals.status_message.emit(str(error))

        prefill = op.read(self, lambda s: intake_prefill(s, actor, clock, code), on_failure=refused)
        if isinstance(prefill, Prefill):
            self.code.clear()
            self.prefill_ready.emit(prefill)

    def take_code(self) -> None:
        code = self.code.text().strip()
        if code:
            self.open_code(code)

    def take_chosen(self) -> None:
        appointment_id = self.today.currentData()
        if appointment_id is not None:
            self.open_code(int(appointment_id))
