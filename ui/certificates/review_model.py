"""The final-check queue (`counter.certificates.review.review_queue`), all rows loaded.

The queue is what waits today, so it is small: a `QSortFilterProxyModel` on
`SORT_ROLE` sorts it in the view.  Rows with a blocking defect still open are shown
in dark red so the supervisor sees at a glance which ones cannot pass yet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from counter.certificates.review import ReviewRow
from counter.certificates.rules import TYPE_TITLES, CertType
from counter.clock import CHINA_TZ
from counter.i18n import _, language
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

NUMBER, TYPE, ITEM, INSTRUMENT, CUSTOMER, VERIFIER, SUBMITTED, BLOCKING, WARNINGS = range(9)
COLUMN_COUNT = 9


def type_title(kind: str) -> str:
    zh, en = TYPE_TITLES[CertType(kind)]
    return en if language() == "en" else zh


def headers() -> list[str]:
    return [
        _("证书编号"), _("证书类型"), _("收件编号"), _("器具名称"), _("送检单位"), _("检定员"),
        _("提交时间"), _("阻断性缺陷"), _("提示"),
    ]  # fmt: skip


class ReviewQueueModel(RowsTableModel[ReviewRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def row_of(self, certificate_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == certificate_id), -1)

    def display(self, row: ReviewRow, column: int) -> str | None:
        return _display(row, column)

    def sort_value(self, row: ReviewRow, column: int) -> Any:
        return _native(row, column)

    def other_role(self, row: ReviewRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.open_blocking:
            return QColor(Qt.GlobalColor.darkRed)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (BLOCKING, WARNINGS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == BLOCKING and row.overridden:
            return _("其中 {n} 项已写明放行理由").format(n=row.overridden)
        return None


def _native(row: ReviewRow, column: int) -> Any:
    values = (
        row.number, row.type, row.item_number, row.instrument, row.customer, row.verifier,
        row.submitted_at.timestamp(), row.open_blocking, row.warnings,
    )  # fmt: skip
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: ReviewRow, column: int) -> str | None:
    if column == TYPE:
        return type_title(row.type)
    if column == SUBMITTED:
        return row.submitted_at.astimezone(CHINA_TZ).strftime("%m-%d %H:%M")
    if column == BLOCKING:
        if row.overridden:
            return f"{row.open_blocking} (+{row.overridden})"
        return str(row.blocking)
    value = _native(row, column)
    return str(value) if value is not None else None
