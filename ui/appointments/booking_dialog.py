"""预约: book a customer into a department's half-day slot.

Opened from the customer's file (their ledger entries), the due list (the entries due),
or standalone for a phone call (search the customer, then add types and quantities).
The free places of the chosen slot show as the slot changes; a refusal says why in the
dialog's message line and lists the next free slots — double-click one to take it.
After booking, the slip can be previewed and printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter.appointments.booking import Booked, BookingItem, SlotRefused, book
from counter.appointments.capacity import free_capacity
from counter.appointments.documents import slip_pdf
from counter.appointments.queries import ledger_choices
from counter.appointments.rules.slots import HALVES, SlotFree, half_label
from counter.changes import Change
from counter.clock import local_date
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.catalog import list_departments, list_types
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog
from ui.customers.picker import CustomerPicker

DEPARTMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class BookingDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        customer_id: int | None = None,
        customer_name: str = "",
        instrument_ids: Sequence[int] = (),
        source: str = "phone",
    ) -> None:
        super().__init__(parent)
        self.ctx, self.source = ctx, source
        self.customer_id = customer_id
        self.booked: Booked | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle(_("预约送检"))
        self.message = MessageLine(self)
        self.picker: CustomerPicker | None = None
        ids = list(instrument_ids)
        entries = op.read(self, lambda s: ledger_choices(s, ids)) if ids else []
        entries = entries or []
        layout = QVBoxLayout(self)
        if customer_id is None:
            self.picker = CustomerPicker(ctx, self)
            layout.addWidget(self.picker)
        else:
            layout.addWidget(QLabel(_("客户：{name}").format(name=customer_name)))
        form = QFormLayout()
        self.department = QComboBox(self)
        for department_id, name in (
            op.read(self, lambda s: [(d.id, d.name) for d in list_departments(s)]) or []
        ):
            self.department.addItem(name, department_id)
        if entries:
            self.department.setCurrentIndex(
                max(0, self.department.findData(entries[0].department_id))
            )
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        tomorrow = local_date(ctx.clock.now()) + dt.timedelta(days=1)
        self.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.half = QComboBox(self)
        for half in HALVES:
            self.half.addItem(half_label(half), half)
        self.free = QLabel(self)
        form.addRow(_("科室(&D)"), self.department)
        form.addRow(_("日期(&A)"), self.day)
        form.addRow(_("时段(&H)"), self.half)
        form.addRow(_("余量"), self.free)
        layout.addLayout(form)
        self.entries = QListWidget(self)
        for entry in entries:
            item = QListWidgetItem(entry.label)
            item.setData(Qt.ItemDataRole.UserRole, entry.instrument_id)
            item.setData(DEPARTMENT_ROLE, entry.department_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.entries.addItem(item)
        if entries:
            layout.addWidget(QLabel(_("台账器具（勾选要预约的）")))
            layout.addWidget(self.entries)
        else:
            self.entries.hide()
        types_row = QHBoxLayout()
        self.type_combo = QComboBox(self)
        self.type_combo.addItem(_("（不按类型添加）"), 0)
        for info in op.read(self, list_types) or []:
            self.type_combo.addItem(info.name, info.id)
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 999)
        types_row.addWidget(QLabel(_("器具类型(&T)")))
        types_row.addWidget(self.type_combo, 1)
        types_row.addWidget(QLabel(_("数量")))
        types_row.addWidget(self.quantity)
        layout.addLayout(types_row)
        self.wait = QCheckBox(_("随送随检随取（当天取回）"), self)
        layout.addWidget(self.wait)
        self.offered = QListWidget(self)
        self.offered.itemDoubleClicked.connect(self._take_offered)
        self.offered.hide()
        layout.addWidget(self.offered)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.book_button = buttons.addButton(_("预约(&O)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.slip_button = QPushButton(_("打印预约单(&P)"), self)
        self.slip_button.setEnabled(False)
        buttons.addButton(self.slip_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.book_button.clicked.connect(self.book)
        self.slip_button.clicked.connect(self.print_slip)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.entries.itemChanged.connect(lambda _item: self._follow_entries())
        self.department.currentIndexChanged.connect(self.show_free)
        self.day.dateChanged.connect(self.show_free)
        self.half.currentIndexChanged.connect(self.show_free)
        self.show_free()

    def _follow_entries(self) -> None:
        """The department of the first ticked entry (the one that verifies its type)."""
        for row in range(self.entries.count()):
            item = self.entries.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found = self.department.findData(item.data(DEPARTMENT_ROLE))
                if found >= 0:
                    self.department.setCurrentIndex(found)
                return

    # -- the slot -----------------------------------------------------------------------
    def chosen_day(self) -> dt.date:
        d = self.day.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_slot(self, day: dt.date, half: str) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.half.setCurrentIndex(max(0, self.half.findData(half)))

    def show_free(self) -> None:
        department, day, half = (
            self.department.currentData(),
            self.chosen_day(),
            self.half.currentData(),
        )
        if department is None:
            return
        slots = op.read(self, lambda s: free_capacity(s, department, day, day))
        slot = next((x for x in slots or [] if x.half == half), None)
        if slot is None:
            return
        if not slot.workday:
            self.free.setText(_("非工作日"))
        elif slot.closed_reason:
            self.free.setText(_("停止预约：{reason}").format(reason=slot.closed_reason))
        else:
            self.free.setText(
                _("容量 {cap}，已约 {booked}，余 {free} 台件").format(
                    cap=slot.capacity, booked=slot.booked, free=slot.free
                )
            )

    # -- booking ------------------------------------------------------------------------
    def items(self) -> list[BookingItem]:
        wait = self.wait.isChecked()
        chosen = [
            BookingItem(
                instrument_id=int(self.entries.item(row).data(Qt.ItemDataRole.UserRole)), wait=wait
            )
            for row in range(self.entries.count())
            if self.entries.item(row).checkState() == Qt.CheckState.Checked
        ]
        type_id = self.type_combo.currentData()
        if type_id:
            chosen.append(BookingItem(int(type_id), self.quantity.value(), wait=wait))
        return chosen

    def chosen_customer(self) -> int | None:
        if self.customer_id is not None:
            return self.customer_id
        hit = self.picker.customer if self.picker else None
        return hit.id if hit else None

    def book(self) -> None:
        self.message.clear_message()
        customer_id = self.chosen_customer()
        if customer_id is None:
            self.message.show_error(_("请先选择客户"))
            return
        items, wait = self.items(), self.wait.isChecked()
        department, day, half = (
            self.department.currentData(),
            self.chosen_day(),
            self.half.currentData(),
        )
        actor, clock, source = self.ctx.actor, self.ctx.clock, self.source
        op.write(
            self,
            lambda s: book(
                s,
                actor,
                clock,
                customer_id=customer_id,
                department_id=department,
                day=day,
                half=half,
                items=items,
                source=source,
                wait=wait,
            ),
            Change.APPOINTMENTS | Change.MESSAGES,
            on_success=self._booked,
            on_failure=self._refused,
        )

    def _refused(self, error: CounterError) -> None:
        self.message.show_error(str(error).split("\n")[0])
        self.offered.clear()
        slots: Sequence[SlotFree] = error.next_slots if isinstance(error, SlotRefused) else ()
        for slot in slots:
            item = QListWidgetItem(_("{slot}（余 {n} 台件）").format(slot=slot.text, n=slot.free))
            item.setData(Qt.ItemDataRole.UserRole, (slot.day.isoformat(), slot.half))
            self.offered.addItem(item)
        self.offered.setVisible(bool(slots))
        if slots:
            self.offered.setCurrentRow(0)
            self.offered.setToolTip(_("双击一个时段改用它"))

    def _take_offered(self, item: QListWidgetItem) -> None:
        day, half = item.data(Qt.ItemDataRole.UserRole)
        self.set_slot(dt.date.fromisoformat(day), half)
        self.offered.hide()

    def _booked(self, booked: Booked) -> None:
        self.booked = booked
        self.offered.hide()
        self.book_button.setEnabled(False)
        self.slip_button.setEnabled(True)
        self.message.show_info(
            _("已预约 {number}：{day} {half} {department}，{n} 台件").format(
                number=booked.number,
                day=booked.day.isoformat(),
                half=half_label(booked.half),
                department=booked.department,
                n=booked.items,
            )
        )

    def print_slip(self) -> None:
        if self.booked is None:
            return
        appointment_id, number = self.booked.id, self.booked.number
        pdf = op.read(self, lambda s: slip_pdf(s, appointment_id))
        if pdf is None:
            return
        self.preview = PdfPreviewDialog(
            pdf, _("预约单 {number}").format(number=number), self, file_name=f"预约单-{number}.pdf"
        )
        self.preview.open()
