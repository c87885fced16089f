"""Two customers with instruments due in December 2026 (one reached only by a landline),
and one due in February 2027; the test clock says 2026-11-23."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import Counter
from tests.counter.archive.ledger_world import add_customer, add_entry
from tests.ui.conftest import show_active
from ui.archive.recall_screen import RecallScreen

D = dt.date


@dataclass(frozen=True)
class RecallWorld:
    counter: Counter
    shop: int  # 明镜眼镜: phone 0635-1234567, no mobile
    farm: int  # due in February only
    entries: dict[str, int]


def make_world(c: Counter) -> RecallWorld:
    shop = add_customer(c, "明镜眼镜有限公司", "眼镜店", "上海市张杨路 500 号")
    farm = add_customer(c, "示例粮食收储公司", "粮食收购", "示例市粮库路 2 号")
    with c.db.action() as s:
        clock = c.clock
        entries = {
            "scale": add_entry(s, clock, c.customer_id, "电子计价秤", "J1", D(2025, 12, 10),
                               due=D(2026, 12, 10), compulsory=True, use="trade").id,
            "gauge": add_entry(s, clock, c.customer_id, "一般压力表", "P1", D(2026, 6, 20),
                               due=D(2026, 12, 20)).id,
            "lens": add_entry(s, clock, shop, "电子计价秤", "L1", D(2025, 12, 5),
                              due=D(2026, 12, 5), compulsory=True, use="trade").id,
            "feb": add_entry(s, clock, farm, "电子计价秤", "F1", D(2026, 2, 15),
                             due=D(2027, 2, 15)).id,
        }  # fmt: skip
    return RecallWorld(c, shop, farm, entries)


def host(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    show_active(qtbot, widget)
    return widget


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def loaded(qtbot: QtBot, screen: RecallScreen) -> None:
    """Wait for the recall list's first page (read off the UI thread) and its totals."""
    qtbot.waitUntil(
        lambda: not screen.model.loading and "正在统计" not in screen.count_label.text()
    )
