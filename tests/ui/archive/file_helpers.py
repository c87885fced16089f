"""Helpers for the customer-file tests: the clerk's whole window, an item received with a serial."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.intake.receive import ItemDraft, SavedOrder
from db.models import Instrument
from tests.conftest import Counter
from tests.ui.conftest import make_ctx, show_active
from tests.ui.orders_helpers import save, type_id
from ui.archive.customer_file import CustomerFileWindow
from ui.shell.main_window import MainWindow


@pytest.fixture
def full_window(qtbot: QtBot, sqlite_counter: Counter) -> Iterator[MainWindow]:
    """The intake clerk's whole window: scans open orders, orders open customers' files."""
    win = MainWindow(make_ctx(sqlite_counter))
    show_active(qtbot, win)
    yield win
    while (modal := QApplication.activeModalWidget()) is not None:
        modal.close()
    for dialog in list(win.open_dialogs.values()):
        dialog.close()
    win.customer_files.close_all()
    assert win.intake is not None
    win.intake.clear_form()
    win.close()
    win.deleteLater()


def receive_scale(counter: Counter, serial: str = "A001") -> SavedOrder:
    """A trade scale received at the counter: intake links it to a new ledger entry."""
    draft = ItemDraft(
        type_id(counter, "电子计价秤"),
        model="ACS-15",
        serial=serial,
        accuracy_class="Ⅲ",
        use="trade",
    )
    return save(counter, draft)


def ledger_serials(counter: Counter, customer_id: int | None = None) -> list[str]:
    with counter.db.session() as s:
        owner = customer_id or counter.customer_id
        query = select(Instrument.serial).where(Instrument.customer_id == owner)
        return sorted(s.scalars(query))


def button_for(parent: QWidget, action: QAction) -> QToolButton:
    (found,) = [b for b in parent.findChildren(QToolButton) if b.defaultAction() is action]
    return found


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_file(qtbot: QtBot, counter: Counter, actor_name: str = "clerk") -> CustomerFileWindow:
    """The file of the test customer, opened on its own (as the main window opens it)."""
    actor = {"clerk": counter.clerk, "billing": counter.billing, "admin": counter.admin}
    window = CustomerFileWindow(make_ctx(counter, actor[actor_name]), counter.customer_id)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    return window
