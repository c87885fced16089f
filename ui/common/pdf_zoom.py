"""Zooming a PDF view: 缩小 / 放大 / 适合宽度 buttons and Ctrl+- / Ctrl++ / Ctrl+0.

Shared by the preview dialog and the review screen's certificate pane.  The
keys work while the view's window is active and the view is shown; Ctrl+= is
Ctrl++ on keyboards where + needs Shift.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from counter.i18n import _

STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0


def zoom_by(view: QPdfView, factor: float) -> None:
    """Zoom in (factor > 1) or out from the current zoom factor."""
    view.setZoomMode(QPdfView.ZoomMode.Custom)
    view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, view.zoomFactor() * factor)))


def fit_width(view: QPdfView) -> None:
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)


def add_zoom_controls(view: QPdfView, row: QHBoxLayout, owner: QWidget) -> list[QPushButton]:
    """Put the three buttons in `row` and the keys on `owner`; returns out, in, fit."""
    actions = (
        (_("缩小"), "Ctrl+-", (QKeySequence.StandardKey.ZoomOut,), lambda: zoom_by(view, 1 / STEP)),
        (
            _("放大"),
            "Ctrl++",
            (QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")),
            lambda: zoom_by(view, STEP),
        ),
        (_("适合宽度"), "Ctrl+0", (QKeySequence("Ctrl+0"),), lambda: fit_width(view)),
    )
    buttons = []
    for text, tip, keys, slot in actions:
        button = QPushButton(text, owner)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        buttons.append(button)
        for key in keys:
            QShortcut(key, owner, slot)
    return buttons
