"""Users for the administrator (`counter.admin.users.list_user_rows`), all rows loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.admin.rules.roles import Role, role_label
from counter.admin.users import UserRow
from counter.clock import CHINA_TZ
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

USERNAME, FULL_NAME, ROLES, ACTIVE, CREATED = range(5)
COLUMN_COUNT = 5


def roles_text(roles: frozenset[Role]) -> str:
    return _("、").join(role_label(r) for r in Role if r in roles)


def headers() -> list[str]:
    return [_("用户名"), _("姓名"), _("角色"), _("状态"), _("创建时间")]


class UsersModel(RowsTableModel[UserRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def row_of(self, user_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == user_id), -1)

    def display(self, row: UserRow, column: int) -> str | None:
        return self._display(row, column)

    def sort_value(self, row: UserRow, column: int) -> Any:
        values = (row.username, row.full_name, ",".join(sorted(row.roles)), row.active)
        return values[column] if column < CREATED else row.created_at.timestamp()

    def other_role(self, row: UserRow, column: int, role: int) -> Any:
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
