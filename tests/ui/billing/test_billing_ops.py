"""The billing screen acts through `ui.common.op`: a payment is announced, a refusal stays
in the dialog with nothing saved, and the statement on screen follows what others saved."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from counter.billing import issue_statement, record_payment
from counter.changes import Change
from db.models_billing import FeePayment
from tests.conftest import Counter
from tests.ui.billing.test_billing_screen import _order, _screen
from ui.billing.payment_dialog import PaymentDialog
from ui.billing.screen import BillingScreen
from ui.common import op


def _issued(qtbot: QtBot, c: Counter) -> tuple[BillingScreen, int]:
    saved = _order(c)
    with c.db.action() as s:
        statement_id = issue_statement(s, c.billing, c.clock, [saved.order_id], None, []).id
    screen = _screen(qtbot, c)
    screen.show_statement(statement_id)
    return screen, statement_id


def _payments(c: Counter) -> int:
    with c.db.session() as s:
        return s.scalar(select(func.count()).select_from(FeePayment)) or 0


def test_a_payment_is_announced_and_the_screen_follows(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    screen, _sid = _issued(qtbot, c)
    assert screen.statement is not None and screen.statement.paid_fen == 0
    dialog = PaymentDialog(screen.ctx, screen.statement, screen)
    dialog.amount.setText("10")
    with qtbot.waitSignal(screen.ctx.signals.changed) as changed:
        dialog.submit()
    assert changed.args == [Change.STATEMENTS] and dialog.result() == dialog.DialogCode.Accepted
    assert screen.statement.paid_fen == 1000  # read again on hearing it, not by the dialog
    assert _payments(c) == 1


def test_a_refused_payment_stays_in_the_dialog_with_nothing_saved(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    screen, _sid = _issued(qtbot, c)
    assert screen.statement is not None
    dialog = PaymentDialog(screen.ctx, screen.statement, screen)
    dialog.amount.setText("100000")
    heard: list[object] = []
    screen.ctx.signals.changed.connect(heard.append)
    dialog.submit()
    assert dialog.message.is_error and "超过应收余额" in dialog.message.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _payments(c) == 0 and heard == []
    assert not screen.message.is_error  # the dialog said it, not the screen


def test_a_refused_read_shows_in_the_screens_message_line(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    screen = _screen(qtbot, c)
    screen.show_statement(999999)
    assert screen.message.is_error and screen.statement is None


def test_a_payment_taken_elsewhere_updates_a_hidden_screen_when_shown(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    screen, sid = _issued(qtbot, c)
    screen.hide()
    op.write(screen, lambda s: record_payment(s, c.billing, c.clock, sid, "cash", 500),
             Change.STATEMENTS)  # fmt: skip
    assert screen.statement is not None and screen.statement.paid_fen == 0 and screen.stale
    screen.show()
    assert screen.statement.paid_fen == 500 and not screen.stale
