"""改期: move an appointment to another day and half day (same slip number)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.appointments.queries import AppointmentView
from counter.appointments.rules.slots import HALVES, half_label, slot_text
from counter.changes import Change
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_cancel_buttons
from ui.common.message_line import MessageLine


class MoveDialog(QDialog):
    def __init__(
        self, ctx: AppContext, appointment: AppointmentView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action: Callable[[Session, dt.date, str, str], None] | None = None
        self.setWindowTitle(_("改期 {number}").format(number=appointment.number))
        self.message = MessageLine(self)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        d = appointment.day
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.half = QComboBox(self)
        for half in HALVES:
            self.half.addItem(half_label(half), half)
        self.half.setCurrentIndex(max(0, self.half.findData(appointment.half)))
        self.reason = QLineEdit(self)
        form = QFormLayout()
        form.addRow(
            _("原时段"), QLineEdit(slot_text(appointment.day, appointment.half), readOnly=True)
        )
        form.addRow(_("新日期(&A)"), self.day)
        form.addRow(_("新时段(&H)"), self.half)
        form.addRow(_("原因(&R)"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel_buttons(self, _("改期"), on_ok=self.submit))

    def submit(self) -> None:
        if self.action is None:
            return
        q = self.day.date()
        day, half, reason = (
            dt.date(q.year(), q.month(), q.day()),
            self.half.currentData(),
            self.reason.text(),
        )
        action = self.action
        op.write(
            self,
            lambda s: action(s, day, half, reason),
            Change.APPOINTMENTS,
            on_success=lambda _result: self.accept(),
            on_failure=op.shown_in(self.message),
        )
