"""A clerk receives instruments with the keyboard and a scanner only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Item, Order
from tests.conftest import Counter
from tests.ui.conftest import focused, wait_active
from ui.common import messages
from ui.intake.editors import TypeEditor
from ui.intake.items_model import ItemsModel
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def type_keys(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus; the event loop turns afterwards, as at the counter."""
    qtbot.keyClicks(focused(), text)
    QApplication.processEvents()


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifiers)
    QApplication.processEvents()


def choose_customer(qtbot: QtBot, window: MainWindow, query: str = "lcjl") -> None:
    intake = window.intake
    intake.focus_first()
    qtbot.waitUntil(intake.picker.search.hasFocus)
    type_keys(qtbot, query)
    press(qtbot, Qt.Key.Key_Return)
    assert intake.picker.customer is not None


def order_count(counter: Counter) -> int:
    with counter.db.session() as s:
        return s.scalar(select(func.count()).select_from(Order)) or 0


def test_clerk_receives_three_instruments_with_keyboard_and_scanner(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    assert intake.picker.customer is not None
    assert intake.picker.customer.name == "聊城计量器具有限公司"
    assert "91310110666007217T" in intake.picker.card.text()
    # the cursor is in the first instrument's name; type it by pinyin initials
    assert isinstance(focused(), TypeEditor)
    type_keys(qtbot, "dzjjc")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "ACS-30")  # model
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "A001")  # serial
    press(qtbot, Qt.Key.Key_Return)  # Enter moves on like Tab
    assert intake.model.item_row(0).draft.serial == "A001"
    press(qtbot, Qt.Key.Key_D, CTRL)  # a second, identical scale
    type_keys(qtbot, "A002")
    press(qtbot, Qt.Key.Key_N, CTRL)  # and a blood-pressure meter
    type_keys(qtbot, "xyj")
    press(qtbot, Qt.Key.Key_Tab)
    model = intake.model
    assert [model.data(model.index(r, ItemsModel.DEPARTMENT)) for r in range(3)] == [
        "衡器",
        "衡器",
        "医疗",
    ]
    assert model.data(model.index(2, ItemsModel.PROMISED)) == "2026-11-30"
    assert not intake.review.problems

    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: intake.saved_panel.number.text() != "")
    qtbot.waitUntil(lambda: intake.saved_panel.receipt_button.isEnabled(), timeout=20000)

    with sqlite_counter.db.session() as s:
        orders = list(s.scalars(select(Order)))
        assert len(orders) == 1
        items = list(s.scalars(select(Item).order_by(Item.seq)))
        assert [i.department.name for i in items] == ["衡器", "衡器", "医疗"]
        assert [i.instrument_type.name for i in items] == [
            "电子计价秤",
            "电子计价秤",
            "血压计和血压表",
        ]
        assert [i.serial for i in items] == ["A001", "A002", ""]
        assert [i.model for i in items] == ["ACS-30", "ACS-30", ""]
        number, item_ids = orders[0].number, {i.number: i.id for i in items}
    assert intake.saved_panel.number.text() == number
    # ready for the next customer
    assert not intake.model.has_content() and intake.picker.customer is None
    qtbot.waitUntil(intake.picker.search.hasFocus)

    # the scanner reads the second label: the item opens, the search box stays empty
    second = f"{number}002"
    with qtbot.waitSignal(window.ctx.signals.item_opened) as opened:
        type_keys(qtbot, second)
        press(qtbot, Qt.Key.Key_Return)
    assert opened.args == [item_ids[second]]
    assert intake.picker.search.text() == ""


def test_unknown_code_says_so_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)
    before = window.intake.model.drafts()
    signals = window.ctx.signals
    with (
        qtbot.assertNotEmitted(signals.item_opened, wait=50),
        qtbot.assertNotEmitted(signals.order_opened, wait=50),
        qtbot.waitSignal(messages.events().shown) as shown,
    ):
        type_keys(qtbot, "20261999999001")
        press(qtbot, Qt.Key.Key_Return)
    text = "未找到编号为 20261999999001 的器具或委托单"
    assert shown.args == ["notice", text]
    assert window.notice.text() == text and not window.notice.isHidden()
    assert window.statusBar().currentMessage() == text
    assert window.intake.model.drafts() == before
    assert order_count(sqlite_counter) == 0


def test_double_save_stores_one_order(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_S, CTRL)
    press(qtbot, Qt.Key.Key_S, CTRL)
    intake.save_button.click()
    qtbot.waitUntil(lambda: intake.saved_panel.number.text() != "")
    press(qtbot, Qt.Key.Key_S, CTRL)  # an empty form: nothing happens
    assert order_count(sqlite_counter) == 1


def close_message_box(qtbot: QtBot) -> str:
    """Press OK on the message box; its window becomes active again (the offscreen platform
    has no window manager to do that)."""
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    text = box.text()
    parent = box.parentWidget()
    box.accept()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    if parent is not None:
        wait_active(qtbot, parent.window())
    return text


def test_no_customer_shows_the_problem_and_saves_nothing(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    intake = window.intake
    intake.table.begin_edit(intake.model.index(0, ItemsModel.TYPE))
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)
    assert "请先选择客户" in intake.review.plain_text()
    with qtbot.waitSignal(messages.events().shown) as shown:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert shown.args[0] == "error" and "请先选择客户" in shown.args[1]
    assert "请先选择客户" in close_message_box(qtbot)
    assert order_count(sqlite_counter) == 0
    assert intake.model.item_row(0).draft.type_id != 0


def test_unknown_instrument_name_is_refused_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    editor = focused()
    assert isinstance(editor, TypeEditor)
    type_keys(qtbot, "qwerty")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor and editor.text() == "qwerty"  # still there, to correct
    assert "“qwerty”不是目录中的器具名称" in intake.review.plain_text()
    press(qtbot, Qt.Key.Key_Escape)
    intake.table.begin_edit(intake.model.index(0, ItemsModel.SERIAL))
    type_keys(qtbot, "X-1")
    press(qtbot, Qt.Key.Key_Tab)
    with qtbot.waitSignal(messages.events().shown) as shown:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert "第 1 行：器具名称不在目录中，请从目录中选择" in shown.args[1]
    close_message_box(qtbot)
    assert order_count(sqlite_counter) == 0
    assert intake.model.item_row(0).draft.serial == "X-1"


def test_tab_order_follows_the_form(qtbot: QtBot, window: MainWindow) -> None:
    intake = window.intake
    expected = [
        intake.picker.search,
        intake.picker.new_button,
        intake.table,
        intake.channel,
        intake.contact_name,
        intake.contact_phone,
        intake.note,
        intake.save_button,
    ]
    chain: list[QWidget] = [expected[0]]
    widget = expected[0].nextInFocusChain()
    while widget is not None and widget is not expected[0] and len(chain) < 200:
        if widget in expected:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == expected
