"""Forms stop typing at the database's limit, the same limit counter/ checks."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import focused
from ui.shell.main_window import MainWindow


def test_the_order_contact_fields_stop_at_their_columns(qtbot: QtBot, window: MainWindow) -> None:
    intake = window.intake
    intake.contact_name.setFocus()
    qtbot.keyClicks(focused(), "z" * 70)
    assert intake.contact_name.text() == "z" * 64
    intake.contact_phone.setFocus()
    qtbot.keyClicks(focused(), "1" * 40)
    assert intake.contact_phone.text() == "1" * 32
