"""What the main window may ask of every screen (tab), instead of probing with `getattr`.

A screen is a `QWidget` that also satisfies `Screen`.  `ScreenDefaults` gives
the plain answers (focus itself, nothing to reload, takes no scans, refreshes
when something it shows changed), so a screen writes only what differs.

Refreshing stays cheap: a change to what a hidden screen shows only marks it
stale, and it reads again when it is next shown.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtGui import QShowEvent

from counter.changes import Change
from ui.common.context import AppContext


@runtime_checkable
class Screen(Protocol):
    #: what the screen shows: a change to any of it makes the screen refresh
    shows: Change

    def focus_first(self) -> None:
        """Put the keyboard where the clerk starts on this screen."""

    def refresh(self) -> None:
        """Read again what the screen shows."""

    def accept_scan(self, code: str) -> bool:
        """Take a scanned code for this screen's own work (True), or leave it to the window."""

    def on_changed(self, changes: Change) -> None:
        """Something was saved somewhere: refresh if it is shown here."""


class ScreenDefaults:
    """Mix into a screen class (before `QWidget`) for the plain answers."""

    shows: Change = Change.NOTHING
    #: something it shows changed while it was hidden: read again when shown
    stale: bool = False

    def focus_first(self) -> None:
        self.setFocus()  # type: ignore[attr-defined]

    def refresh(self) -> None:
        return None

    def accept_scan(self, code: str) -> bool:
        return False

    def on_changed(self, changes: Change) -> None:
        if not changes & self.shows:
            return
        if self.isVisible():  # type: ignore[attr-defined]
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.stale = False
            self.refresh()
        super().showEvent(event)  # type: ignore[misc]

    def watch_changes(self, ctx: AppContext) -> None:
        """Hear every committed change from now on (call once, in `__init__`)."""
        ctx.signals.changed.connect(self.on_changed)
