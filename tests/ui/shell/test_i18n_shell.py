"""The intake screen shows English when English is chosen (catalogue: tests/counter/test_i18n)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter import i18n
from ui.common.context import AppContext
from ui.intake.items_model import ItemsModel
from ui.intake.screen import IntakeScreen


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_the_intake_screen_speaks_english(qtbot: QtBot, ctx: AppContext, english: None) -> None:
    screen = IntakeScreen(ctx)
    qtbot.addWidget(screen)
    header = [
        screen.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(ItemsModel.COLUMN_COUNT)
    ]
    assert header[:3] == ["Instrument", "Department", "Model / spec"]
    assert screen.save_button.text() == "Save (Ctrl+S)"
    assert screen.picker.card.text() == "No customer chosen yet"
