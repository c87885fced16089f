"""Signing authorisations (`counter.certificates.lookups.list_authorisations`), all loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from counter.certificates.lookups import AuthorisationRow, role_label
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

PERSON, TYPE, ROLE, CERTIFICATE_NO, VALID_UNTIL, STATE = range(6)
COLUMN_COUNT = 6


def headers() -> list[str]:
    return [_("人员"), _("器具名称"), _("签字角色"), _("证号"), _("有效期至"), _("状态")]


class AuthorisationsModel(RowsTableModel[AuthorisationRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: AuthorisationRow, column: int) -> str:
        return _display(row, column)

    def sort_value(self, row: AuthorisationRow, column: int) -> Any:
        return row.valid_until.toordinal() if column == VALID_UNTIL else _display(row, column)

    def other_role(self, row: AuthorisationRow, column: int, role: int) -> Any:
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
