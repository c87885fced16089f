"""The administrator sets a department's capacity, closes a day, and adds a catalogue line;
the classification table and the catalogue come out as PDF and XLSX."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from counter.appointments.capacity import free_capacity
from counter.appointments.documents import classification_document
from counter.appointments.sectors import catalogue
from tests.conftest import Counter
from tests.counter.appointments.appt_world import TUESDAY, department_id
from tests.ui.archive.recall_world import host
from tests.ui.conftest import make_ctx
from ui.appointments.admin_catalogue import CatalogueTab
from ui.appointments.admin_slots import SlotsTab


def test_capacity_closures_and_catalogue_from_the_admin_pages(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    slots = SlotsTab(make_ctx(c, c.admin))
    host(qtbot, slots)
    with c.db.session() as s:
        weighing = department_id(s)
    slots.department.setCurrentIndex(slots.department.findData(weighing))
    slots.half.setCurrentIndex(slots.half.findData("day"))
    slots.items.setValue(6)
    slots.set_capacity()
    assert slots.capacities.rowCount() == 2
    slots.close_department.setCurrentIndex(slots.close_department.findData(weighing))
    slots.close_day.setDate(QDate(TUESDAY.year, TUESDAY.month, TUESDAY.day))
    slots.close_half.setCurrentIndex(slots.close_half.findData("pm"))
    slots.reduced.setText("2")
    slots.add_closure()
    assert "原因" in slots.message.text()  # no reason: refused, kept
    slots.reason.setText("计量比对")
    slots.add_closure()
    assert slots.closure_table.rowCount() == 1
    with c.db.session() as s:
        assert [(x.capacity, x.free) for x in free_capacity(s, weighing, TUESDAY, TUESDAY)] == [
            (6, 6),
            (2, 2),
        ]

    tab = CatalogueTab(make_ctx(c, c.admin))
    host(qtbot, tab)
    tab.sector.setCurrentIndex(tab.sector.findText("加油站"))
    tab.type_combo.setCurrentIndex(tab.type_combo.findText("燃油加油机"))
    tab.department.setCurrentIndex(tab.department.findText("衡器"))
    tab.segments.setText("每周三全天")
    tab.contact.setText("王工")
    tab.save_line()
    cell = tab.table.item(0, 3)
    assert tab.table.rowCount() == 1 and cell is not None and cell.text() == "每周三全天"
    with c.db.session() as s:
        assert [(x.sector, x.type_name) for x in catalogue(s)] == [("加油站", "燃油加油机")]
    out = tmp_path / "目录.xlsx"
    tab.export_xlsx(str(out))
    assert out.stat().st_size > 0
    tab.preview_pdf(classification_document)
    assert tab.preview is not None


def test_the_customer_file_keeps_appointment_preferences(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    from counter.appointments.prefs import customer_preferences
    from tests.ui.archive.file_helpers import open_file

    c = sqlite_counter
    dialog = open_file(qtbot, c).edit_preferences()
    qtbot.addWidget(dialog)
    dialog.days[1].setChecked(True)  # Tuesday
    dialog.days[3].setChecked(True)  # Thursday
    dialog.half.setCurrentIndex(dialog.half.findData("am"))
    dialog.save()
    assert dialog.message.text() == "已保存预约偏好"
    dialog.first.setDate(QDate(2027, 5, 1))
    dialog.last.setDate(QDate(2027, 4, 1))
    dialog.block()
    assert "结束日期不能早于开始日期" in dialog.message.text()
    dialog.last.setDate(QDate(2027, 5, 31))
    dialog.reason.setText("收购旺季")
    dialog.block()
    assert dialog.blocked.count() == 1
    with c.db.session() as s:
        prefs = customer_preferences(s)[c.customer_id]
    assert (prefs.weekdays, prefs.half, len(prefs.blocked)) == (frozenset({2, 4}), "am", 1)
    dialog.blocked.setCurrentRow(0)
    dialog.unblock()
    assert dialog.blocked.count() == 0
