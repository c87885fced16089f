"""The audit log, newest first, paged by id (`counter.reports.audit_log.list_audit`, `before_id`).

Like the orders list it pages in with `canFetchMore`/`fetchMore` and never
counts the table; the filter (entity key, action prefix) is applied by the
database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from counter.admin.rules.roles import Actor
from counter.errors import CounterError
from counter.reports.audit_export import COLUMN_COUNT, audit_cell, audit_headers
from counter.reports.audit_log import AuditRow, list_audit
from counter.reports.audit_names import codes_named
from counter.session import read
from db.engine import Database
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import Index

PAGE_SIZE = 200

TIME, USER, ACTION, ENTITY, CHANGE, REASON = range(COLUMN_COUNT)


def headers() -> list[str]:
    return audit_headers()


class AuditModel(QAbstractTableModel):
    load_failed = Signal(str)
    rows_loaded = Signal(int)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._database, self._actor, self._page_size = database, actor, page_size
        self._rows: list[AuditRow] = []
        self._entity_key = ""
        self._action_prefix = ""
        self._more = False
        self._headers = headers()

    @property
    def has_more(self) -> bool:
        return self._more

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    @property
    def current_filter(self) -> tuple[str, str]:
        """(entity key, action prefix or name) as last applied."""
        return self._entity_key, self._action_prefix

    def set_filter(self, entity_key: str, action_prefix: str) -> None:
        self._entity_key, self._action_prefix = entity_key.strip(), action_prefix.strip()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        rows = self._page(None)
        # views and testers may ask for more inside endResetModel: offer it only afterwards
        more, self._more = self._more, False
        self._rows = rows
        self.endResetModel()
        self._more = more
        self.rows_loaded.emit(len(self._rows))

    def _page(self, before_id: int | None) -> list[AuditRow]:
        key, prefix, size = self._entity_key, self._action_prefix, self._page_size
        try:
            rows = read(
                self._database,
                lambda s: list_audit(
                    s,
                    self._actor,
                    entity_key=key,
                    action_prefix=prefix,
                    actions=codes_named(prefix),
                    before_id=before_id,
                    limit=size,
                ),
            )
        except CounterError as error:
            self._more = False
            self.load_failed.emit(str(error))
            return []
        self._more = len(rows) == size
        return rows

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._page(self._rows[-1].id)
        more, self._more = self._more, False  # no nested fetch while inserting
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._more = more
        self.rows_loaded.emit(len(self._rows))

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
        if role == Qt.ItemDataRole.ToolTipRole:  # the stored code, for filtering by it
            return (
                f"{_display(row, column)}\n{row.action}"
                if column == ACTION
                else _display(row, column)
            )
        if role == SORT_ROLE:
            natives = (row.id, row.user, row.action, row.entity_key, row.after, row.reason)
            return natives[column] if column < COLUMN_COUNT else None
        if role == ROW_ROLE:
            return row
        return None


def _display(row: AuditRow, column: int) -> str | None:
    return audit_cell(row, column) if 0 <= column < COLUMN_COUNT else None
