"""A signature pad: the collector signs with the mouse, a pen tablet or a touch screen.

Strokes are drawn into a QImage (transparent background, black ink), so what is
stored is exactly what was seen.  `to_png()` crops to the ink with a small margin.
A pen's pressure varies the line width.  The pad never takes the keyboard focus, so
Enter still reaches the dialog's default button.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from counter.i18n import _

INK = QColor(Qt.GlobalColor.black)
WIDTH = 2.6
MARGIN = 8


class SignaturePad(QWidget):
    """`signature_changed(has_ink)` after every stroke and after clearing."""

    signature_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setMinimumSize(360, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(_("请在此处签名"))
        self._image = self._blank(QSize(480, 160))
        self._ink: QRect | None = None  # bounding box of what was drawn
        self._last: QPointF | None = None

    @staticmethod
    def _blank(size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        return image

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    # --- state ---------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._ink is None

    def clear(self) -> None:
        self._image.fill(Qt.GlobalColor.transparent)
        self._ink = None
        self._last = None
        self.update()
        self.signature_changed.emit(False)

    def image(self) -> QImage:
        return self._image.copy()

    def to_png(self) -> bytes:
        """The signature as PNG bytes, cropped to the ink; b"" when nothing was drawn."""
        if self._ink is None:
            return b""
        box = self._ink.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).intersected(self._image.rect())
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"PNG")).write(self._image.copy(box))
        buffer.close()
        return bytes(data.data())

    # --- drawing -------------------------------------------------------------------------

    def begin_stroke(self, at: QPointF) -> None:
        self._last = at
        self.draw_to(at, 1.0)

    def draw_to(self, at: QPointF, pressure: float = 1.0) -> None:
        """Draw from the last point to `at` (a dot when they are the same)."""
        start = self._last if self._last is not None else at
        width = WIDTH * (0.5 + pressure)
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawLine(start, at)
        painter.end()
        pad = int(width) + 2
        dirty = QRect(start.toPoint(), at.toPoint()).normalized().adjusted(-pad, -pad, pad, pad)
        self._ink = dirty if self._ink is None else self._ink.united(dirty)
        self._last = at
        self.update(dirty)

    def end_stroke(self) -> None:
        if self._last is not None:
            self._last = None
            self.signature_changed.emit(not self.is_empty())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._last is not None:
            self.draw_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self.begin_stroke(event.position())
        elif kind == QTabletEvent.Type.TabletMove and self._last is not None:
            self.draw_to(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()  # no synthesised mouse events: the stroke is drawn once

    # --- painting ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        if size.width() > self._image.width() or size.height() > self._image.height():
            bigger = self._blank(size.expandedTo(self._image.size()))
            painter = QPainter(bigger)
            painter.drawImage(0, 0, self._image)
            painter.end()
            self._image = bigger
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#fffef7"))
        baseline = int(self.height() * 0.78)
        painter.setPen(QPen(QColor("#b8b8b8"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        if self.is_empty():
            painter.setPen(QColor("#9a9a9a"))
            painter.drawText(self.rect().adjusted(12, 0, -12, -(self.height() - baseline) - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             _("领取人请在此签名"))  # fmt: skip
        painter.drawImage(0, 0, self._image)
        painter.setPen(QPen(QColor("#808080"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
