"""Signing authorisations (`counter.certificate_lookups.list_authorisations`), all loaded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from counter.certificate_lookups import AuthorisationRow, role_label
from counter.i18n import _

PERSON, TYPE, ROLE, CERTIFICATE_NO, VALID_UNTIL, STATE = range(6)
COLUMN_COUNT = 6

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def headers() -> list[str]:
    return [_("人员"), _("器具名称"), _("签字角色"), _("证号"), _("有效期至"), _("状态")]


class AuthorisationsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuthorisationRow] = []
        self._headers = headers()

    def set_rows(self, rows: Sequence[AuthorisationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AuthorisationRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            return row.valid_until.toordinal() if column == VALID_UNTIL else _display(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column == STATE and not row.active:
            return row.revoked_reason or None
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor(Qt.GlobalColor.gray)
        return None


def _display(row: AuthorisationRow, column: int) -> str:
    if column == PERSON:
        return f"{row.full_name}（{row.username}）"
    if column == TYPE:
        return row.instrument_type
    if column == ROLE:
        return role_label(row.role)
    if column == CERTIFICATE_NO:
        return row.certificate_no
    if column == VALID_UNTIL:
        return row.valid_until.isoformat()
    return _("有效") if row.active else _("已撤销")
