"""A tab whose screen is built the first time it is shown.

Start-up only builds the screen in front; the others (and their imports:
PDF, spreadsheet and certificate code) wait until the clerk opens them.  The
tab is itself a `Screen`: it hands the window's requests to its screen, building
it when a request needs it.  Changes reach the screen directly once it is built
(it watches them itself); before that there is nothing to refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from counter.changes import Change
from ui.common.screen import Screen


class LazyScreen(QWidget):
    #: the tab itself shows nothing: its screen hears what it shows
    shows: Change = Change.NOTHING

    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.built: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.built is None:
            built = self._build(self)
            if not isinstance(built, Screen):
                raise TypeError(f"{built!r} is not a Screen (ui.common.screen)")
            self.built = built
            self._layout.addWidget(built)
        return self.built

    def screen_built(self) -> Screen:
        """The screen, built now if it was not yet."""
        built = self.ensure_built()
        assert isinstance(built, Screen)
        return built

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)

    def focus_first(self) -> None:
        self.screen_built().focus_first()

    def refresh(self) -> None:
        if self.built is not None:
            self.screen_built().refresh()

    def accept_scan(self, code: str) -> bool:
        """A scan while this tab is in front goes to its screen (which may leave it)."""
        return self.screen_built().accept_scan(code)

    def on_changed(self, changes: Change) -> None:
        return None
