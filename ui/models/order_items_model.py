"""One order as the order dialog shows it: a header and its items.

`load_order_view` reads the order with its items, instrument types,
departments and people in a fixed number of queries and returns plain frozen
dataclasses, so the dialog never touches a closed session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.clock import CHINA_TZ
from counter.errors import NotFound
from counter.i18n import _
from counter.intake import service_label, urgency_label
from counter.lifecycle import ItemStatus, status_label
from counter.settings import load_settings
from db.models import Item, Order, User

NUMBER, INSTRUMENT, DEPARTMENT, MODEL, SERIAL, SERVICE = range(6)
COMPULSORY, URGENCY, PROMISED, STATUS, REASON = range(6, 11)
COLUMN_COUNT = 11

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ItemRow:
    id: int
    number: str
    instrument: str
    department: str
    model: str
    serial: str
    service: str
    compulsory: bool
    urgency: str
    promised_date: dt.date
    status: ItemStatus
    reason: str  # void reason, or the reason of the hold / return


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    customer: str
    received_at: dt.datetime
    clerk: str
    channel: str
    contact_name: str
    contact_phone: str
    note: str
    status: ItemStatus
    voided_at: dt.datetime | None
    voided_by: str
    void_reason: str
    items: tuple[ItemRow, ...]
    label_printer: str  # "" when labels only print as PDF


def local_text(moment: dt.datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def load_order_view(session: Session, order_id: int) -> OrderView:
    order = session.scalar(
        select(Order)
        .where(Order.id == order_id)
        .options(
            selectinload(Order.customer),
            selectinload(Order.received_by),
            selectinload(Order.items).selectinload(Item.instrument_type),
            selectinload(Order.items).selectinload(Item.department),
        )
    )
    if order is None:
        raise NotFound(_("委托单不存在"))
    voided_by = session.get(User, order.voided_by_id) if order.voided_by_id else None
    items = tuple(
        ItemRow(
            i.id,
            i.number,
            i.instrument_type.name,
            i.department.name,
            i.model,
            i.serial,
            i.service,
            i.compulsory,
            i.urgency,
            i.promised_date,
            ItemStatus(i.status),
            i.void_reason or i.status_reason,
        )
        for i in order.items
    )
    return OrderView(
        order.id,
        order.number,
        order.customer.name,
        order.received_at,
        order.received_by.full_name,
        order.channel,
        order.contact_name,
        order.contact_phone,
        order.note,
        ItemStatus(order.status),
        order.voided_at,
        voided_by.full_name if voided_by else "",
        order.void_reason,
        items,
        load_settings(session).label_printer,
    )


def headers() -> list[str]:
    return [
        _("收件编号"),
        _("器具名称"),
        _("科室"),
        _("型号规格"),
        _("出厂编号"),
        _("服务"),
        _("强检"),
        _("加急"),
        _("约定日期"),
        _("状态"),
        _("原因"),
    ]


class OrderItemsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ItemRow, ...] = ()
        self._headers = headers()

    def set_rows(self, rows: tuple[ItemRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> ItemRow:
        return self._rows[row]

    def row_of(self, item_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == item_id), -1)

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
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == SORT_ROLE:
            return _native(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == REASON:
            return row.reason or None
        if role == Qt.ItemDataRole.ForegroundRole and row.status is ItemStatus.VOIDED:
            return Qt.GlobalColor.gray
        return None


def _native(row: ItemRow, column: int) -> Any:
    values = (
        row.number,
        row.instrument,
        row.department,
        row.model,
        row.serial,
        row.service,
        row.compulsory,
        row.urgency,
        row.promised_date,
        row.status.value,
        row.reason,
    )
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: ItemRow, column: int) -> str | None:
    if column == SERVICE:
        return service_label(row.service)
    if column == COMPULSORY:
        return _("是") if row.compulsory else _("否")
    if column == URGENCY:
        return urgency_label(row.urgency)
    if column == PROMISED:
        return row.promised_date.isoformat()
    if column == STATUS:
        return status_label(row.status)
    value = _native(row, column)
    return value if isinstance(value, str) else None
