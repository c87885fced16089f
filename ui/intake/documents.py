"""After a save: the order number in large type, its labels and receipt.

The documents are rendered in the background from a read session opened after
the commit; labels go to the thermal printer when one is configured.  A
printer that does not confirm never touches the saved order: its labels wait in
the reprint list and the panel says so.  With no label printer the panel says
so once and offers the PDF labels on the labels button.  The rendering and
sending jobs belong to the panel (they end with it) and report every failure in
the panel, never as a crash: the order is saved whatever happens to its papers.
Print jobs marked done or failed are announced as `Change.PRINTS`.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget
from sqlalchemy.orm import Session

from counter.admin.settings import label_printer_address, load_settings
from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.receive import SavedOrder
from counter.session import read
from db.engine import Database
from ui.common import op
from ui.common.context import AppContext
from ui.common.messages import ErrorBoxes
from ui.common.worker import Progress, run_in_background

if TYPE_CHECKING:  # the printouts (reportlab) and the PDF preview load after the first save
    from counter.intake.label_printing import PrintOutcome
    from ui.common.pdf_preview import PdfPreviewDialog

_ERROR_STYLE = "QLabel { color: #b00020; }"


def _render(database: Database, order_id: int) -> dict[str, Any]:
    """The order's labels and receipt, and the label printer (runs on the worker thread)."""

    from counter.intake.documents import labels_pdf, receipt_pdf

    def query(session: Session) -> dict[str, Any]:
        return {
            "label": labels_pdf(session, order_id),
            "receipt": receipt_pdf(session, order_id),
            "printer": label_printer_address(load_settings(session)),
        }

    return read(database, query)


class SavedOrderPanel(QFrame):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = ErrorBoxes(self)
        self.saved: SavedOrder | None = None
        self.documents: dict[str, bytes] = {}
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(_("已保存的委托单"))
        self.number = QLabel()
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setStyleSheet("QLabel { font-size: 22pt; font-weight: bold; color: #1a5fb4; }")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.printing = QLabel()
        self.printing.setWordWrap(True)
        self.labels_button = QPushButton(_("预览/打印标签"))
        self.labels_button.setToolTip("Ctrl+Shift+P")
        self.labels_button.clicked.connect(self.preview_labels)
        self.receipt_button = QPushButton(_("预览/打印回执"))
        self.receipt_button.setToolTip("Ctrl+P")
        self.receipt_button.clicked.connect(self.preview_receipt)
        layout = QGridLayout(self)
        layout.addWidget(self.title, 0, 0, 1, 2)
        layout.addWidget(self.number, 1, 0, 1, 2)
        layout.addWidget(self.details, 2, 0, 1, 2)
        layout.addWidget(self.printing, 3, 0, 1, 2)
        layout.addWidget(self.labels_button, 4, 0)
        layout.addWidget(self.receipt_button, 4, 1)
        layout.setRowStretch(5, 1)
        self._enable_documents(False)
        self.hide()

    def _enable_documents(self, enabled: bool) -> None:
        self.labels_button.setEnabled(enabled)
        self.receipt_button.setEnabled(enabled)

    def show_saved(self, saved: SavedOrder, customer: str) -> None:
        self.saved = saved
        self.documents = {}
        self.labels_button.setText(_("预览/打印标签"))
        self.number.setText(saved.number)
        lines = [
            html.escape(customer),
            _("共 {n} 件，约定取件日期 {date}").format(
                n=len(saved.item_numbers), date=saved.promised_date.isoformat()
            ),
        ]
        lines += [html.escape(w) for w in saved.warnings]
        if saved.calendar_notice:
            lines.append(html.escape(saved.calendar_notice))
        self.details.setText("<br>".join(lines))
        self.printing.setStyleSheet("")
        self.printing.setText(_("正在生成标签和回执…"))
        self._enable_documents(False)
        self.show()
        order_id, database = saved.order_id, self.ctx.database
        run_in_background(
            lambda _progress: _render(database, order_id),
            on_success=lambda docs: self._rendered(order_id, docs),
            on_failure=lambda error: self._render_failed(order_id, error),
            parent=self,
        )

    def _rendered(self, order_id: int, docs: dict[str, Any]) -> None:
        if self.saved is None or self.saved.order_id != order_id:
            return
        self.documents = {"label": docs["label"], "receipt": docs["receipt"]}
        self._enable_documents(True)
        if docs["printer"]:
            self.printing.setText(
                _("正在发送标签到标签打印机 {printer}…").format(printer=docs["printer"])
            )
        self._send_labels(order_id)  # with no printer: marks the labels for PDF printing

    def _render_failed(self, order_id: int, error: Exception) -> None:
        if self.saved is None or self.saved.order_id != order_id:
            return
        self.printing.setStyleSheet(_ERROR_STYLE)
        self.printing.setText(
            _("标签和回执未能生成：{error}。委托单已保存，可在补打列表中重新打印。").format(
                error=error
            )
        )

    # -- the thermal label printer ----------------------------------------------------
    def _send_labels(self, order_id: int) -> None:
        ctx = self.ctx

        def op(progress: Progress) -> PrintOutcome:
            from counter.intake.label_printing import print_labels

            return print_labels(
                ctx.database, ctx.clock, order_id, actor=ctx.actor, progress=progress
            )

        run_in_background(
            op,
            on_success=lambda outcome: self._labels_sent(order_id, outcome),
            on_failure=lambda error: self._labels_failed(order_id, error),
            parent=self,
        )

    def _labels_sent(self, order_id: int, outcome: PrintOutcome) -> None:
        if self.saved is None or self.saved.order_id != order_id:
            return
        if outcome.pdf_offered:
            self.printing.setText(outcome.message)
            self.labels_button.setText(_("用 PDF 打印标签"))
        elif outcome.failed:
            self.printing.setStyleSheet(_ERROR_STYLE)
            self.printing.setText(outcome.message)
            self.ctx.signals.status_message.emit(outcome.message)
        else:
            self.printing.setText(_("已打印 {n} 张标签。").format(n=outcome.printed))
        op.announce(self.ctx, Change.PRINTS)

    def _labels_failed(self, order_id: int, error: Exception) -> None:
        if self.saved is None or self.saved.order_id != order_id:
            return
        text = (
            str(error)
            if isinstance(error, CounterError)
            else _("标签打印失败：{error}。委托单已保存，标签已放入补打列表。").format(error=error)
        )
        self.printing.setStyleSheet(_ERROR_STYLE)
        self.printing.setText(text)
        self.ctx.signals.status_message.emit(text)

    # -- previews -----------------------------------------------------------------------
    def preview_labels(self) -> PdfPreviewDialog | None:
        return self._preview("label", _("标签"))

    def preview_receipt(self) -> PdfPreviewDialog | None:
        return self._preview("receipt", _("取件回执"))

    def _preview(self, kind: str, what: str) -> PdfPreviewDialog | None:
        if self.saved is None or kind not in self.documents:
            return None
        from ui.common.pdf_preview import PdfPreviewDialog

        saved = self.saved
        dialog = PdfPreviewDialog(
            self.documents[kind],
            _("{what} — 委托单 {number}").format(what=what, number=saved.number),
            self,
            file_name=f"{saved.number}-{kind}.pdf",
        )
        dialog.printed.connect(lambda: self._mark_printed(saved.order_id, kind))
        dialog.open()
        return dialog

    def _mark_printed(self, order_id: int, kind: str) -> None:
        from counter.intake.documents import mark_printed

        actor, clock = self.ctx.actor, self.ctx.clock
        op.write(self, lambda s: mark_printed(s, actor, clock, order_id, kind), Change.PRINTS)
