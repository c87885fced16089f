"""Print a customer's 周检计划 and 强制检定通知书 from the file, or save them as XLSX.

The data is read in a short read-only session and the PDF drawn outside it, off
the UI thread; the preview (`ui.common.pdf_preview`) prints or saves the PDF.

Keys: Ctrl+P this year's plan, Ctrl+Shift+P the notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget
from sqlalchemy.orm import Session

from counter.admin.settings import load_settings
from counter.archive.plan_xlsx import notice_xlsx, plan_xlsx
from counter.archive.plans import has_rows, notice_for, plan_for, render_notice, render_plan
from counter.clock import local_date
from counter.i18n import _
from counter.session import read
from ui.archive.customer_file_models import safe_file_name as _safe
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.worker import Progress


class PrintActions(QObject):
    """The file's printouts for one customer (`parent` is the file's window)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        customer_id: int,
        message: MessageLine,
        customer_name: Callable[[], str],
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.customer_id = customer_id
        self.message = message
        self.customer_name = customer_name
        self.preview: PdfPreviewDialog | None = None  # the preview last opened
        today = self.today()
        self.plan_year = self._action(
            _("周检计划（{year} 年）…").format(year=today.year),
            lambda: self.print_plan(None),
            "Ctrl+P",
        )
        self.plan_month = self._action(
            _("周检计划（{year} 年 {month} 月）…").format(year=today.year, month=today.month),
            lambda: self.print_plan(self.today().month),
        )
        self.notice = self._action(_("强制检定通知书…"), self.print_notice, "Ctrl+Shift+P")
        self.plan_xlsx = self._action(_("周检计划另存为 XLSX…"), self.save_plan_xlsx)
        self.notice_xlsx = self._action(_("强制检定通知书另存为 XLSX…"), self.save_notice_xlsx)
        self.button = QToolButton(parent)
        self.button.setText(_("打印计划/通知书") + " ▾")
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.button.setToolTip(_("周检计划 Ctrl+P，强制检定通知书 Ctrl+Shift+P"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.button)
        menu.addActions([self.plan_year, self.plan_month, self.notice])
        menu.addSeparator()
        menu.addActions([self.plan_xlsx, self.notice_xlsx])
        self.button.setMenu(menu)

    def _action(self, text: str, slot: Callable[[], object], key: str = "") -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{text} ({QKeySequence(key).toString()})")
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def today(self) -> dt.date:
        return local_date(self.ctx.clock.now())

    # --- PDF -------------------------------------------------------------

    def print_plan(self, month: int | None) -> None:
        database, customer_id, today = self.ctx.database, self.customer_id, self.today()

        def work(_progress: Progress) -> bytes:
            data, fonts = read(
                database,
                lambda s: (
                    plan_for(s, customer_id, today.year, month, today=today),
                    load_settings(s),
                ),
            )
            return render_plan(data, fonts)

        title = _("周检计划 — {name}").format(name=self.customer_name())
        period = f"{today.year}" if month is None else f"{today.year}-{month:02d}"
        self._render(work, title, _safe(f"{self.customer_name()}-{period}.pdf"))

    def print_notice(self) -> None:
        database, customer_id, today = self.ctx.database, self.customer_id, self.today()

        def work(_progress: Progress) -> bytes | None:
            data, fonts = read(
                database, lambda s: (notice_for(s, customer_id, today), load_settings(s))
            )
            return render_notice(data, fonts) if has_rows(data) else None

        title = _("强制检定通知书 — {name}").format(name=self.customer_name())
        self._render(work, title, _safe(f"{self.customer_name()}-{today.isoformat()}.pdf"))

    def _render(self, work: Callable[[Progress], bytes | None], title: str, file: str) -> None:
        self.message.clear_message()
        op.in_background(
            self,
            work,
            on_success=lambda pdf: self._show(pdf, title, file),
            progress=_("正在生成 PDF…"),
        )

    def _show(self, pdf: bytes | None, title: str, file_name: str) -> None:
        if pdf is None:
            self.message.show_info(_("没有需要通知的强制检定器具（到期、超期或从未检定）"))
            return
        preview = PdfPreviewDialog(pdf, title, self.window, file_name=file_name)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.destroyed.connect(lambda *_a: self._forget(preview))
        self.preview = preview
        preview.show()
        preview.raise_()

    def _forget(self, preview: PdfPreviewDialog) -> None:
        if self.preview is preview:
            self.preview = None

    # --- XLSX ------------------------------------------------------------

    def save_plan_xlsx(self) -> None:
        customer_id, today = self.customer_id, self.today()
        name = _safe(
            _("周检计划-{name}-{year}.xlsx").format(name=self.customer_name(), year=today.year)
        )
        self._save_xlsx(
            name, lambda s: plan_xlsx(plan_for(s, customer_id, today.year, None, today=today))
        )

    def save_notice_xlsx(self) -> None:
        customer_id, today = self.customer_id, self.today()
        name = _safe(
            _("强制检定通知书-{name}-{day}.xlsx").format(
                name=self.customer_name(), day=today.isoformat()
            )
        )
        self._save_xlsx(name, lambda s: notice_xlsx(notice_for(s, customer_id, today)))

    def _save_xlsx(self, suggested: str, build: Callable[[Session], bytes]) -> None:
        path = save_file_name(self.window, _("另存为 XLSX"), suggested, _("Excel 文件 (*.xlsx)"))
        if path:
            self.save_xlsx_to(Path(path), build)

    def save_xlsx_to(self, path: Path, build: Callable[[Session], bytes]) -> None:
        self.message.clear_message()
        data = op.read(self, build)
        if data is None:
            return
        refused = write_file(path, data)
        if refused:
            self.message.show_error(refused)
            return
        self.message.show_info(_("已保存到 {path}").format(path=path))
