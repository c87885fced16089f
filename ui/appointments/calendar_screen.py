"""检定预约: one department's booked and free places per half day (a day or a week), the
appointments of the chosen slot, and what the clerk does with them.

The grid: a column per day, a row per half day; each cell "已约 3 / 8" (grey: not a
working day or closed).  Below: the chosen slot's appointments.  新预约 (Ctrl+N) books a
phone call; 改期 moves, 取消 cancels (with a reason), 未到 marks a no-show, 预约单 prints
the slip (Ctrl+P); 起草明日提醒 drafts the next working day's reminders into the outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.appointments.capacity import free_capacity
from counter.appointments.notices import ReminderResult, draft_reminders_for
from counter.appointments.queries import AppointmentView, list_appointments
from counter.appointments.rules.slots import (
    HALVES,
    SlotFree,
    half_label,
    source_label,
    status_label,
    weekday_label,
)
from counter.appointments.status import cancel, mark_no_show, move
from counter.changes import Change
from counter.clock import Clock, local_date
from counter.i18n import _
from counter.intake.catalog import list_departments
from ui.appointments.booking_dialog import BookingDialog
from ui.appointments.move_dialog import MoveDialog
from ui.common import op
from ui.common.actions import action_row
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.reason_dialog import WriteWithReason
from ui.common.screen import ScreenDefaults

COLUMNS = (
    lambda: _("预约单号"),
    lambda: _("客户"),
    lambda: _("器具"),
    lambda: _("台件"),
    lambda: _("状态"),
    lambda: _("来源"),
    lambda: _("联系电话"),
)
FREE_COLOUR, FULL_COLOUR, SHUT_COLOUR = QColor("#e6f4ea"), QColor("#fde2e1"), QColor("#eeeeee")


class AppointmentsScreen(ScreenDefaults, QWidget):
    shows = Change.APPOINTMENTS | Change.CALENDAR | Change.ORDERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.dialog: QDialog | None = None
        self.slots: list[SlotFree] = []
        self.shown: list[AppointmentView] = []
        self.department = QComboBox(self)
        for department_id, name in (
            op.read(self, lambda s: [(d.id, d.name) for d in list_departments(s)]) or []
        ):
            self.department.addItem(name, department_id)
        self.start = QDateEdit(self)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        today = self.today()
        self.start.setDate(QDate(today.year, today.month, today.day))
        self.span = QComboBox(self)
        self.span.addItem(_("一周"), 7)
        self.span.addItem(_("一天"), 1)
        top = QHBoxLayout()
        for label, widget in (
            (_("科室(&D)"), self.department),
            (_("自(&F)"), self.start),
            (_("范围"), self.span),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        self.grid = QTableWidget(len(HALVES), 7, self)
        self.grid.setVerticalHeaderLabels([half_label(h) for h in HALVES])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setMaximumHeight(120)
        self.grid.currentCellChanged.connect(lambda *_args: self.show_slot())
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([c() for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons, self.buttons = action_row(
            self,
            (
                ("book", _("新预约…"), "Ctrl+N", self.new_booking),
                ("move", _("改期…"), "Ctrl+M", self.move_appointment),
                ("cancel", _("取消预约…"), "Ctrl+Delete", self.cancel),
                ("no_show", _("标记未到…"), "Ctrl+U", self.no_show),
                ("slip", _("预约单…"), "Ctrl+P", self.print_slip),
                ("remind", _("起草明日提醒"), "Ctrl+R", self.remind),
                ("refresh", _("刷新"), "F5", self.refresh),
            ),
        )
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.department.currentIndexChanged.connect(self.refresh)
        self.start.dateChanged.connect(self.refresh)
        self.span.currentIndexChanged.connect(self.refresh)
        self.watch_changes(ctx)
        self.refresh()

    def today(self) -> dt.date:
        return local_date(self.ctx.clock.now())

    def focus_first(self) -> None:
        self.grid.setFocus()

    def period(self) -> tuple[dt.date, dt.date]:
        d = self.start.date()
        start = dt.date(d.year(), d.month(), d.day())
        return start, start + dt.timedelta(days=int(self.span.currentData()) - 1)

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        department = self.department.currentData()
        if department is None:
            return
        start, end = self.period()
        self.slots = op.read(self, lambda s: free_capacity(s, department, start, end)) or []
        days = sorted({s.day for s in self.slots})
        self.grid.setColumnCount(len(days))
        self.grid.setHorizontalHeaderLabels([f"{d:%m-%d} {weekday_label(d)}" for d in days])
        for slot in self.slots:
            row, column = HALVES.index(slot.half), days.index(slot.day)
            item = QTableWidgetItem(self._cell_text(slot))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setData(Qt.ItemDataRole.UserRole, (slot.day.isoformat(), slot.half))
            shut = not slot.workday or bool(slot.closed_reason)
            colour = SHUT_COLOUR if shut else (FREE_COLOUR if slot.free else FULL_COLOUR)
            item.setBackground(QBrush(colour))
            item.setToolTip(slot.closed_reason or slot.reduced_reason)
            self.grid.setItem(row, column, item)
        if self.grid.currentRow() < 0 and days:
            self.grid.setCurrentCell(0, 0)
        self.show_slot()

    def _cell_text(self, slot: SlotFree) -> str:
        if not slot.workday:
            return _("休息")
        if slot.closed_reason:
            return _("停约")
        return _("已约 {booked} / {cap}").format(booked=slot.booked, cap=slot.capacity)

    def chosen_slot(self) -> tuple[dt.date, str] | None:
        item = self.grid.currentItem()
        if item is None:
            return None
        day, half = item.data(Qt.ItemDataRole.UserRole)
        return dt.date.fromisoformat(day), half

    def show_slot(self) -> None:
        chosen, department = self.chosen_slot(), self.department.currentData()
        if chosen is None or department is None:
            self.shown = []
        else:
            day, half = chosen
            rows = op.read(self, lambda s: list_appointments(s, day, day, department_id=department))
            self.shown = [a for a in rows or [] if a.half == half]
        self.table.setRowCount(len(self.shown))
        for row, a in enumerate(self.shown):
            things = _("、").join(line.name for line in a.lines)
            values = (
                a.number,
                a.customer,
                things,
                str(a.items),
                status_label(a.status),
                source_label(a.source),
                a.contact_phone,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.shown:
            self.table.selectRow(0)

    def current(self) -> AppointmentView | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.shown):
            return self.shown[row]
        self.message.show_error(_("请先选择一个预约"))
        return None

    # -- acting -------------------------------------------------------------------------
    def new_booking(self) -> BookingDialog:
        dialog = BookingDialog(self.ctx, self, source="phone")
        department = self.department.currentData()
        dialog.department.setCurrentIndex(max(0, dialog.department.findData(department)))
        chosen = self.chosen_slot()
        if chosen is not None:
            dialog.set_slot(*chosen)
        self.dialog = dialog
        dialog.open()
        return dialog

    def move_appointment(self) -> None:
        a = self.current()
        if a is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        dialog = MoveDialog(self.ctx, a, self)

        def apply(s: Session, day: dt.date, half: str, reason: str) -> None:
            move(s, actor, clock, a.id, day, half, reason=reason)

        dialog.action = apply
        self.dialog = dialog
        dialog.open()

    def cancel(self) -> None:
        self._with_reason(_("取消预约"), _("取消预约 {number}（{customer}）的原因："), cancel)

    def no_show(self) -> None:
        self._with_reason(_("标记未到"), _("预约 {number}（{customer}）未到，备注："), mark_no_show)

    def _with_reason(
        self, title: str, prompt: str, action: Callable[[Session, Actor, Clock, int, str], object]
    ) -> None:
        """Run `action` on the chosen appointment with the reason the clerk types."""
        a = self.current()
        if a is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        self.dialog = WriteWithReason(
            self.ctx,
            title,
            prompt.format(number=a.number, customer=a.customer),
            lambda s, reason: action(s, actor, clock, a.id, reason),
            Change.APPOINTMENTS,
            self,
        )
        self.dialog.open()

    def print_slip(self) -> None:
        a = self.current()
        if a is None:
            return
        from counter.appointments.documents import slip_pdf
        from ui.common.pdf_preview import PdfPreviewDialog

        pdf = op.read(self, lambda s: slip_pdf(s, a.id))
        if pdf is not None:
            self.dialog = PdfPreviewDialog(
                pdf,
                _("预约单 {number}").format(number=a.number),
                self,
                file_name=f"预约单-{a.number}.pdf",
            )
            self.dialog.open()

    def remind(self) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock
        op.write(
            self,
            lambda s: draft_reminders_for(s, actor, clock),
            Change.MESSAGES | Change.APPOINTMENTS,
            on_success=self._reminded,
        )

    def _reminded(self, result: ReminderResult) -> None:
        text = _("{day}：起草提醒 {n} 条，已有提醒 {already} 个").format(
            day=result.day.isoformat(), n=len(result.drafted), already=result.already
        )
        if result.problems:
            text += "；" + "；".join(result.problems)
        self.message.show_message(text, bool(result.problems))
