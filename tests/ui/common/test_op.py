"""`ui.common.op`: a write announces what it changed once committed; a refusal shows in the
host's message line and saves nothing; background results never reach a deleted host."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Role
from counter.changes import Change
from counter.customers.records import CustomerForm, create_customer
from counter.errors import CounterError
from db.models import Customer, User
from tests.conftest import Counter
from tests.ui.conftest import make_ctx, wait_for_workers
from tests.ui.orders_helpers import type_text
from ui.admin.user_dialogs import UserDialog
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


class Host(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.message = MessageLine(self)
        QVBoxLayout(self).addWidget(self.message)


def _customers(counter: Counter) -> int:
    with counter.db.session() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


def _host(qtbot: QtBot, counter: Counter) -> Host:
    host = Host(make_ctx(counter))
    qtbot.addWidget(host)
    host.show()
    return host


def _add(counter: Counter, name: str) -> Callable[[Session], int]:
    return lambda s: create_customer(s, counter.clerk, counter.clock, CustomerForm(name=name)).id


def test_a_write_announces_its_change_after_the_commit(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    host = _host(qtbot, c)
    seen: list[int] = []
    # whoever hears the change reads the committed row
    host.ctx.signals.changed.connect(lambda _changes: seen.append(_customers(c)))
    with qtbot.waitSignal(host.ctx.signals.changed) as announced:
        customer_id = op.write(host, _add(c, "东昌府区眼镜店"), Change.CUSTOMERS)
    assert announced.args == [Change.CUSTOMERS]
    assert customer_id is not None and seen == [2]
    assert host.message.isHidden()


def test_a_refusal_shows_in_the_message_line_and_saves_nothing(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    host = _host(qtbot, c)
    first, refused = _add(c, "先存的一家"), _add(c, "   ")  # a customer needs a name

    def both(session: Session) -> int:
        first(session)
        return refused(session)

    succeeded: list[int] = []
    with qtbot.assertNotEmitted(host.ctx.signals.changed):
        result = op.write(host, both, Change.CUSTOMERS, on_success=succeeded.append)
    assert result is None and not succeeded
    assert host.message.is_error and "名称" in host.message.text()
    assert _customers(c) == 1  # the first customer was rolled back with the refusal


def test_a_refused_read_goes_to_on_failure_or_the_message_line(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    host = _host(qtbot, sqlite_counter)

    def refused(_session: Session) -> int:
        raise CounterError("数据库正忙")

    taken: list[CounterError] = []
    assert op.read(host, refused, on_failure=taken.append) is None
    assert [str(e) for e in taken] == ["数据库正忙"] and host.message.isHidden()
    assert op.read(host, refused) is None
    assert host.message.is_error and host.message.text() == "数据库正忙"


def test_a_user_dialog_refusal_stays_in_the_dialog(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    ctx = make_ctx(c, c.admin)
    dialog = UserDialog(ctx, None)
    qtbot.addWidget(dialog)
    type_text(dialog.username, "zhao")
    type_text(dialog.full_name, "赵检定")
    type_text(dialog.password, "lab-password-1")
    type_text(dialog.confirm, "lab-password-1")
    dialog.role_boxes[Role.LAB].setChecked(True)
    dialog.username.clear()  # refused by the domain: a user needs a name
    with qtbot.assertNotEmitted(ctx.signals.changed):
        dialog.submit()
    assert dialog.message.is_error and dialog.result() != UserDialog.DialogCode.Accepted
    type_text(dialog.username, "zhao")
    with qtbot.waitSignal(ctx.signals.changed) as announced:
        dialog.submit()
    assert announced.args == [Change.USERS]
    assert dialog.result() == UserDialog.DialogCode.Accepted
    with c.db.session() as s:
        assert s.scalar(select(User).where(User.username == "zhao")) is not None


def test_a_background_write_announces_and_answers_on_the_ui_thread(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    host = _host(qtbot, c)
    finished: list[bool] = []
    results: list[int] = []
    with qtbot.waitSignal(host.ctx.signals.changed) as announced:
        returned = op.write(
            host,
            _add(c, "后台保存的客户"),
            Change.CUSTOMERS,
            in_background=True,
            on_success=results.append,
            on_finished=lambda: finished.append(True),
        )
        assert returned is None  # the result arrives through on_success
    assert announced.args == [Change.CUSTOMERS]
    qtbot.waitUntil(lambda: bool(results))
    assert finished == [True] and _customers(c) == 2


def test_a_background_refusal_goes_to_on_failure(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    host = _host(qtbot, c)
    refusals: list[CounterError] = []
    with qtbot.assertNotEmitted(host.ctx.signals.changed, wait=100):
        op.write(
            host,
            _add(c, ""),
            Change.CUSTOMERS,
            in_background=True,
            on_success=lambda _id: pytest.fail("refused, not saved"),
            on_failure=refusals.append,
        )
        qtbot.waitUntil(lambda: bool(refusals))
    assert _customers(c) == 1 and host.message.isHidden()


def test_a_host_deleted_before_the_result_hears_nothing(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    ctx = make_ctx(c)
    host = Host(ctx)
    called: list[object] = []
    announced: list[Change] = []
    ctx.signals.changed.connect(announced.append)
    op.write(
        host,
        _add(c, "窗口已关"),
        Change.CUSTOMERS,
        in_background=True,
        on_success=called.append,
        on_finished=lambda: called.append("finished"),
    )
    shiboken6.delete(host)  # the window closed before the worker answers
    assert not op.alive(host)
    wait_for_workers(qtbot)
    qtbot.waitUntil(lambda: bool(announced))
    assert called == [] and announced == [Change.CUSTOMERS]
    assert _customers(c) == 2  # the write itself went through
