"""What the return desk's conversations need of the screen they act on.

`ui.release.screen.ReturnScreen` is the one host; `flows` names this base instead
of the screen, so the screen imports the flows and never the reverse.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from counter.release import ReleaseDone, ReturnOrder
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


class ReturnHost(QWidget):
    certificates_exported = Signal(int)  # how many certificate PDFs were saved

    ctx: AppContext
    message: MessageLine
    pending: QDialog | None  # the dialog last opened (tests answer it)
    customer_name: str
    orders: dict[int, ReturnOrder]

    def focus_first(self) -> None:
        raise NotImplementedError

    def refresh_view(self, tick: list[int] | None = None) -> None:
        raise NotImplementedError

    def released(self, done: ReleaseDone) -> None:
        raise NotImplementedError
