"""Users for the administrator (`counter.users.list_user_rows`), all rows loaded."""

from __future__ import annotations

from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.auth import Role, role_label
from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.users import UserRow

USERNAME, FULL_NAME, ROLES, ACTIVE, CREATED = range(5)
COLUMN_COUNT = 5

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def roles_text(roles: frozenset[Role]) -> str:
    return _("、").join(role_label(r) for r in Role if r in roles)


def headers() -> list[str]:
    return [_("用户名"), _("姓名"), _("角色"), _("状态"), _("创建时间")]


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UserRow] = []
        self._headers = headers()

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> UserRow:
        return self._rows[row]

    def row_of(self, user_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == user_id), -1)

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
            return self._display(row, column)
        if role == SORT_ROLE:
            values = (row.username, row.full_name, ",".join(sorted(row.roles)), row.active)
            return values[column] if column < CREATED else row.created_at.timestamp()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return Qt.GlobalColor.gray
        return None

    @staticmethod
    def _display(row: UserRow, column: int) -> str | None:
        if column == USERNAME:
            return row.username
        if column == FULL_NAME:
            return row.full_name
        if column == ROLES:
            return roles_text(row.roles)
        if column == ACTIVE:
            return _("启用") if row.active else _("已停用")
        if column == CREATED:
            return row.created_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d")
        return None
