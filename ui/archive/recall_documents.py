"""The recall screen's documents: the chosen customer's 周检计划 and 强制检定通知书 in
the print preview, the list exported as XLSX (the whole selection, not the pages shown),
and the month's batch of plans and notices written into a folder off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from counter.admin.settings import load_settings
from counter.archive.batch import BatchResult, file_stem, recall_batch
from counter.archive.due_summary import CustomerDueSummary
from counter.archive.plan_xlsx import due_xlsx
from counter.archive.plans import has_rows, notice_for, plan_for, render_notice, render_plan
from counter.archive.recall import CustomerDue, DueDetail, due_details
from counter.i18n import _
from ui.archive.dialogs import FolderDialog, ResultDialog
from ui.archive.due_filters import DueFilters
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog


class RecallDocuments(QWidget):
    """What `RecallScreen` prints, exports and writes in a batch (a part of that screen)."""

    ctx: AppContext
    filters: DueFilters
    message: MessageLine
    preview: PdfPreviewDialog | None
    result_dialog: ResultDialog | None

    def today(self) -> dt.date:
        raise NotImplementedError

    def _chosen_customer(self) -> CustomerDueSummary | None:
        raise NotImplementedError

    def _entries(
        self, session: Session, customer_ids: Collection[int] | None = None
    ) -> list[CustomerDue]:
        raise NotImplementedError

    def _preview(self, pdf: bytes | None, title: str, file_name: str) -> None:
        if pdf is None:
            return
        self.preview = PdfPreviewDialog(pdf, title, self, file_name=file_name)
        self.preview.open()

    def print_plan(self) -> None:
        customer = self._chosen_customer()
        if customer is None:
            return
        window, today = self.filters.due_window(), self.today()

        def pdf(s: Session) -> bytes:
            plan = plan_for(s, customer.customer_id, window.year, window.month, today=today)
            return render_plan(plan, load_settings(s))

        stem = file_stem(customer.customer_id, customer.name)
        self._preview(op.read(self, pdf), _("周检计划 — {name}").format(name=customer.name),
                      f"{stem}-周检计划-{window.year}{window.month:02d}.pdf")  # fmt: skip

    def print_notice(self) -> None:
        customer = self._chosen_customer()
        if customer is None:
            return
        window, today = self.filters.due_window(), self.today()

        def pdf(s: Session) -> bytes | None:
            notice = notice_for(s, customer.customer_id, today, until=window.end)
            return render_notice(notice, load_settings(s)) if has_rows(notice) else None

        result = op.read(self, pdf)
        if result is None:
            self.message.show_error(
                _("“{name}”在此期间没有到期的强制检定器具").format(name=customer.name)
            )
            return
        stem = file_stem(customer.customer_id, customer.name)
        self._preview(result, _("强制检定通知书 — {name}").format(name=customer.name),
                      f"{stem}-强制检定通知书-{today:%Y%m%d}.pdf")  # fmt: skip

    def export_xlsx(self, path: str | None = None) -> None:
        window = self.filters.due_window()
        if path is None:
            path = save_file_name(self, _("导出到期清单"),
                                  f"周检到期清单-{window.start:%Y%m%d}-{window.end:%Y%m%d}.xlsx",
                                  _("Excel 文件 (*.xlsx)"))  # fmt: skip
        if not path:
            return
        title = _("周检到期清单 {start} 至 {end}（{today} 制表）").format(
            start=window.start.isoformat(), end=window.end.isoformat(),
            today=self.today().isoformat(),
        )  # fmt: skip

        def whole(s: Session) -> tuple[list[CustomerDue], dict[int, DueDetail]]:
            customers = self._entries(s)  # the whole list, not the pages shown
            return customers, due_details(
                s, [e.instrument_id for c in customers for e in c.entries]
            )

        found = op.read(self, whole)
        if found is None:
            return
        customers, details = found
        refused = write_file(path, due_xlsx(customers, details, title))
        if refused:
            self.message.show_error(refused)
            return
        self.message.show_info(_("已导出到 {path}").format(path=path))

    # --- the month's batch ------------------------------------------------------------

    def run_batch(self) -> None:
        window = self.filters.due_window()
        year, month = window.year, window.month
        dialog = FolderDialog(
            _("本月批量生成"),
            _("为 {year} 年 {month} 月有器具到期的每家客户生成周检计划（及强检通知书）PDF，"
              "并生成到期清单 XLSX。").format(year=year, month=month),
            self,
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        folder = Path(dialog.folder.text().strip())
        database, today = self.ctx.database, self.today()
        op.in_background(
            self,
            lambda progress: recall_batch(database, year, month, folder, progress, today=today),
            on_success=self._batch_done,
            progress=_("正在生成 {year} 年 {month} 月的周检计划…").format(year=year, month=month),
        )

    def _batch_done(self, result: BatchResult) -> None:
        text = _("{customers} 家客户，{entries} 件器具；写出 {files} 个文件，{failed} 家失败。")
        summary = text.format(
            customers=result.customers, entries=result.entries, files=len(result.files),
            failed=len(result.failures),
        )  # fmt: skip
        lines = [
            _("失败：{name}：{reason}").format(name=f.customer_name, reason=f.reason)
            for f in result.failures
        ] + [str(path) for path in result.files]
        self._result(_("批量生成结果"), summary, lines, error=not result.ok)

    def _result(self, title: str, summary: str, lines: list[str], *, error: bool) -> None:
        self.message.show_message(summary, error)
        self.result_dialog = ResultDialog(title, summary, lines, self)
        self.result_dialog.open()
