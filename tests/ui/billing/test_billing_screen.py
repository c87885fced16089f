"""The billing screen on a real database: a billing clerk prices, issues, prints and collects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.billing import statement_of_order
from counter.intake.receive import ItemDraft, SavedOrder
from db.models import AuditEntry, Customer
from db.models_billing import FeeStatement, FeeStatementLine
from tests.conftest import Counter
from tests.ui.conftest import make_ctx, show_active, when_modal
from tests.ui.orders_helpers import add_customer, add_type, save, type_id, type_text
from ui.billing import fee_lines_model as fm
from ui.billing.extra_charge_dialog import ExtraChargeDialog
from ui.billing.fee_line_dialog import FeeLineDialog
from ui.billing.fee_schedule_dialog import FeeScheduleDialog
from ui.billing.payment_dialog import PaymentDialog
from ui.billing.screen import BillingScreen
from ui.billing.statement_orders_dialog import StatementOrdersDialog
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.reason_dialog import ReasonDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def _order(counter: Counter) -> SavedOrder:
    return save(
        counter,
        ItemDraft(type_id(counter, "钢卷尺"), model="5m", serial="T1", measuring_range="0-8m",
                  service="calibration"),
        ItemDraft(type_id(counter, "电子计价秤"), model="ACS-30", serial="S1", use="trade"),
        ItemDraft(type_id(counter, "通用卡尺"), serial="K1", measuring_range="0-150mm",
                  urgency="urgent"),
    )  # fmt: skip


def _screen(qtbot: QtBot, counter: Counter) -> BillingScreen:
    screen = BillingScreen(make_ctx(counter, counter.billing))
    qtbot.addWidget(screen)
    screen.resize(1300, 600)
    show_active(qtbot, screen)
    screen.focus_first()
    return screen


def _answer(qtbot: QtBot, kind: type[QDialog], action: Callable[[QDialog], None]) -> list[str]:
    """Answer the next modal dialog, which must be a `kind`; returns what went wrong."""
    problems: list[str] = []

    def answer(widget: QWidget) -> None:
        if not isinstance(widget, kind):
            problems.append(f"expected {kind.__name__}, got {type(widget).__name__}")
            widget.close()
            return
        action(widget)

    when_modal(answer)
    return problems


def _press(
    qtbot: QtBot,
    screen: BillingScreen,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key on the lines table, with the screen the active window (offscreen, a closed dialog
    does not hand activation back by itself)."""
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.keyClick(screen.table, key, modifier)


def _close(dialog: QWidget) -> None:
    """Close a dialog (the preview opened after issuing)."""
    dialog.close()


def _confirm_then(then: Callable[[QWidget], None], seen: list[str] | None = None) -> None:
    """Answer the issue confirmation with 开具清单, then the next dialog (the preview)."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        if seen is not None:
            seen.append(box.text())
        when_modal(then)
        button = next(b for b in box.buttons() if b.text() == "开具清单")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    when_modal(answer)


def _scan(qtbot: QtBot, screen: BillingScreen, code: str) -> None:
    qtbot.keyClicks(screen.code, code)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)


def test_a_billing_clerk_prices_issues_prints_and_collects(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    saved = _order(c)
    screen = _screen(qtbot, c)
    _scan(qtbot, screen, saved.number)
    model = screen.model
    assert model.rowCount() == 3
    assert model.index(0, fm.CODE).data() == "C-005-006"
    assert model.index(1, fm.CODE).data() == "SAMPLE-02"  # a starter sample row
    assert model.index(1, fm.ADJUSTMENTS).data() == "强制检定免收费用（财税〔2017〕20号） -¥30.00"
    assert "合计 ¥74.50（大写：柒拾肆元伍角整）" in screen.totals.text()
    assert screen.table.hasFocus()

    # F2 on the steel tape: the Zhejiang tier, with a reason
    def pick_tier(dialog: QDialog) -> None:
        assert isinstance(dialog, FeeLineDialog)
        qtbot.keyClick(dialog.tier, Qt.Key.Key_Down)  # C-005-006 → ZJ-GJC
        assert dialog.price.text() == "20.00"
        type_text(dialog.reason, "按浙江标准收费")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = _answer(qtbot, FeeLineDialog, pick_tier)
    screen.table.selectRow(0)
    _press(qtbot, screen, Qt.Key.Key_F2)
    assert not problems
    assert model.index(0, fm.CODE).data() == "ZJ-GJC *"
    assert model.index(0, fm.AMOUNT).data() == "¥17.50"  # (20 + 3 × 5) − 50 %

    # Ctrl+E: a repair charge for the steel tape
    def repair(dialog: QDialog) -> None:
        assert isinstance(dialog, ExtraChargeDialog)
        assert dialog.kind.currentText() == "修理费"
        type_text(dialog.description, "更换尺带")
        qtbot.keyClicks(dialog.price, "80")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = _answer(qtbot, ExtraChargeDialog, repair)
    _press(qtbot, screen, Qt.Key.Key_E, CTRL)
    assert not problems and model.rowCount() == 4
    assert model.row_at(3).line.item_number == saved.item_numbers[0]
    assert "合计 ¥137.50" in screen.totals.text()

    # Ctrl+S issues and opens the preview, which the clerk closes
    previews: list[int] = []

    def close_preview(dialog: QDialog) -> None:
        assert isinstance(dialog, PdfPreviewDialog)
        previews.append(dialog.document.pageCount())
        dialog.reject()

    # Esc on the confirmation issues nothing
    asked: list[str] = []

    def refuse(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_Escape)

    when_modal(refuse)
    _press(qtbot, screen, Qt.Key.Key_S, CTRL)
    assert asked == ["开具收费清单：4 行，合计 ¥137.50。开具后如需更正，须作废后重新开具。"]
    assert screen.statement is None and screen.draft is not None

    problems: list[str] = []
    _confirm_then(
        lambda d: close_preview(d) if isinstance(d, PdfPreviewDialog) else problems.append(str(d))
    )
    with qtbot.waitSignal(screen.statement_issued) as issued:
        _press(qtbot, screen, Qt.Key.Key_S, CTRL)
    assert not problems and previews == [1]
    number = issued.args[0]
    assert screen.statement is not None and screen.statement.number == number
    assert screen.status.text().startswith(f"清单 {number}（未付款）")
    assert not screen.commands.edit.isEnabled() and screen.commands.pay.isEnabled()

    # F9: ¥50 by WeChat, then the rest in cash
    def pay(amount: str, method: int = 0) -> Callable[[QDialog], None]:
        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, PaymentDialog)
            dialog.method.setCurrentIndex(method)
            if amount:
                dialog.amount.clear()
                qtbot.keyClicks(dialog.amount, amount)
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

        return answer

    problems = _answer(qtbot, PaymentDialog, pay("50", method=2))
    with qtbot.waitSignal(screen.payment_recorded):
        _press(qtbot, screen, Qt.Key.Key_F9)
    assert not problems
    assert screen.status.text().startswith(f"清单 {number}（部分付款）")
    assert "已收 ¥50.00　应收余额 ¥87.50" in screen.totals.text()
    assert "微信 ¥50.00" in screen.payments.text()
    problems = _answer(qtbot, PaymentDialog, pay(""))  # the amount offered is what is due
    _press(qtbot, screen, Qt.Key.Key_F9)
    assert not problems
    assert screen.status.text().startswith(f"清单 {number}（已付清）")
    assert not screen.commands.pay.isEnabled()

    with c.db.session() as s:
        view = statement_of_order(s, saved.order_id)
        assert view is not None and view.status == "paid" and view.number == number
        statement = s.scalar(select(FeeStatement).where(FeeStatement.number == number))
        assert statement is not None
        amounts = s.scalars(
            select(FeeStatementLine.amount_fen).where(FeeStatementLine.statement_id == statement.id)
        ).all()
        assert statement.total_fen == sum(amounts) == 13750
        change = s.scalar(select(AuditEntry).where(AuditEntry.action == "statement.line_change"))
        assert change is not None and change.reason == "按浙江标准收费"


def test_an_over_payment_is_refused_in_the_dialog(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    saved = _order(c)
    screen = _screen(qtbot, c)
    _scan(qtbot, screen, saved.number)
    _confirm_then(_close)  # the preview after issuing
    screen.commands.issue.trigger()
    seen: list[str] = []

    def overpay(dialog: QDialog) -> None:
        assert isinstance(dialog, PaymentDialog)
        dialog.amount.clear()
        qtbot.keyClicks(dialog.amount, "100")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.message.text() if dialog.isVisible() else "closed")
        dialog.reject()

    problems = _answer(qtbot, PaymentDialog, overpay)
    screen.commands.pay.trigger()
    assert not problems
    assert seen == ["收款 ¥100.00 超过应收余额 ¥74.50"]
    assert screen.statement is not None and screen.statement.status == "unpaid"


def test_unknown_code_and_statement_number_scan(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    saved, other = _order(c), _order(c)
    screen = _screen(qtbot, c)
    _scan(qtbot, screen, "F2026999999")
    assert screen.message.is_error and "F2026999999" in screen.message.text()
    assert screen.model.rowCount() == 0
    _scan(qtbot, screen, saved.item_numbers[1])  # an item number opens its order
    assert screen.model.rowCount() == 3
    _confirm_then(_close)  # the preview after issuing
    screen.commands.issue.trigger()
    assert screen.statement is not None
    number = screen.statement.number
    _scan(qtbot, screen, other.number)
    assert screen.statement is None and screen.draft is not None
    _scan(qtbot, screen, number.lower())
    assert screen.statement is not None and screen.statement.number == number
    assert screen.model.rowCount() == 3 and screen.model.row_at(0).kind == "issued"
    _scan(qtbot, screen, saved.number)  # an order with a statement shows the statement
    assert screen.statement is not None and screen.statement.number == number


def test_void_and_reissue_from_the_screen(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    saved = _order(c)
    screen = _screen(qtbot, c)
    _scan(qtbot, screen, saved.number)
    _confirm_then(_close)
    screen.commands.issue.trigger()
    assert screen.statement is not None
    old = screen.statement.number

    def give_reason(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        type_text(dialog.reason, "客户名称有误")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = _answer(qtbot, ReasonDialog, give_reason)
    with qtbot.waitSignal(screen.statement_voided):
        _press(qtbot, screen, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not problems and screen.status.text().startswith(f"清单 {old}（已作废）")
    assert "作废原因：客户名称有误" in screen.status.text()

    def keep_offered_reason(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        assert dialog.reason.toPlainText() == "客户名称有误"  # the void reason is offered
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = _answer(qtbot, ReasonDialog, keep_offered_reason)
    _press(qtbot, screen, Qt.Key.Key_R, CTRL)
    assert not problems and screen.draft is not None
    assert f"开具后替代清单 {old}（原因：客户名称有误）" in screen.status.text()
    _confirm_then(_close)
    _press(qtbot, screen, Qt.Key.Key_S, CTRL)
    assert screen.statement is not None and screen.statement.replaces == old
    assert f"替代清单 {old}（原因：客户名称有误）" in screen.status.text()


def test_lines_model_passes_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    saved = _order(c)
    screen = _screen(qtbot, c)
    screen.open_orders([saved.order_id])
    assert screen.model.rowCount() == 3
    qtmodeltester.check(screen.model)
    assert screen.model.index(0, fm.AMOUNT).data(fm.SORT_ROLE) == 3450
    assert isinstance(screen.model.index(0, 0).data(fm.ROW_ROLE), fm.FeeLineRow)


def test_admin_imports_a_fee_standard_and_sees_row_errors(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    assert not _screen(qtbot, c).commands.import_schedule.isVisible()  # billing clerk: no import
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "收费代码,器具名称,计费单位,收费标准（元）\nC-1,钢卷尺,把,abc\nC-2,千分尺,把,-1\n", "utf-8"
    )
    dialog = FeeScheduleDialog(make_ctx(c, c.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.effective.setDate(QDate(2027, 1, 1))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.rowCount() == 2
    qtmodeltester.check(dialog.errors)
    assert [dialog.errors.index(0, col).data() for col in range(3)] == [
        "2",
        "收费标准（元）",
        "收费标准“abc”不是有效金额（元，最多两位小数）",
    ]
    assert dialog.message.text() == "文件有 2 处问题，未导入任何内容"
    good = tmp_path / "good.csv"
    good.write_text("收费代码,器具名称,计费单位,收费标准（元）\nC-1,钢卷尺,把,25\n", "utf-8")
    dialog.path.setText(str(good))
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.rowCount() == 0
    assert dialog.message.text() == "已导入 1 项收费标准，自 2027-01-01 起生效"
    assert "2027-01-01 起（1 项）" in dialog.versions.text()


def test_monthly_billing_picks_orders_of_an_account_customer(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    hospital = add_customer(c, "济南第一医院")
    with c.db.action() as s:
        customer = s.get(Customer, hospital)
        assert customer is not None
        customer.account_customer = True
    first = save(c, ItemDraft(type_id(c, "千分尺")), customer_id=hospital)
    second = save(c, ItemDraft(type_id(c, "通用卡尺")), customer_id=hospital)
    screen = _screen(qtbot, c)
    _scan(qtbot, screen, first.number)
    assert screen.commands.monthly.isEnabled()

    def tick_second(dialog: QDialog) -> None:
        assert isinstance(dialog, StatementOrdersDialog)
        qtmodeltester.check(dialog.model)
        assert dialog.model.rowCount() == 2
        assert dialog.model.checked_ids() == [first.order_id]
        dialog.table.selectRow(0)  # newest first: the second order
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    problems = _answer(qtbot, StatementOrdersDialog, tick_second)
    _press(qtbot, screen, Qt.Key.Key_M, CTRL)
    assert not problems and screen.draft is not None
    assert screen.draft.order_ids == (first.order_id, second.order_id)
    assert screen.model.rowCount() == 2
    _confirm_then(_close)
    _press(qtbot, screen, Qt.Key.Key_S, CTRL)
    assert screen.statement is not None
    assert [o.number for o in screen.statement.orders] == [first.number, second.number]


def test_a_line_without_fee_code_is_issued_only_with_a_reason(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    saved = save(c, ItemDraft(add_type(c, "动态血压监测仪"), service="calibration"))
    screen = _screen(qtbot, c)
    _scan(qtbot, screen, saved.number)

    def set_price(dialog: QDialog) -> None:  # the clerk prices it by hand: no code
        assert isinstance(dialog, FeeLineDialog)
        dialog.price.clear()
        qtbot.keyClicks(dialog.price, "120")
        type_text(dialog.reason, "按所内校准价")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = _answer(qtbot, FeeLineDialog, set_price)
    _press(qtbot, screen, Qt.Key.Key_F2)
    assert not problems and screen.model.index(0, fm.CODE).data() in ("", "*", " *")
    seen: list[str] = []

    def no_reason_then_cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        seen.append(dialog.prompt.text())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no reason: refused
        seen.append(dialog.message.text() if dialog.isVisible() else "closed")
        dialog.reject()

    problems = _answer(qtbot, ReasonDialog, no_reason_then_cancel)
    _press(qtbot, screen, Qt.Key.Key_S, CTRL)
    item = saved.item_numbers[0]
    assert not problems and seen == [
        f"以下收费项目没有收费标准代码：{item} 动态血压监测仪。\n"
        "如确需开具（合计 ¥60.00），请填写原因，原因将打印在清单上：",
        f"第 1 行 {item} 动态血压监测仪：没有收费标准代码\n"
        "请选择收费项目，或填写无收费代码的原因（将打印在清单上）",
    ]
    assert screen.statement is None

    def give_reason(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        when_modal(_close)  # the preview after issuing
        type_text(dialog.reason, "本所自定校准项目")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    problems = _answer(qtbot, ReasonDialog, give_reason)
    with qtbot.waitSignal(screen.statement_issued):
        _press(qtbot, screen, Qt.Key.Key_S, CTRL)
    assert not problems and screen.statement is not None
    assert screen.statement.no_code_reason == "本所自定校准项目"
    assert "无收费代码原因：本所自定校准项目" in screen.status.text()
