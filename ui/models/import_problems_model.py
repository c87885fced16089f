"""Why a certificate import was refused: one row per problem, per file and certificate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.certificate_import import FileProblem
from counter.i18n import _

FILE, CERTIFICATE, NUMBER, FIELD, WHERE, MESSAGE = range(6)
COLUMN_COUNT = 6

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def headers() -> list[str]:
    return [_("文件"), _("第几份"), _("证书编号"), _("字段"), _("位置"), _("问题")]


class ImportProblemsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FileProblem] = []
        self._headers = headers()

    def set_rows(self, rows: Sequence[FileProblem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> FileProblem:
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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _display(row, column)
        if role == ROW_ROLE:
            return row
        return None


def _display(row: FileProblem, column: int) -> str:
    p = row.problem
    if column == FILE:
        return row.file
    if column == CERTIFICATE:
        return str(p.index + 1) if p.index is not None else _("整个文件")
    if column == NUMBER:
        return row.number
    if column == FIELD:
        return p.field
    if column == WHERE:
        if p.line is None:
            return ""
        return _("第 {line} 行第 {column} 列").format(line=p.line, column=p.column)
    return p.message
