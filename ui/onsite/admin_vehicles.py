"""车辆 (administrator): the institute's vehicles for on-site work (检衡车 and others).

Add or change a vehicle (plate, kind, how many instruments it serves a day, in use);
nothing is deleted — a vehicle is taken out of use, with the reason in its note.
Saved through `counter.onsite.vehicles.save_vehicle`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
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

from counter.changes import Change
from counter.i18n import _
from counter.onsite.vehicles import VehicleForm, list_vehicles, save_vehicle, vehicle_ids
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


def vehicle_headers() -> list[str]:
    return [_("车牌号"), _("车辆类型"), _("每日可检器具数"), _("状态"), _("备注")]


#: the usual kinds, stored in Chinese whatever the language shown; any other may be typed
KINDS = ("检衡车", "工具车", "标准装置车", "面包车")


def kind_label(kind: str) -> str:
    return {
        "检衡车": _("检衡车"),
        "工具车": _("工具车"),
        "标准装置车": _("标准装置车"),
        "面包车": _("面包车"),
    }.get(kind, kind)


class VehiclesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.rows: list[tuple[int, VehicleForm]] = []
        self.editing: int | None = None  # the vehicle id in the form; None = a new one
        self.table = QTableWidget(0, len(vehicle_headers()), self)
        self.table.setHorizontalHeaderLabels(vehicle_headers())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._fill_form())
        self.plate = QLineEdit(self)
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(1, 1000)
        self.capacity.setValue(8)
        self.active = QCheckBox(_("在用"), self)
        self.active.setChecked(True)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("停用时请写明原因"))
        form = QFormLayout()
        form.addRow(_("车牌号"), self.plate)
        form.addRow(_("车辆类型"), self.kind)
        form.addRow(_("每日可检器具数"), self.capacity)
        form.addRow("", self.active)
        form.addRow(_("备注"), self.note)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("新增车辆"), self)
        self.new_button.clicked.connect(self.clear_form)
        self.save_button = QPushButton(_("保存车辆"), self)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        loaded = op.read(self, lambda s: (list_vehicles(s), vehicle_ids(s)))
        if loaded is None:
            return
        forms, ids = loaded
        self.rows = [(ids[f.plate], f) for f in forms]
        self.table.setRowCount(len(self.rows))
        for r, (_vid, f) in enumerate(self.rows):
            state = _("在用") if f.active else _("已停用")
            values = (f.plate, kind_label(f.kind), str(f.capacity_per_day), state, f.note)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def select_plate(self, plate: str) -> None:
        for r, (_vid, f) in enumerate(self.rows):
            if f.plate == plate:
                self.table.selectRow(r)
                self.table.setCurrentCell(r, 0)

    def _fill_form(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self.editing, f = self.rows[row]
        self.plate.setText(f.plate)
        self.kind.setCurrentText(kind_label(f.kind))
        self.capacity.setValue(f.capacity_per_day)
        self.active.setChecked(f.active)
        self.note.setText(f.note)

    def clear_form(self) -> None:
        self.table.clearSelection()
        self.editing = None
        self.plate.clear()
        self.kind.setCurrentIndex(0)
        self.capacity.setValue(8)
        self.active.setChecked(True)
        self.note.clear()
        self.plate.setFocus()

    def save(self) -> None:
        shown = self.kind.findText(self.kind.currentText())
        kind = self.kind.itemData(shown) if shown >= 0 else self.kind.currentText()
        form = VehicleForm(
            self.plate.text(),
            kind or self.kind.currentText(),
            self.capacity.value(),
            self.active.isChecked(),
            self.note.text(),
        )
        was_active = next((f.active for vid, f in self.rows if vid == self.editing), True)
        if was_active and not form.active and not form.note.strip():
            self.message.show_error(_("停用车辆请在备注中写明原因"))
            return
        actor, clock, vehicle_id = self.ctx.actor, self.ctx.clock, self.editing
        saved = op.write(
            self,
            lambda s: save_vehicle(s, actor, clock, form, vehicle_id).plate,
            Change.ONSITE,
        )
        if saved is None:
            return
        self.refresh()
        self.select_plate(saved)
        self.message.show_info(_("车辆 {plate} 已保存").format(plate=saved))
