"""The fee lines of a draft or an issued statement, one row per priced line.

Rows are plain `FeeLineRow`s (a `PricedLine` and where it came from); the
screen replaces them all after every change, so the model never reprices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from counter.billing.rules.lines import total_of
from counter.billing.rules.pricing import PricedLine
from counter.i18n import _
from counter.money import format_yuan
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

ITEM, INSTRUMENT, MODEL, SERIAL, SERVICE, CODE = range(6)
TIER, QUANTITY, UNIT_PRICE, ADDONS, ADJUSTMENTS, AMOUNT = range(6, 12)
COLUMN_COUNT = 12
MONEY = frozenset({UNIT_PRICE, AMOUNT})
Kind: TypeAlias = Literal["item", "extra", "issued"]
_WARNING = QBrush(QColor("#b00020"))


@dataclass(frozen=True)
class FeeLineRow:
    line: PricedLine
    kind: Kind  # a draft item line, a draft extra charge, or a line of an issued statement
    index: int  # position in the draft's item lines or extras (or in the statement)
    change_reason: str = ""  # why the clerk changed the tier or price
    note: str = ""  # what is missing (no fee row found)


def headers() -> list[str]:
    return [
        _("收件编号"),
        _("器具名称"),
        _("型号规格"),
        _("出厂编号"),
        _("服务"),
        _("收费代码"),
        _("等级/范围"),
        _("数量"),
        _("单价"),
        _("加收"),
        _("减免/加收及原因"),
        _("金额"),
    ]


def _signed(fen: int) -> str:
    return ("+" if fen > 0 else "") + format_yuan(fen)


def _native(row: FeeLineRow, column: int) -> Any:
    p = row.line
    values: tuple[Any, ...] = (
        p.item_number,
        p.instrument,
        p.model,
        p.serial,
        p.group,
        p.fee_code,
        " ".join(t for t in (p.tier, p.fee_range) if t),
        p.quantity,
        p.unit_price_fen,
        total_of(p.addons),
        total_of(p.adjustments),
        p.amount_fen,
    )
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: FeeLineRow, column: int) -> str:
    p = row.line
    if column == SERVICE:
        return p.group_label
    if column == CODE:
        if row.note:
            return _("未匹配")
        return p.fee_code + (" *" if row.change_reason else "")
    if column == QUANTITY:
        return f"{p.quantity} {p.unit}".strip()
    if column in MONEY:
        return format_yuan(_native(row, column))
    if column == ADDONS:
        return _("；").join(f"{_signed(a.amount_fen)} {a.reason}" for a in p.addons)
    if column == ADJUSTMENTS:
        return _("；").join(f"{a.reason} {_signed(a.amount_fen)}" for a in p.adjustments)
    value = _native(row, column)
    return value if isinstance(value, str) else str(value)


def _tooltip(row: FeeLineRow, column: int) -> str | None:
    if row.note and column in (CODE, TIER, UNIT_PRICE):
        return row.note
    if row.change_reason and column in (CODE, TIER, UNIT_PRICE):
        return _("人工改动：{reason}").format(reason=row.change_reason)
    if column in (ADDONS, ADJUSTMENTS):
        return _display(row, column).replace(_("；"), "\n") or None
    return None


class FeeLinesModel(RowsTableModel[FeeLineRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: FeeLineRow, column: int) -> str:
        return _display(row, column)

    def sort_value(self, row: FeeLineRow, column: int) -> Any:
        return _native(row, column)

    def other_role(self, row: FeeLineRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY | {QUANTITY}:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.note and column == CODE:
            return _WARNING
        return None
