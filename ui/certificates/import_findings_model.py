"""After an import: each saved certificate's blocking defects (number, code, message)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from counter.certificates.rules import Defect
from counter.certificates.service import SavedCertificate
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

NUMBER, CODE, MESSAGE = range(3)

Finding = tuple[str, Defect]


def blocking_findings(saved: tuple[SavedCertificate, ...]) -> list[Finding]:
    return [(s.number, d) for s in saved for d in s.defects if d.blocking]


class ImportFindingsModel(RowsTableModel[Finding]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([_("证书编号"), _("代码"), _("阻断性缺陷")], parent)

    def display(self, row: Finding, column: int) -> str:
        number, defect = row
        return (number, defect.code, defect.message)[column]
