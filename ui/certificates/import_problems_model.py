"""Why a certificate import was refused: one row per problem, per file and certificate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.certificates.imports import FileProblem
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

FILE, CERTIFICATE, NUMBER, FIELD, WHERE, MESSAGE = range(6)
COLUMN_COUNT = 6


def headers() -> list[str]:
    return [_("文件"), _("第几份"), _("证书编号"), _("字段"), _("位置"), _("问题")]


class ImportProblemsModel(RowsTableModel[FileProblem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: FileProblem, column: int) -> str:
        return _display(row, column)

    def other_role(self, row: FileProblem, column: int, role: int) -> Any:
        return _display(row, column) if role == Qt.ItemDataRole.ToolTipRole else None


def _display(row: FileProblem, column: int) -> str:
    p = row.problem
    if column == FILE:
        return row.file
    if column == CERTIFICATE:
        return str(p.index + 1) if p.index is not None else _("整个文件")
    if column == NUMBER:
        return row.number
    if column == FIELD:
        return p.field
    if column == WHERE:
        if p.line is None:
            return ""
        return _("第 {line} 行第 {column} 列").format(line=p.line, column=p.column)
    return p.message
