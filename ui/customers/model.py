"""Customer search results for the intake screen's picker (read-only)."""

from __future__ import annotations

from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from counter.customers.records import CustomerHit
from counter.i18n import _

Index: TypeAlias = QModelIndex | QPersistentModelIndex


class CustomersModel(QAbstractTableModel):
    NAME, CREDIT_CODE, CONTACT, PHONE, ADDRESS = range(5)
    COLUMN_COUNT = 5
    RowRole = Qt.ItemDataRole.UserRole + 1  # the CustomerHit
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[CustomerHit] = []

    def set_hits(self, hits: list[CustomerHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> CustomerHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMN_COUNT:
            return None
        return (_("客户名称"), _("统一社会信用代码"), _("联系人"), _("电话"), _("地址"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == self.RowRole:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, self.SortRole, Qt.ItemDataRole.ToolTipRole):
            value = (hit.name, hit.credit_code, hit.contact_name, hit.phone, hit.address)[
                index.column()
            ]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == self.NAME:
                return hit.name + (_("（记账）") if hit.account_customer else "")
            return value
        return None
