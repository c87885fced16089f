"""Creating and editing customers, and finding them from the intake screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Customer
from tests.conftest import Counter
from tests.ui.conftest import ime_commit, when_modal
from ui.common.context import AppContext
from ui.customers.dialog import CustomerDialog
from ui.shell.main_window import MainWindow


def customers(counter: Counter) -> int:
    with counter.db.session() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


def test_wrong_check_character_is_shown_while_typing_and_refused_on_save(
    qtbot: QtBot, ctx: AppContext, sqlite_counter: Counter
) -> None:
    dialog = CustomerDialog(ctx, None)
    qtbot.addWidget(dialog)
    ime_commit(dialog.name, "东昌府区眼镜店")
    qtbot.keyClicks(dialog.credit_code, "91310110666007217X")
    message = "统一社会信用代码校验位错误：第 18 位应为“T”，实为“X”"
    assert dialog.code_message.text() == message
    dialog.accept()
    assert dialog.result() != CustomerDialog.DialogCode.Accepted
    assert not dialog.problems.isHidden() and message in dialog.problems.text()
    assert customers(sqlite_counter) == 1  # only the fixture's customer
    # corrected, it saves
    dialog.credit_code.setText("91310115591693856A")
    assert dialog.code_message.text() == "✓ 校验位正确"
    dialog.accept()
    assert dialog.result() == CustomerDialog.DialogCode.Accepted
    assert dialog.customer_id is not None and customers(sqlite_counter) == 2


def test_editing_keeps_the_fields_and_a_duplicate_code_is_refused(
    qtbot: QtBot, ctx: AppContext, sqlite_counter: Counter
) -> None:
    dialog = CustomerDialog(ctx, sqlite_counter.customer_id)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "聊城计量器具有限公司"
    assert dialog.size_combo.currentData() == "small"
    dialog.phone.setText("0635-8888888")
    dialog.accept()
    with sqlite_counter.db.session() as s:
        customer = s.get(Customer, sqlite_counter.customer_id)
        assert customer is not None and customer.phone == "0635-8888888"
    other = CustomerDialog(ctx, None)
    qtbot.addWidget(other)
    ime_commit(other.name, "另一家公司")
    other.credit_code.setText("91310110666007217T")
    other.accept()
    assert "已属于客户“聊城计量器具有限公司”" in other.problems.text()


def test_new_customer_from_the_search_is_chosen_for_the_order(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    picker = window.intake.picker
    picker.focus_search()
    ime_commit(picker.search, "阳谷")
    picker.search_now()
    assert "没有找到“阳谷”" in picker.hint.text()

    def fill(dialog: object) -> None:
        assert isinstance(dialog, CustomerDialog)
        assert dialog.name.text() == "阳谷"  # what was searched for
        ime_commit(dialog.name, "粮食收购站")
        dialog.phone.setText("13900001111")
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter saves

    when_modal(fill)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(picker.search, Qt.Key.Key_C, shift_ctrl)
    assert picker.customer is not None and picker.customer.name == "阳谷粮食收购站"
    assert customers(sqlite_counter) == 2
