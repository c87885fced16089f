"""The tables of a customer's file: one column list per part, read-only.

Each part of `counter.archive.customer_file.CustomerFile` is shown by a
`PartModel` built from (heading, cell text, sort value) columns.  The ledger's
rows are coloured by where they stand: overdue red, due soon amber, never
verified purple, out of use grey.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from counter.archive.customer_file import (
    CertificateRow,
    CustomerHead,
    LedgerRow,
    MessageRow,
    NoteRow,
    OrderRow,
    PaymentRow,
    StatementRow,
)
from counter.archive.rules.due import DueState, due_state_label, status_label
from counter.archive.rules.messages import channel_label, kind_label
from counter.archive.rules.messages import status_label as message_status_label
from counter.billing.rules.payments import PAYMENT_METHODS, method_label
from counter.certificates.store import cert_status_label
from counter.clock import CHINA_TZ
from counter.customers.records import kind_label as customer_kind_label
from counter.i18n import _
from counter.intake.receive import channel_label as order_channel_label
from counter.intake.rules.lifecycle import status_label as order_status_label
from counter.money import format_yuan
from ui.common.table_model import RowsTableModel

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Column(Generic[RowT]):
    heading: str
    text: Callable[[RowT], str]
    sort: Callable[[RowT], Any] | None = None  # default: the text
    right: bool = False  # numbers: aligned right


class PartModel(RowsTableModel[RowT]):
    """One part of the file as a table of the given columns."""

    def __init__(self, columns: Sequence[Column[RowT]], parent: QObject | None = None) -> None:
        super().__init__([c.heading for c in columns], parent)
        self.columns = tuple(columns)

    def display(self, row: RowT, column: int) -> str:
        return self.columns[column].text(row)

    def sort_value(self, row: RowT, column: int) -> Any:
        spec = self.columns[column]
        return spec.sort(row) if spec.sort is not None else spec.text(row)

    def other_role(self, row: RowT, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[column].right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[column].text(row) or None
        return None


def safe_file_name(file_name: str) -> str:
    """A file name without the characters Windows refuses."""
    return "".join("_" if c in '\\/:*?"<>|' else c for c in file_name)


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def moment(value: dt.datetime) -> str:
    return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _ordinal(value: dt.date | None) -> int:
    return value.toordinal() if value else 10**7


def table_view(parent: QWidget, model: Any) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableView, widest_em: int = 18) -> None:
    """Columns as wide as their text, none wider than `widest_em` characters."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    widest = table.fontMetrics().horizontalAdvance("中") * widest_em
    for column in range(header.count() - 1):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


def head_html(head: CustomerHead) -> str:
    e = html.escape
    name = f"<b style='font-size: 130%'>{e(head.name)}</b>"
    if head.account_customer:
        name += f" <span style='color:#1a5fb4'>[{e(_('记账客户'))}]</span>"
    if not head.active:
        name += f" <span style='color:#b00020'>[{e(_('已停用'))}]</span>"
    owner = head.owner_department or _("未指定")
    kind = " / ".join(p for p in (customer_kind_label(head.kind), head.sector) if p)
    rows = [
        (_("首问负责部门"), f"<b>{e(owner)}</b>"),
        (_("信用代码"), e(head.credit_code or "—")),
        (_("类型/行业"), e(kind)),
        (_("联系人"), e(head.contact_name or "—")),
        (_("电话"), e(head.phone or "—")),
        (_("电子邮箱"), e(head.email or "—")),
        (_("地址"), e(head.address or "—")),
        (_("行政区划"), e(head.division_code or "—")),
    ]
    if head.note:
        rows.append((_("备注"), e(head.note)))
    cells = [
        f"<tr><td style='color:palette(placeholder-text); padding-right:6px'>{e(label)}</td>"
        f"<td style='padding-right:18px'>{value}</td></tr>"
        for label, value in rows
    ]
    half = (len(cells) + 1) // 2
    left, right = "".join(cells[:half]), "".join(cells[half:])
    return (
        f"{name}<table><tr><td valign='top'><table>{left}</table></td>"
        f"<td valign='top'><table>{right}</table></td></tr></table>"
    )


# --- the ledger -----------------------------------------------------------------------

#: background of a ledger row by its due state (light: the text stays readable)
STATE_COLOURS: dict[DueState, str] = {
    DueState.OVERDUE: "#f8d0d0",
    DueState.ESCALATED: "#f0a8a8",
    DueState.DUE_SOON: "#fbe7b5",
    DueState.NEVER_VERIFIED: "#e6d5f5",
}


def _ledger_columns() -> list[Column[LedgerRow]]:
    return [
        Column(_("器具名称"), lambda r: r.name),
        Column(_("目录器具名称"), lambda r: r.type_name),
        Column(_("出厂编号"), lambda r: r.serial),
        Column(_("型号规格"), lambda r: r.model),
        Column(_("安装/使用地点"), lambda r: r.location),
        Column(_("强检"), lambda r: _("是") if r.compulsory else ""),
        Column(_("状态"), lambda r: status_label(r.status)),
        Column(_("最近检定"), lambda r: day(r.last_verified), lambda r: _ordinal(r.last_verified)),
        Column(_("下次检定"), lambda r: day(r.next_due), lambda r: _ordinal(r.next_due)),
        Column(_("到期情况"), lambda r: due_state_label(r.state)),
    ]


class LedgerModel(PartModel[LedgerRow]):
    DUE = 9

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_ledger_columns(), parent)

    def row_of(self, entry_id: int) -> int:
        return next((n for n, r in enumerate(self.rows()) if r.id == entry_id), -1)

    def other_role(self, row: LedgerRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.state in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[row.state]))
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state is DueState.RESTING:
                return QBrush(QColor("#777777"))
            if row.state in STATE_COLOURS:
                return QBrush(QColor("#000000"))  # on the light background, in any theme
        if role == Qt.ItemDataRole.FontRole and column == self.DUE and row.state in STATE_COLOURS:
            font = QFont()
            font.setBold(True)
            return font
        return super().other_role(row, column, role)


# --- the other parts ---------------------------------------------------------------------


def _method(method: str) -> str:
    known = [m for m in PAYMENT_METHODS if m == method]
    return method_label(known[0]) if known else method


def _verdict(verdict: str) -> str:
    return {"pass": _("合格"), "fail": _("不合格")}.get(verdict, "")


def order_columns() -> list[Column[OrderRow]]:
    return [
        Column(_("委托单号"), lambda r: r.number),
        Column(_("收件时间"), lambda r: moment(r.received_at), lambda r: r.received_at.timestamp()),
        Column(_("方式"), lambda r: order_channel_label(r.channel)),
        Column(_("件数"), lambda r: str(r.item_count), lambda r: r.item_count, right=True),
        Column(_("状态"), lambda r: order_status_label(r.status)),
    ]


def certificate_columns() -> list[Column[CertificateRow]]:
    return [
        Column(_("证书编号"), lambda r: r.number),
        Column(_("收件编号"), lambda r: r.item_number),
        Column(_("器具名称"), lambda r: r.instrument),
        Column(_("状态"), lambda r: cert_status_label(r.status)),
        Column(_("签发日期"), lambda r: day(r.issued), lambda r: _ordinal(r.issued)),
        Column(_("有效期至"), lambda r: day(r.valid_until), lambda r: _ordinal(r.valid_until)),
        Column(_("结论"), lambda r: _verdict(r.verdict)),
    ]


def statement_columns() -> list[Column[StatementRow]]:
    return [
        Column(_("收费清单号"), lambda r: r.number),
        Column(_("开具日期"), lambda r: day(r.issued_on), lambda r: _ordinal(r.issued_on)),
        Column(_("金额"), lambda r: format_yuan(r.total_fen), lambda r: r.total_fen, right=True),
        Column(_("已收"), lambda r: format_yuan(r.paid_fen), lambda r: r.paid_fen, right=True),
        Column(
            _("未收"),
            lambda r: "" if r.voided else format_yuan(r.total_fen - r.paid_fen),
            lambda r: 0 if r.voided else r.total_fen - r.paid_fen,
            right=True,
        ),
        Column(_("作废"), lambda r: _("已作废") if r.voided else ""),
    ]


def payment_columns() -> list[Column[PaymentRow]]:
    return [
        Column(_("收费清单号"), lambda r: r.statement_number),
        Column(_("时间"), lambda r: moment(r.at), lambda r: r.at.timestamp()),
        Column(_("方式"), lambda r: _method(r.method)),
        Column(_("金额"), lambda r: format_yuan(r.amount_fen), lambda r: r.amount_fen, right=True),
        Column(_("交易流水号"), lambda r: r.reference),
    ]


def message_columns() -> list[Column[MessageRow]]:
    return [
        Column(_("时间"), lambda r: moment(r.created_at), lambda r: r.created_at.timestamp()),
        Column(_("消息类型"), lambda r: kind_label(r.kind)),
        Column(_("发送渠道"), lambda r: channel_label(r.channel)),
        Column(_("收件人"), lambda r: r.recipient),
        Column(_("状态"), lambda r: message_status_label(r.status)),
        Column(_("失败原因"), lambda r: r.status_reason),
        Column(_("客户答复"), lambda r: r.answer),
    ]


def note_columns() -> list[Column[NoteRow]]:
    return [
        Column(_("时间"), lambda r: moment(r.at), lambda r: r.at.timestamp()),
        Column(_("记录人"), lambda r: r.author),
        Column(_("置顶"), lambda r: "★" if r.pinned else ""),
        Column(_("内容"), lambda r: r.text),
    ]
