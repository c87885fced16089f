"""Reprinting an order's labels and receipt: PDF preview, or ZPL to the label printer.

Used by the order dialog and the reprint list.  Rendering and sending run off
the main thread (`ui.common.worker`); the preview opens on the main thread when the
PDF is ready, and its `printed` signal marks the print jobs done.  Outcomes
are reported as text through `reported(text, is_error)`; print jobs marked
done or failed are announced as `Change.PRINTS` (`ui.common.op`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.documents import labels_pdf, mark_printed, order_labels, receipt_pdf
from counter.intake.label_printing import PrintOutcome, print_labels
from counter.session import read
from ui.common import op
from ui.common.context import AppContext
from ui.common.worker import Progress, run_in_background

# (order id, item ids or None for every live item of the order)
Batch = tuple[int, Sequence[int] | None]


class _Reports:
    """The printer's refusals, as `reported(text, True)` (the message outlet of `ui.common.op`)."""

    def __init__(self, printer: DocumentPrinter) -> None:
        self._printer = printer

    def show_error(self, text: str) -> None:
        self._printer.reported.emit(text, True)


class DocumentPrinter(QObject):
    reported = Signal(str, bool)  # text, is_error
    busy_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = _Reports(self)
        self._window = parent
        self._running: QObject | None = None
        self.preview: QWidget | None = None  # the last preview opened

    @property
    def busy(self) -> bool:
        return self._running is not None

    # --- PDF preview ---------------------------------------------------

    def preview_labels(self, order_id: int, number: str, item_ids: Sequence[int] | None) -> None:
        """Labels of the order `number` (all live items when `item_ids` is None)."""
        database = self.ctx.database

        def render(_progress: Progress) -> bytes:
            def query(session: Session) -> bytes:
                if not order_labels(session, order_id, item_ids):
                    raise CounterError(_("没有可打印的标签（所选器具均已作废）"))
                return labels_pdf(session, order_id, item_ids)

            return read(database, query)

        title = _("标签 — {number}").format(number=number)
        self._start(
            render,
            lambda pdf: self._open_preview(
                pdf, title, f"{number}-labels.pdf", order_id, "label", item_ids
            ),
        )

    def preview_receipt(self, order_id: int, number: str) -> None:
        database = self.ctx.database
        title = _("取件回执 — {number}").format(number=number)
        self._start(
            lambda _progress: read(database, lambda s: receipt_pdf(s, order_id)),
            lambda pdf: self._open_preview(
                pdf, title, f"{number}-receipt.pdf", order_id, "receipt"
            ),
        )

    def _open_preview(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        order_id: int,
        kind: str,
        item_ids: Sequence[int] | None = None,
    ) -> None:
        try:
            from ui.common.pdf_preview import PdfPreviewDialog  # built by the shell; may be missing
        except ImportError:
            self.reported.emit(_("PDF 预览窗口尚不可用，无法打印"), True)
            return
        dialog = PdfPreviewDialog(pdf, title, self._window, file_name=file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(lambda: self._mark_printed(order_id, kind, item_ids))
        self.preview = dialog
        dialog.show()

    def _mark_printed(self, order_id: int, kind: str, item_ids: Sequence[int] | None) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock
        op.write(
            self,
            lambda s: mark_printed(s, actor, clock, order_id, kind, item_ids),
            Change.PRINTS,
            on_success=lambda _r: self.reported.emit(_("已打印"), False),
        )

    # --- label printer ------------------------------------------------

    def send_labels(self, batches: Sequence[Batch]) -> None:
        """Send the labels of every batch to the label printer, one order per transaction."""
        database, clock, actor = self.ctx.database, self.ctx.clock, self.ctx.actor

        def send(progress: Progress) -> PrintOutcome:
            printed = failed = 0
            message, pdf = "", False
            for order_id, item_ids in batches:
                outcome = print_labels(
                    database, clock, order_id, actor=actor, item_ids=item_ids, progress=progress
                )
                printed, failed = printed + outcome.printed, failed + outcome.failed
                message, pdf = outcome.message or message, pdf or outcome.pdf_offered
            return PrintOutcome(printed, failed, message, pdf)

        self._start(send, self._sent, progress=self._progressed)

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.reported.emit(
            _("正在发送标签 {done}/{total}：{item}").format(done=done, total=total, item=text),
            False,
        )

    def _sent(self, outcome: PrintOutcome) -> None:
        if outcome.pdf_offered:
            self.reported.emit(outcome.message, False)
        elif outcome.failed:
            self.reported.emit(outcome.message, True)
        elif outcome.printed:
            self.reported.emit(_("已发送 {n} 张标签到标签打印机").format(n=outcome.printed), False)
        else:
            self.reported.emit(_("没有可打印的标签（所选器具均已作废）"), True)
        op.announce(self.ctx, Change.PRINTS)

    # --- background ---------------------------------------------------

    def _start(self, op: Any, on_success: Any, progress: Any = None) -> None:
        if self._running is not None:
            self.reported.emit(_("上一次打印仍在进行，请稍候"), True)
            return

        def succeeded(result: Any) -> None:
            self._finish()
            on_success(result)

        self._running = run_in_background(
            op, on_success=succeeded, on_failure=self._failed, on_progress=progress, parent=self
        )
        self.busy_changed.emit(True)

    def _finish(self) -> None:
        if self._running is not None:
            self._running.deleteLater()
        self._running = None
        self.busy_changed.emit(False)

    def _failed(self, error: Exception) -> None:
        self._finish()
        if isinstance(error, CounterError):
            self.reported.emit(str(error), True)
        elif isinstance(error, ValueError):  # a printer address the printer module refused
            self.reported.emit(_("标签打印机设置无效：{detail}").format(detail=error), True)
        else:
            raise error
