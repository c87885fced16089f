"""A PDF shown inside a screen (not a dialog): the certificate being reviewed.

The document is read from a `QBuffer` that lives as long as the document has it
open; loading another PDF closes the old one first.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter.i18n import _
from ui.common.pdf_zoom import add_zoom_controls


class PdfPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        self.zoom_out, self.zoom_in, self.fit = add_zoom_controls(self.view, row, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.set_pdf(None)

    def set_pdf(self, pdf: bytes | None) -> None:
        """Show `pdf` (None: nothing)."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        if pdf is None:
            self.status.setText(_("请从上方列表选择一份证书"))
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() == QPdfDocument.Status.Ready:
            self.status.setText(_("共 {n} 页").format(n=self.document.pageCount()))
        else:
            self.status.setText(_("无法显示此文档"))

    def page_count(self) -> int:
        return self.document.pageCount()
