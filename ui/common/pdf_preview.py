"""Preview a PDF (labels, receipt), print it through the system dialog or save it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from ui.common.file_dialogs import save_file_name
from ui.common.messages import show_error
from ui.common.pdf_zoom import add_zoom_controls

MAX_RENDER_DPI = 300
_POINTS_PER_INCH = 72.0


class PdfPreviewDialog(QDialog):
    """`printed()` is emitted after a print job was handed to the printer."""

    printed = Signal()

    def __init__(
        self,
        pdf: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        file_name: str = "document.pdf",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel()
        self.print_button = QPushButton(_("打印…"))
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_with_dialog)
        save_button = QPushButton(_("保存为 PDF…"))
        save_button.setToolTip("Ctrl+Shift+S")
        save_button.clicked.connect(self.save_with_dialog)
        close = QPushButton(_("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        add_zoom_controls(self.view, buttons, self)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_with_dialog),
            (QKeySequence("Ctrl+Shift+S"), self.save_with_dialog),
        ):
            QShortcut(keys, self, slot)
        self.resize(760, 880)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.status.setText(_("无法显示此文档"))
            self.print_button.setEnabled(False)
        else:
            self.status.setText(_("共 {n} 页").format(n=self.document.pageCount()))

    # -- printing ---------------------------------------------------------------------
    def prepare_printer(self, printer: QPrinter) -> None:
        """Paper the size of the document's first page (a label is not A4)."""
        if self.document.pageCount():
            size = self.document.pagePointSize(0)
            # a custom QPageSize keeps width and height as given: no orientation swap
            printer.setPageSize(QPageSize(size, QPageSize.Unit.Point, _("文档尺寸")))
            printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setDocName(self.windowTitle())

    def print_with_dialog(self) -> None:
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_document(printer)

    def print_document(self, printer: QPrinter) -> bool:
        """Render every page onto `printer`; a failure is shown and nothing is lost."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(
                self, _("无法开始打印，请检查打印机是否可用。文档仍可再次打印或保存为 PDF。")
            )
            return False
        try:
            resolution = printer.resolution()
            target = printer.pageLayout().fullRectPixels(resolution)
            render_dpi = min(resolution, MAX_RENDER_DPI)
            for page in range(self.document.pageCount()):
                if page and not printer.newPage():
                    raise RuntimeError("newPage")
                points = self.document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                pixels = QSize(
                    round(points.width() * render_dpi / _POINTS_PER_INCH),
                    round(points.height() * render_dpi / _POINTS_PER_INCH),
                )
                image = self.document.render(page, pixels)
                painter.drawImage(QRectF(0, 0, *_scaled(points, scale)), image)
        except RuntimeError:
            painter.end()
            show_error(self, _("打印中断。文档仍可再次打印或保存为 PDF。"))
            return False
        if not painter.end():
            show_error(self, _("打印机没有接受打印任务。文档仍可再次打印或保存为 PDF。"))
            return False
        self.status.setText(_("已发送到打印机"))
        self.printed.emit()
        return True

    # -- saving -----------------------------------------------------------------------
    def save_with_dialog(self) -> None:
        path = save_file_name(self, _("保存为 PDF"), self.file_name, _("PDF 文件 (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            path.write_bytes(self.pdf)
        except OSError as error:
            show_error(
                self, _("无法保存到 {path}：{reason}").format(path=path, reason=error.strerror)
            )
            return False
        self.status.setText(_("已保存到 {path}").format(path=path))
        return True


def _scaled(size: QSizeF, scale: float) -> tuple[float, float]:
    return size.width() * scale, size.height() * scale
