"""The items at the return desk: tick what leaves; ✓ / ✗ and the reason in the clerk's words.

Only an item that may leave can be ticked.  Rows are `counter.release.ReturnLine`;
several orders of the same customer may be shown together (`merge`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from counter.i18n import _
from counter.release import ReturnLine
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import Index, RowsTableModel

TICK, LEAVE, NUMBER, INSTRUMENT, MODEL, SERIAL, CERTIFICATE, STATUS, REASON = range(9)
COLUMN_COUNT = 9


_GREEN = QColor("#1b5e20")
_RED = QColor("#b00020")


def headers() -> list[str]:
    return [
        _("领取"), _("可否领取"), _("收件编号"), _("器具名称"), _("型号规格"), _("出厂编号"),
        _("证书编号"), _("状态"), _("说明"),
    ]  # fmt: skip


class ReturnItemsModel(RowsTableModel[ReturnLine]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)
        self._ticked: set[int] = set()

    # --- rows -----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[ReturnLine], ticked: Iterable[int] | None = None) -> None:
        """Show `rows`; tick `ticked` (default: every item that may leave)."""
        rows = tuple(rows)
        self.beginResetModel()
        self._rows = list(rows)
        chosen = {r.item_id for r in rows if r.can_leave} if ticked is None else set(ticked)
        self._ticked = {r.item_id for r in rows if r.can_leave and r.item_id in chosen}
        self.endResetModel()

    def merge(self, rows: Sequence[ReturnLine]) -> list[int]:
        """Add the rows not shown yet (ticked when they may leave); returns the new item ids."""
        known = {r.item_id for r in self._rows}
        new = [r for r in rows if r.item_id not in known]
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self._ticked.update(r.item_id for r in new if r.can_leave)
            self.endInsertRows()
        return [r.item_id for r in new]

    def clear(self) -> None:
        self.set_rows([])

    def row_of(self, item_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.item_id == item_id), -1)

    def ticked_ids(self) -> list[int]:
        return [r.item_id for r in self._rows if r.item_id in self._ticked]

    def ticked_rows(self) -> list[ReturnLine]:
        return [r for r in self._rows if r.item_id in self._ticked]

    def set_ticked(self, item_id: int, ticked: bool) -> bool:
        row = self.row_of(item_id)
        if row < 0:
            return False
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return self.setData(self.index(row, TICK), state, Qt.ItemDataRole.CheckStateRole)

    def toggle(self, row: int) -> None:
        line = self._rows[row]
        self.set_ticked(line.item_id, line.item_id not in self._ticked)

    # --- Qt -------------------------------------------------------------------------------

    def display(self, row: ReturnLine, column: int) -> str | None:
        return _display(row, column)

    def sort_value(self, row: ReturnLine, column: int) -> Any:
        return _native(row, column, row.item_id in self._ticked)

    def other_role(self, row: ReturnLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == TICK and row.can_leave:
            ticked = row.item_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column in (LEAVE, REASON):
            return _GREEN if row.can_leave else _RED
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LEAVE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (LEAVE, REASON):
            return row.reason
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == TICK and self._rows[index.row()].can_leave:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if index.column() != TICK or not row.can_leave:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(row.item_id)
        else:
            self._ticked.discard(row.item_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def _native(row: ReturnLine, column: int, ticked: bool) -> Any:
    values = (
        ticked, row.can_leave, row.item_number, row.instrument, row.model, row.serial,
        row.certificate_number, row.status_text, row.reason,
    )  # fmt: skip
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: ReturnLine, column: int) -> str | None:
    if column == TICK:
        return None
    if column == LEAVE:
        return "✓" if row.can_leave else "✗"
    value = _native(row, column, False)
    return str(value) if value is not None else None
