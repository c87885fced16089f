"""A tab whose screen is built the first time it is shown.

Start-up only builds the screen in front; the others (and their imports:
PDF, spreadsheet and certificate code) wait until the clerk opens them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyScreen(QWidget):
    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.built: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.built is None:
            self.built = self._build(self)
            self._layout.addWidget(self.built)
        return self.built

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)

    def accept_scan(self, code: str) -> bool:
        """A scan while this tab is in front goes to its screen, if it takes scans."""
        accept = getattr(self.ensure_built(), "accept_scan", None)
        return bool(callable(accept) and accept(code))
