"""The return desk's lists (ready by customer, overdue, returned unprocessed, parcels).

Each list is small (what waits today), so all rows are loaded; one model class takes
its columns as (header, display, native value) so the four lists share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake.rules.lifecycle import status_label
from counter.release import OverdueRow, ReadyGroup
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel


@dataclass(frozen=True)
class Column:
    header: str
    native: Callable[[Any], Any]
    display: Callable[[Any], str] | None = None


def when(moment: dt.datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


class RowsModel(RowsTableModel[Any]):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__([c.header for c in columns], parent)
        self.columns = tuple(columns)

    def display(self, row: Any, column: int) -> str:
        col = self.columns[column]
        return col.display(row) if col.display else str(col.native(row))

    def sort_value(self, row: Any, column: int) -> Any:
        return self.columns[column].native(row)

    def other_role(self, row: Any, column: int, role: int) -> Any:
        return self.display(row, column) if role == Qt.ItemDataRole.ToolTipRole else None


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
