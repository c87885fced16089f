"""Every string of the shell and the intake screen has English, and English is what shows."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter import i18n
from counter.locale import load_catalog
from ui.common.context import AppContext
from ui.intake.items_model import ItemsModel
from ui.intake.screen import IntakeScreen

ROOT = Path(__file__).resolve().parents[3]
FILES = [
    "ui/shell/app.py",
    "ui/shell/main_window.py",
    "ui/common/scanner.py",
    "ui/shell/login_dialog.py",
    "ui/intake/screen.py",
    "ui/intake/items.py",
    "ui/intake/editors.py",
    "ui/intake/review.py",
    "ui/intake/documents.py",
    "ui/customers/picker.py",
    "ui/customers/dialog.py",
    "ui/common/pdf_preview.py",
    "ui/common/messages.py",
    "ui/shell/shortcuts_dialog.py",
    "ui/intake/items_model.py",
    "ui/intake/items_columns.py",
    "ui/customers/model.py",
    "counter/intake/catalog.py",
    "counter/intake/lookups.py",
    "counter/customers/records.py",
]


def translatable(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            (arg,) = node.args
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{path}:{node.lineno}: _() needs a string literal"
            )
            yield arg.value


def test_every_string_has_english() -> None:
    catalog = load_catalog()
    missing = {
        (name, text) for name in FILES for text in translatable(ROOT / name) if text not in catalog
    }
    assert not missing


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
