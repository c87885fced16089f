"""The audit log in English: headers, actions, objects and states in words, and its CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from counter import i18n
from counter.intake.corrections import void_item
from counter.intake.receive import ItemDraft
from tests.conftest import Counter
from tests.ui.conftest import when_modal
from tests.ui.orders_helpers import context, item_ids, save, type_id, type_text
from ui.admin import audit_model as am
from ui.admin.audit_view import AuditView
from ui.common.file_dialogs import LAST_FOLDER_KEY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("zh")
    QSettings().remove(LAST_FOLDER_KEY)


def voided_item(c: Counter) -> str:
    saved = save(c, ItemDraft(type_id(c, "电子计价秤")))
    (item_id,) = item_ids(c, saved.order_id)
    with c.db.action() as s:
        void_item(s, c.clerk, c.clock, item_id, "duplicate")
    return saved.item_numbers[0]


def test_the_english_audit_log_reads_in_words(
    qtbot: QtBot, sqlite_counter: Counter, english: None
) -> None:
    c = sqlite_counter
    number = voided_item(c)
    view = AuditView(context(c, c.admin))
    qtbot.addWidget(view)
    header = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(6)]
    assert header == ["Time", "User", "Action", "Object", "Change (before → after)", "Reason"]
    top = [view.model.index(0, col).data() for col in range(am.COLUMN_COUNT)]
    assert top[2:] == [
        "Item status: Voided",
        f"Item {number}",
        "Status: Received → Voided",
        "duplicate",
    ]
    assert [view.model.index(r, am.ACTION).data() for r in range(3)][1:] == [
        "Order created",
        "New customer",
    ]
    type_text(view.action_prefix, "void")  # a word of the name finds the action
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.row_at(0).action == "item.voided"


def test_the_export_is_what_the_viewer_shows_plus_the_codes(
    qtbot: QtBot, sqlite_counter: Counter, english: None, tmp_path: Path
) -> None:
    c = sqlite_counter
    number = voided_item(c)
    view = AuditView(context(c, c.admin))
    qtbot.addWidget(view)
    type_text(view.entity_key, number)
    target = tmp_path / "audit.csv"

    def save_as(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    when_modal(save_as)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == f"Exported to {target}"
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == [
        "Time", "User", "Action", "Object", "Change (before → after)", "Reason", "Action code"
    ]  # fmt: skip
    assert [r[2:] for r in rows[1:]] == [
        [
            "Item status: Voided",
            f"Item {number}",
            "Status: Received → Voided",
            "duplicate",
            "item.voided",
        ]
    ]
