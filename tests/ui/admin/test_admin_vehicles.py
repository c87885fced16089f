"""The administrator adds a test-weight truck, changes its capacity, and takes it out of use
with a reason (nothing is deleted); a clerk cannot change vehicles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditEntry
from db.models_onsite import Vehicle
from tests.conftest import Counter
from tests.ui.conftest import make_ctx
from ui.onsite.admin_vehicles import VehiclesTab


def _cell(tab: VehiclesTab, row: int, column: int) -> str:
    item = tab.table.item(row, column)
    return item.text() if item is not None else ""


def test_add_edit_and_deactivate_a_vehicle(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = VehiclesTab(make_ctx(c, c.admin))
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 0
    tab.plate.setText("鲁p·j0001")
    tab.kind.setCurrentText("检衡车")
    tab.capacity.setValue(6)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.message.is_error, tab.message.text()
    assert tab.table.rowCount() == 1
    assert [_cell(tab, 0, k) for k in range(4)] == ["鲁P·J0001", "检衡车", "6", "在用"]

    tab.clear_form()  # a second one, then the same plate again is refused
    tab.plate.setText("鲁P·J0002")
    tab.kind.setCurrentText("吊车")  # a kind not offered: stored as typed
    tab.save()
    tab.clear_form()
    tab.plate.setText("鲁P·J0001")
    tab.save()
    assert tab.message.is_error and "已存在" in tab.message.text()
    assert tab.table.rowCount() == 2

    tab.select_plate("鲁P·J0001")  # edit: capacity, then out of use
    assert tab.plate.text() == "鲁P·J0001" and tab.capacity.value() == 6
    tab.capacity.setValue(8)
    tab.active.setChecked(False)
    tab.save()
    assert tab.message.is_error and "原因" in tab.message.text()  # a reason is needed
    tab.note.setText("送修，暂停使用")
    tab.save()
    assert not tab.message.is_error, tab.message.text()
    row = [_cell(tab, r, 0) for r in range(tab.table.rowCount())].index("鲁P·J0001")
    assert _cell(tab, row, 2) == "8" and _cell(tab, row, 3) == "已停用"
    with c.db.session() as s:
        trucks = {
            v.plate: (v.kind, v.active, v.capacity_per_day) for v in s.scalars(select(Vehicle))
        }
        # kept, not deleted
        assert trucks == {"鲁P·J0001": ("检衡车", False, 8), "鲁P·J0002": ("吊车", True, 8)}
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "vehicle")))
        assert actions.count("vehicle.create") == 2 and "vehicle.update" in actions


def test_a_clerk_cannot_change_vehicles(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = VehiclesTab(make_ctx(c, c.clerk))
    qtbot.addWidget(tab)
    tab.plate.setText("鲁P·J0003")
    tab.save()
    assert tab.message.is_error and tab.table.rowCount() == 0
