"""The return desk's lists (ready by customer, overdue, returned unprocessed, parcels).

Each list is small (what waits today), so all rows are loaded; one model class takes
its columns as (header, display, native value) so the four lists share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.lifecycle import status_label
from counter.release import OverdueRow, ReadyGroup

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    native: Callable[[Any], Any]
    display: Callable[[Any], str] | None = None


def when(moment: dt.datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(row) if column.display else str(column.native(row))
        if role == SORT_ROLE:
            return column.native(row)
        if role == ROW_ROLE:
            return row
        return None


def ready_columns() -> list[Column]:
    def fees(g: ReadyGroup) -> str:
        if not g.unpaid:
            return _("已结清")
        return _("记账客户，未结") if g.account_customer else _("未结清")

    return [
        Column(_("送检单位"), lambda g: g.customer),
        Column(_("联系人"), lambda g: g.contact),
        Column(_("电话"), lambda g: g.phone),
        Column(_("件数"), lambda g: len(g.items)),
        Column(_("委托单"), lambda g: "、".join(g.orders)),
        Column(_("最早完成"), lambda g: g.since.timestamp(), lambda g: when(g.since)),
        Column(_("费用"), lambda g: bool(g.unpaid), fees),
    ]


def overdue_columns() -> list[Column]:
    def kind(r: OverdueRow) -> str:
        return _("超期未完成") if r.kind == "late" else _("完成未取")

    def days(r: OverdueRow) -> str:
        if r.kind == "late":
            return _("超期 {n} 个工作日").format(n=r.days)
        return _("已等 {n} 天").format(n=r.days)

    return [
        Column(_("类别"), lambda r: r.kind, kind),
        Column(_("收件编号"), lambda r: r.item_number),
        Column(_("委托单号"), lambda r: r.order_number),
        Column(_("送检单位"), lambda r: r.customer),
        Column(_("器具名称"), lambda r: r.instrument),
        Column(_("状态"), lambda r: r.status, lambda r: status_label(r.status)),
        Column(_("约定日期"), lambda r: r.promised_date, lambda r: r.promised_date.isoformat()),
        Column(_("天数"), lambda r: r.days, days),
    ]


def unprocessed_columns() -> list[Column]:
    return [
        Column(_("收件编号"), lambda r: r.item_number),
        Column(_("委托单号"), lambda r: r.order_number),
        Column(_("送检单位"), lambda r: r.customer),
        Column(_("器具名称"), lambda r: r.instrument),
        Column(_("原因"), lambda r: r.reason),
        Column(_("告知客户"), lambda r: r.note),
        Column(_("经办人"), lambda r: r.by),
        Column(_("时间"), lambda r: r.at.timestamp(), lambda r: r.at_text),
    ]


def mail_columns() -> list[Column]:
    return [
        Column(_("快递单号"), lambda r: r.tracking_number),
        Column(_("快递公司"), lambda r: r.courier),
        Column(_("交接单号"), lambda r: r.release_number),
        Column(_("送检单位"), lambda r: r.customer),
        Column(_("收件人姓名"), lambda r: r.recipient),
        Column(_("电话"), lambda r: r.phone),
        Column(_("地址"), lambda r: r.address),
        Column(_("寄出时间"), lambda r: r.at.timestamp(), lambda r: when(r.at)),
        Column(_("器具"), lambda r: len(r.item_numbers), lambda r: "、".join(r.item_numbers)),
    ]
