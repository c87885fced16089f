"""What every screen is handed: the database, the logged-in user, the clock, and a signal bus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from counter.admin.rules.roles import Actor
from counter.clock import Clock
from db.engine import Database


class AppSignals(QObject):
    """Events between screens, named as past-tense events."""

    order_opened = Signal(int)  # order id: show this order
    item_opened = Signal(int)  # item id: show this item (within its order)
    customer_opened = Signal(int)  # customer id: show this customer's file (客户档案)
    status_message = Signal(str)  # text for the status bar
    #: what a committed action changed (`counter.changes.Change`); see `ui.common.op`
    changed = Signal(object)


@dataclass
class AppContext:
    database: Database
    actor: Actor
    clock: Clock
    signals: AppSignals
