"""How many keys a clerk presses beyond the data: real key events only, counted.

Typing the data counts as data: the customer's pinyin, instrument names by pinyin
initials, models, serials, the number of identical items.  Every other key counts:
Tab, Enter, shortcuts, the letters that pick a choice (用途/服务/加急) and the
Enter a scanner sends after each serial it reads (the clerk does not press it,
but it is a key the form has to handle, so it is counted to be safe).
The figures are printed and recorded as the test's properties `keys_beyond_data`
and `data_characters`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Item, Order
from tests.conftest import Counter
from tests.ui.conftest import focused, wait_active, when_modal
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
Key = Qt.Key


class Clerk:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.data = 0  # characters of data typed
        self.keys = 0  # every other key

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(focused(), text)
        QApplication.processEvents()
        self.data += len(text)

    def press(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(focused(), key, modifiers)
        QApplication.processEvents()
        self.keys += 1

    def choose(self, letters: str) -> None:
        """Letters that pick a choice: keys, not data."""
        self.qtbot.keyClicks(focused(), letters)
        QApplication.processEvents()
        self.keys += len(letters)

    def tab(self, times: int = 1) -> None:
        for _i in range(times):
            self.press(Key.Key_Tab)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the code at full speed, then Enter."""
        self.type(code)
        self.press(Key.Key_Return)

    def report(self, record: Callable[[str, object], None], case: str) -> None:
        record("keys_beyond_data", self.keys)
        record("data_characters", self.data)
        print(f"\n{case}: {self.keys} keys beyond {self.data} characters of data")


def saved_items(counter: Counter) -> list[Item]:
    with counter.db.session() as s:
        (order,) = s.scalars(select(Order)).all()
        items = list(s.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)))
        for item in items:
            _ = item.instrument_type.name, item.department.name
        s.expunge_all()
        return items


def start(qtbot: QtBot, window: MainWindow, clerk: Clerk) -> None:
    """An existing customer, found by pinyin initials."""
    clerk.press(Key.Key_F3)
    assert focused() is window.intake.picker.search
    clerk.type("lcjl")
    clerk.press(Key.Key_Return)
    assert window.intake.picker.customer is not None


def save(qtbot: QtBot, window: MainWindow, clerk: Clerk) -> None:
    clerk.press(Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.intake.saved_panel.number.text() != "", timeout=20000)


def test_five_instruments_for_an_existing_customer_take_at_most_30_keys(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_counter: Counter,
    record_property: Callable[[str, object], None],
) -> None:
    clerk = Clerk(qtbot)
    start(qtbot, window, clerk)
    # two price scales: 用途 贸易结算 comes from the catalogue
    clerk.type("dzjjc")
    clerk.tab()
    clerk.type("ACS-30")
    clerk.tab()
    clerk.type("A001")
    clerk.press(Key.Key_D, CTRL)  # the same again; the cursor is in the copy's serial
    clerk.type("A002")
    # a blood-pressure meter (医疗卫生 from the catalogue)
    clerk.press(Key.Key_N, CTRL)
    clerk.type("xyj")
    clerk.tab()
    clerk.type("YE-680")
    clerk.tab()
    clerk.type("B17")
    # a caliper for calibration, urgent
    clerk.press(Key.Key_N, CTRL)
    clerk.type("tykc")
    clerk.tab()
    clerk.type("0-150mm")
    clerk.tab()
    clerk.type("K150-7")
    clerk.tab(2)  # 制造厂, then 服务 (测量范围 and 准确度等级 are not Tab stops)
    clerk.choose("jz")  # 校准 by pinyin initials
    clerk.tab(5)  # 用途, 强检, 外观状况, 附件, 加急
    clerk.choose("j")  # 加急
    # a pressure gauge (安全防护 from the catalogue)
    clerk.press(Key.Key_N, CTRL)
    clerk.type("ybylb")
    clerk.tab()
    clerk.type("Y-100")
    clerk.tab()
    clerk.type("P-33")
    save(qtbot, window, clerk)

    items = saved_items(sqlite_counter)
    assert [i.instrument_type.name for i in items] == [
        "电子计价秤", "电子计价秤", "血压计和血压表", "通用卡尺", "一般压力表",
    ]  # fmt: skip
    assert [i.model for i in items] == ["ACS-30", "ACS-30", "YE-680", "0-150mm", "Y-100"]
    assert [i.serial for i in items] == ["A001", "A002", "B17", "K150-7", "P-33"]
    assert [i.use for i in items] == ["trade", "trade", "medical", "", "safety"]
    assert [i.service for i in items] == ["verification"] * 3 + ["calibration", "verification"]
    assert [i.urgency for i in items] == ["normal"] * 3 + ["urgent", "normal"]
    assert [i.compulsory for i in items] == [True, True, True, False, True]
    clerk.report(record_property, "5-instrument order")
    assert clerk.keys <= 30


def test_twenty_identical_alarms_with_scanned_serials_take_at_most_25_keys(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_counter: Counter,
    record_property: Callable[[str, object], None],
) -> None:
    clerk = Clerk(qtbot)
    start(qtbot, window, clerk)
    clerk.type("yyht")  # 一氧化碳检测报警器

    def twenty(dialog: QWidget) -> None:
        try:
            assert isinstance(dialog, QInputDialog)
            qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
            clerk.type("20")  # how many in all: data
            clerk.press(Key.Key_Return)
        except BaseException as error:  # never leave the dialog blocking the test
            print("dialog answer failed:", repr(error))
            dialog.close()
            raise

    when_modal(twenty)
    clerk.press(Key.Key_N, CTRL | SHIFT)
    wait_active(qtbot, window)
    serials = [f"CO26A{n:04d}" for n in range(1, 21)]
    for serial in serials:
        clerk.scan(serial)  # each Enter goes down the serial column
    save(qtbot, window, clerk)

    items = saved_items(sqlite_counter)
    assert [i.serial for i in items] == serials
    assert {i.instrument_type.name for i in items} == {"一氧化碳检测报警器"}
    assert {i.use for i in items} == {"safety"} and all(i.compulsory for i in items)
    clerk.report(record_property, "20 identical CO alarms")
    assert clerk.keys <= 25
