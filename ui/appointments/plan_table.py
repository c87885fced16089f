"""The automatic plan's two lists: placements (with the explanation of each) and what
could not be placed (with the reason)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from counter.appointments.rules.plan_model import Placement, Unplaced
from counter.i18n import _
from ui.common.table_model import RowsTableModel

SLOT, DEPARTMENT, CUSTOMER, ITEMS, WHY, PINNED = range(6)


class PlacementsModel(RowsTableModel[Placement]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([_("时段"), _("科室"), _("客户"), _("台件"), _("说明"), _("固定")], parent)

    def display(self, row: Placement, column: int) -> Any:
        if column == SLOT:
            return row.slot.label()
        if column == DEPARTMENT:
            return row.slot.department
        if column == CUSTOMER:
            return row.visit.name
        if column == ITEMS:
            return row.visit.size
        if column == WHY:
            return row.explanation.text()
        return _("是") if row.explanation.fixed else ""

    def sort_value(self, row: Placement, column: int) -> Any:
        if column == SLOT:
            return (row.slot.day.toordinal(), row.slot.half)
        return self.display(row, column)


class UnplacedModel(RowsTableModel[Unplaced]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([_("客户"), _("科室"), _("台件"), _("原因")], parent)

    def display(self, row: Unplaced, column: int) -> Any:
        return (row.visit.name, row.visit.department, row.visit.size, row.text())[column]
