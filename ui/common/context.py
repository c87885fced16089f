"""What every screen is handed: the database, the logged-in user, the clock, and a signal bus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from counter.admin.rules.roles import Actor
from counter.changes import Change
from counter.clock import Clock
from db.engine import Database


class AppSignals(QObject):
    """Events between screens, named as past-tense events."""

    order_opened = Signal(int)  # order id: show this order
    item_opened = Signal(int)  # item id: show this item (within its order)
    orders_changed = Signal()  # an order was saved, voided or corrected
    settings_changed = Signal()
    certificates_changed = Signal()  # saved, imported, reviewed or reissued
    status_message = Signal(str)  # text for the status bar
    #: what a committed action changed (`counter.changes.Change`); see `ui.common.op`
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # the older per-topic signals still reach every screen listening to `changed`
        self.orders_changed.connect(lambda: self.changed.emit(Change.ORDERS))
        self.settings_changed.connect(lambda: self.changed.emit(Change.SETTINGS))
        self.certificates_changed.connect(lambda: self.changed.emit(Change.CERTIFICATES))


@dataclass
class AppContext:
    database: Database
    actor: Actor
    clock: Clock
    signals: AppSignals
