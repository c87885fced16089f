"""预约容量 (administrator): items per half day for each department (in all, or for one
type), and closed or reduced days — added with a reason, lifted with a reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.appointments.capacity import (
    ClosureRow,
    add_closure,
    lift_closure,
    list_capacities,
    list_closures,
    set_capacity,
)
from counter.appointments.rules.slots import HALVES, half_label
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.intake.catalog import list_departments, list_types
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.reason_dialog import WriteWithReason

#: closures shown: from today on, this many days
SHOWN_DAYS = 366


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class SlotsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.dialog: WriteWithReason[None] | None = None
        self.closures: list[ClosureRow] = []
        self.capacities = _table([_("科室"), _("时段"), _("器具类型"), _("台件/半天")], self)
        self.closure_table = _table(
            [_("日期"), _("科室"), _("时段"), _("容量"), _("原因"), _("状态")], self
        )
        self.department, self.type_combo, self.half = (
            QComboBox(self),
            QComboBox(self),
            QComboBox(self),
        )
        self.items = QSpinBox(self)
        self.items.setRange(0, 100_000)
        for value, text in ((h, half_label(h)) for h in (*HALVES, "day")):
            self.half.addItem(text, value)
        capacity_box = QGroupBox(_("半天容量"), self)
        form = QFormLayout(capacity_box)
        form.addRow(_("科室"), self.department)
        form.addRow(_("时段"), self.half)
        form.addRow(_("器具类型"), self.type_combo)
        form.addRow(_("台件"), self.items)
        set_button = QPushButton(_("设置容量"), capacity_box)
        set_button.clicked.connect(self.set_capacity)
        form.addRow(set_button)
        self.close_department, self.close_half = QComboBox(self), QComboBox(self)
        for value, text in ((h, half_label(h)) for h in ("day", *HALVES)):
            self.close_half.addItem(text, value)
        self.close_day = QDateEdit(self)
        self.close_day.setCalendarPopup(True)
        self.close_day.setDisplayFormat("yyyy-MM-dd")
        today = local_date(ctx.clock.now())
        self.close_day.setDate(QDate(today.year, today.month, today.day))
        self.reduced = QLineEdit(self)
        self.reduced.setPlaceholderText(_("留空为停止预约，填数字为减少后的容量"))
        self.reason = QLineEdit(self)
        closure_box = QGroupBox(_("停约与减量"), self)
        close_form = QFormLayout(closure_box)
        close_form.addRow(_("科室"), self.close_department)
        close_form.addRow(_("日期"), self.close_day)
        close_form.addRow(_("时段"), self.close_half)
        close_form.addRow(_("减少后容量"), self.reduced)
        close_form.addRow(_("原因"), self.reason)
        close_buttons = QHBoxLayout()
        for label, slot in ((_("添加"), self.add_closure), (_("撤销所选…"), self.lift_closure)):
            button = QPushButton(label, closure_box)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            close_buttons.addWidget(button)
        close_form.addRow(close_buttons)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.capacities, 1)
        left.addWidget(capacity_box)
        right.addWidget(self.closure_table, 1)
        right.addWidget(closure_box)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        today = local_date(self.ctx.clock.now())
        end = today + dt.timedelta(days=SHOWN_DAYS)
        loaded = op.read(
            self,
            lambda s: (
                list_departments(s),
                list_types(s),
                list_capacities(s),
                list_closures(s, today, end),
            ),
        )
        if loaded is None:
            return
        departments, types, capacities, self.closures = loaded
        choices = (
            (self.department, [(d.id, d.name) for d in departments]),
            (
                self.close_department,
                [(None, _("全部科室")), *((d.id, d.name) for d in departments)],
            ),
            (self.type_combo, [(0, _("全部类型合计")), *((t.id, t.name) for t in types)]),
        )
        for combo, rows in choices:
            chosen = combo.currentData()
            combo.clear()
            for value, text in rows:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.capacities.setRowCount(len(capacities))
        for row, c in enumerate(capacities):
            values = (
                c.department,
                half_label(c.half),
                c.type_name or _("全部类型合计"),
                str(c.items),
            )
            for column, cell in enumerate(values):
                self.capacities.setItem(row, column, QTableWidgetItem(cell))
        self.closure_table.setRowCount(len(self.closures))
        for row, x in enumerate(self.closures):
            shown = (
                x.day.isoformat(),
                x.department or _("全部科室"),
                half_label(x.half),
                _("停止预约") if x.items is None else str(x.items),
                x.reason,
                _("有效") if x.active else _("已撤销：{reason}").format(reason=x.lifted_reason),
            )
            for column, cell in enumerate(shown):
                item = QTableWidgetItem(cell)
                item.setData(Qt.ItemDataRole.UserRole, x.id)
                self.closure_table.setItem(row, column, item)

    def set_capacity(self) -> None:
        department, half = self.department.currentData(), self.half.currentData()
        type_id, items = int(self.type_combo.currentData() or 0), self.items.value()
        actor, clock = self.ctx.actor, self.ctx.clock
        op.write(
            self,
            lambda s: set_capacity(s, actor, clock, department, half, items, type_id),
            Change.APPOINTMENTS,
        )
        self.refresh()

    def add_closure(self) -> None:
        text = self.reduced.text().strip()
        if text and not text.isdigit():
            self.message.show_error(_("减少后容量须为整数，或留空"))
            return
        items = int(text) if text else None
        department, day, half = (
            self.close_department.currentData(),
            _date(self.close_day),
            self.close_half.currentData(),
        )
        actor, clock, reason = self.ctx.actor, self.ctx.clock, self.reason.text()
        done = op.write(
            self,
            lambda s: add_closure(
                s,
                actor,
                clock,
                department_id=department,
                day=day,
                half=half,
                items=items,
                reason=reason,
            ),
            Change.APPOINTMENTS,
        )
        if done is not None:
            self.reason.clear()
            self.refresh()

    def lift_closure(self) -> None:
        row = self.closure_table.currentRow()
        if not 0 <= row < len(self.closures) or not self.closures[row].active:
            self.message.show_error(_("请先选择一条有效的停约记录"))
            return
        closure_id, actor, clock = self.closures[row].id, self.ctx.actor, self.ctx.clock
        self.dialog = WriteWithReason(
            self.ctx,
            _("撤销停约"),
            _("撤销原因："),
            lambda s, reason: lift_closure(s, actor, clock, closure_id, reason),
            Change.APPOINTMENTS,
            self,
        )
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()
