"""Helpers for the orders, order dialog, reprint and admin screen tests (real database)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot, SignalBlocker
from sqlalchemy import select

from counter.admin.rules.roles import Actor
from counter.changes import Change
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from db.models import Department, InstrumentType, Item
from tests.conftest import Counter
from ui.common.context import AppContext, AppSignals


def context(counter: Counter, actor: Actor | None = None) -> AppContext:
    return AppContext(counter.db, actor or counter.clerk, counter.clock, AppSignals())


def announces(qtbot: QtBot, ctx: AppContext, change: Change, timeout: int = 5000) -> SignalBlocker:
    """Wait (as a `with` block) until a committed write announces `change` on `ctx`."""
    return qtbot.waitSignal(
        ctx.signals.changed, timeout=timeout, check_params_cb=lambda c: bool(c & change)
    )


def type_id(counter: Counter, name: str) -> int:
    with counter.db.session() as s:
        return next(t.id for t in list_types(s) if t.name == name)


def add_customer(counter: Counter, name: str, phone: str = "") -> int:
    with counter.db.action() as s:
        return create_customer(
            s, counter.clerk, counter.clock, CustomerForm(name=name, phone=phone)
        ).id


def save(
    counter: Counter, *items: ItemDraft, customer_id: int | None = None, note: str = ""
) -> SavedOrder:
    draft = OrderDraft(customer_id=customer_id or counter.customer_id, items=items, note=note)
    with counter.db.action() as s:
        return save_order(s, counter.clerk, counter.clock, draft)


def many_orders(counter: Counter, n: int, type_name: str = "电子计价秤") -> list[SavedOrder]:
    """`n` one-item orders in one transaction, one minute apart."""
    scale = type_id(counter, type_name)
    saved = []
    with counter.db.action() as s:
        types = {t.id: t for t in list_types(s)}
        for k in range(n):
            draft = OrderDraft(
                customer_id=counter.customer_id, items=(ItemDraft(scale, serial=f"S{k}"),)
            )
            saved.append(save_order(s, counter.clerk, counter.clock, draft, types=types))
            counter.clock.advance(dt.timedelta(minutes=1))
    return saved


def item_ids(counter: Counter, order_id: int) -> list[int]:
    with counter.db.session() as s:
        return list(s.scalars(select(Item.id).where(Item.order_id == order_id).order_by(Item.seq)))


def item(counter: Counter, item_id: int) -> Item:
    with counter.db.session() as s:
        found = s.get(Item, item_id)
        assert found is not None
        return found


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` as a clerk would: ASCII as key presses, Chinese as an input-method commit.

    (QTest cannot press keys for characters outside ASCII; an IME commits them.)
    """
    widget.setFocus()
    for part in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if part.isascii():
            QTest.keyClicks(widget, part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QApplication.sendEvent(widget, event)


def add_type(counter: Counter, name: str, department: str = "医疗") -> int:
    """An instrument type the institute added itself: the starter fee standard has no row for it."""
    with counter.db.action() as s:
        dept = s.scalar(select(Department).where(Department.name == department))
        assert dept is not None
        kind = InstrumentType(name=name, department_id=dept.id, regulation="JJF 9999-2026")
        s.add(kind)
        s.flush()
        return kind.id
