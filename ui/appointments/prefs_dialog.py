"""预约偏好: the weekdays and half day a customer likes to come, and the dates they cannot
(the automatic plan respects both).  Saved at once; a blocked range is removed by choice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.appointments.prefs import (
    CustomerPrefs,
    block_dates,
    customer_preferences,
    set_preferences,
    unblock_dates,
)
from counter.appointments.rules.slots import half_label
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.dates import date_edit, edit_day
from ui.common.message_line import MessageLine

WEEKDAYS = (
    lambda: _("周一"),
    lambda: _("周二"),
    lambda: _("周三"),
    lambda: _("周四"),
    lambda: _("周五"),
    lambda: _("周六"),
    lambda: _("周日"),
)


class PrefsDialog(QDialog):
    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.setWindowTitle(_("预约偏好"))
        self.message = MessageLine(self)
        self.days = [QCheckBox(label(), self) for label in WEEKDAYS]
        self.half = QComboBox(self)
        for value, text in (("", _("不限")), ("am", half_label("am")), ("pm", half_label("pm"))):
            self.half.addItem(text, value)
        self.note = QLineEdit(self)
        self.blocked = QListWidget(self)
        today = local_date(ctx.clock.now())
        self.first, self.last = date_edit(self, today), date_edit(self, today)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("原因，如：收购旺季"))
        week = QHBoxLayout()
        for box in self.days:
            week.addWidget(box)
        block_row = QHBoxLayout()
        for widget in (QLabel(_("自")), self.first, QLabel(_("至")), self.last, self.reason):
            block_row.addWidget(widget)
        buttons = QHBoxLayout()
        for text, slot in (
            (_("保存偏好"), self.save),
            (_("添加不可预约日期"), self.block),
            (_("删除所选日期"), self.unblock),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("愿意送检的星期（不选为不限）")))
        layout.addLayout(week)
        layout.addWidget(self.half)
        layout.addWidget(self.note)
        layout.addWidget(QLabel(_("不可预约的日期")))
        layout.addWidget(self.blocked)
        layout.addLayout(block_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        customer_id = self.customer_id
        found = op.read(self, lambda s: customer_preferences(s, [customer_id]))
        prefs = (found or {}).get(customer_id) or CustomerPrefs(customer_id, frozenset(), "", ())
        for number, box in enumerate(self.days, 1):
            box.setChecked(number in prefs.weekdays)
        self.half.setCurrentIndex(max(0, self.half.findData(prefs.half)))
        self.note.setText(prefs.note)
        self.blocked.clear()
        for b in prefs.blocked:
            item = QListWidgetItem(f"{b.first.isoformat()} — {b.last.isoformat()}  {b.reason}")
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            self.blocked.addItem(item)

    def _write(self, action: Callable[[Session], object], text: str) -> None:
        def done(_result: object) -> None:
            self.refresh()
            self.message.show_info(text)

        op.write(
            self,
            action,
            Change.CUSTOMERS | Change.APPOINTMENTS,
            on_failure=op.shown_in(self.message),
            on_success=done,
        )

    def save(self) -> None:
        days = [n for n, box in enumerate(self.days, 1) if box.isChecked()]
        half, note = self.half.currentData(), self.note.text()
        actor, clock, customer_id = self.ctx.actor, self.ctx.clock, self.customer_id
        self._write(
            lambda s: set_preferences(s, actor, clock, customer_id, days, half, note),
            _("已保存预约偏好"),
        )

    def block(self) -> None:
        first, last, reason = edit_day(self.first), edit_day(self.last), self.reason.text()
        actor, clock, customer_id = self.ctx.actor, self.ctx.clock, self.customer_id
        self._write(
            lambda s: block_dates(s, actor, clock, customer_id, first, last, reason),
            _("已添加不可预约日期"),
        )

    def unblock(self) -> None:
        item = self.blocked.currentItem()
        if item is None:
            self.message.show_error(_("请先选择一段日期"))
            return
        range_id, actor, clock = (
            int(item.data(Qt.ItemDataRole.UserRole)),
            self.ctx.actor,
            self.ctx.clock,
        )
        self._write(lambda s: unblock_dates(s, actor, clock, range_id), _("已删除"))
