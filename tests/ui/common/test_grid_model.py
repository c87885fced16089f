"""Small typed-into tables (`ui.common.grid_model`): rows added and removed, shape, headers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from ui.certificates.rows_model import RowsModel


def test_rows_are_added_typed_into_and_removed(qtmodeltester: ModelTester) -> None:
    model = RowsModel(("quantity", "value"), ["项目", "数值"])
    model.set_values([["温度", "20.1"]])
    qtmodeltester.check(model)
    assert model.add_row() == 1 and model.rowCount() == 2
    assert model.setData(model.index(1, 0), " 湿度 ") and model.setData(model.index(1, 1), "45")
    assert model.flags(model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.values() == [("温度", "20.1"), ("湿度", "45")]
    model.add_row()  # left blank: not read back
    assert model.values() == [("温度", "20.1"), ("湿度", "45")]
    model.remove_row(0)
    model.remove_row(9)  # no such row: nothing happens
    assert model.rowCount() == 2 and model.values() == [("湿度", "45")]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "数值"
    assert model.headerData(0, Qt.Orientation.Vertical) is None  # rows are not numbered here
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(QModelIndex()) == 2
