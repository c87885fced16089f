"""The audit log, newest first, paged by id (`counter.reports.audit_log.list_audit`, `before_id`).

Like the orders list it pages in as the view scrolls (`ui.common.paging_model`)
and never counts the table; the filter (entity key, action prefix) is applied by
the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.reports.audit_export import COLUMN_COUNT, audit_cell, audit_headers
from counter.reports.audit_log import AuditRow, list_audit
from counter.reports.audit_names import codes_named
from db.engine import Database
from ui.common.paging_model import PAGE_SIZE, PagingTableModel
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE

TIME, USER, ACTION, ENTITY, CHANGE, REASON = range(COLUMN_COUNT)


def headers() -> list[str]:
    return audit_headers()


class AuditModel(PagingTableModel[AuditRow]):
    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(database, headers(), parent, page_size)
        self._actor = actor
        self._entity_key = ""
        self._action_prefix = ""

    @property
    def current_filter(self) -> tuple[str, str]:
        """(entity key, action prefix or name) as last applied."""
        return self._entity_key, self._action_prefix

    def set_filter(self, entity_key: str, action_prefix: str) -> None:
        self._entity_key, self._action_prefix = entity_key.strip(), action_prefix.strip()
        self.reload()

    def query(self, session: Session, after: AuditRow | None, limit: int) -> list[AuditRow]:
        prefix = self._action_prefix
        return list_audit(
            session,
            self._actor,
            entity_key=self._entity_key,
            action_prefix=prefix,
            actions=codes_named(prefix),
            before_id=after.id if after else None,
            limit=limit,
        )

    def display(self, row: AuditRow, column: int) -> str:
        return audit_cell(row, column)

    def sort_value(self, row: AuditRow, column: int) -> Any:
        return (row.id, row.user, row.action, row.entity_key, row.after, row.reason)[column]

    def other_role(self, row: AuditRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        shown = self.display(row, column)  # the action's tooltip adds its stored code
        return f"{shown}\n{row.action}" if column == ACTION else shown
