"""One complaint through its life: what it is, then the next step its state allows.

received → 开始处理 / 答复; in handling → 答复 (how it was handled); answered → 回访 (its
kind, what the customer said, their final score); called back → 办结 (a quality
supervisor); before closing it may be 撤回 (with the reason).  The text box holds the
handling text, the call-back note or the withdrawal reason, as the step asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.changes import Change
from counter.clock import local_date
from counter.feedback.complaint_views import ComplaintRow, get_complaint
from counter.feedback.complaints import (
    answer_complaint,
    call_back,
    close_complaint,
    start_handling,
    withdraw_complaint,
)
from counter.feedback.rules.complaints import (
    FINAL,
    CallbackKind,
    Status,
    callback_label,
    object_label,
    priority_label,
    status_label,
)
from counter.feedback.rules.scores import Level, level_label, score_label
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.feedback.complaint_form import combo


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


class ComplaintDialog(QDialog):
    def __init__(self, ctx: AppContext, complaint_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = complaint_id
        self.row: ComplaintRow | None = None
        self.facts: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("number", _("编号")), ("status", _("状态")), ("who", _("投诉人")),
            ("object", _("投诉对象")), ("priority", _("紧急程度")),
            ("owner", _("首问负责部门")), ("dates", _("受理 / 计划 / 实际答复")),
            ("summary", _("投诉内容")), ("handling", _("处理情况")),
            ("callback", _("回访")), ("withdrawn", _("撤回原因")),
        ):  # fmt: skip
            value = QLabel(self)
            value.setWordWrap(True)
            form.addRow(label + "：", value)
            self.facts[key] = value
        self.kind = combo(self, [(k.value, callback_label(k)) for k in CallbackKind])
        self.final = combo(
            self, [(None, _("（未评分）")), *((lv.value, level_label(lv)) for lv in Level)]
        )
        self.text = QPlainTextEdit(self)
        self.text.setMaximumHeight(110)
        callback_row = QHBoxLayout()
        callback_row.addWidget(QLabel(_("回访类型："), self))
        callback_row.addWidget(self.kind)
        callback_row.addWidget(QLabel(_("客户最终评价："), self))
        callback_row.addWidget(self.final)
        callback_row.addStretch(1)
        self.message = MessageLine(self)
        self.buttons: dict[str, QPushButton] = {}
        steps = QHBoxLayout()
        for key, text, slot in (
            ("handle", _("开始处理"), self.start),
            ("answer", _("答复"), self.answer),
            ("call_back", _("记录回访"), self.call_back),
            ("close", _("办结"), self.close_it),
            ("withdraw", _("撤回"), self.withdraw),
        ):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            steps.addWidget(button)
            self.buttons[key] = button
        self.buttons["withdraw"].setToolTip(_("客户撤回投诉：在上面的文本框写明原因"))
        steps.addStretch(1)
        close = QPushButton(_("关闭"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        steps.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(callback_row)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addLayout(steps)
        self.resize(640, 600)
        self.reload()

    def reload(self) -> None:
        today = local_date(self.ctx.clock.now())
        row = op.read(self, lambda s: get_complaint(s, self.complaint_id, today))
        if row is None:
            return
        self.row = row
        self.setWindowTitle(_("投诉 {number}").format(number=row.number))
        status = status_label(row.status) + (f"（{_('超期')}）" if row.overdue else "")
        ref = f"：{row.object_ref}" if row.object_ref else ""
        callback = ""
        if row.callback_kind:
            final = score_label(row.final_level, row.final_stars) if row.final_level else ""
            callback = "　".join(
                x for x in (callback_label(row.callback_kind), final, row.callback_note) if x
            )
        for key, value in (
            ("number", row.number), ("status", status),
            ("who", "　".join(x for x in (row.who, row.phone) if x)),
            ("object", object_label(row.object) + ref),
            ("priority", priority_label(row.priority)), ("owner", row.owner_department),
            ("dates", " / ".join((_date(row.received_on), _date(row.planned_date),
                                  _date(row.answered_on)))),
            ("summary", row.summary), ("handling", row.handling), ("callback", callback),
            ("withdrawn", row.withdraw_reason),
        ):  # fmt: skip
            self.facts[key].setText(value)
        self.facts["status"].setStyleSheet("color: #b71c1c;" if row.overdue else "")
        self._enable(Status(row.status))

    def _enable(self, status: Status) -> None:
        actor = self.ctx.actor
        may = actor.can(Perm.COMPLAINTS)
        self.buttons["handle"].setEnabled(may and status is Status.RECEIVED)
        self.buttons["answer"].setEnabled(may and status in (Status.RECEIVED, Status.HANDLING))
        self.buttons["call_back"].setEnabled(may and status is Status.ANSWERED)
        self.buttons["close"].setEnabled(
            actor.can(Perm.CLOSE_COMPLAINT) and status is Status.CALLED_BACK
        )
        self.buttons["withdraw"].setEnabled(may and status not in FINAL)
        placeholder = {
            Status.RECEIVED: _("处理说明（开始处理时可写），或答复内容"),
            Status.HANDLING: _("处理情况和答复内容"),
            Status.ANSWERED: _("回访记录：客户的意见"),
            Status.CALLED_BACK: _("办结说明（可不填）"),
        }.get(status, "")
        self.text.setPlaceholderText(placeholder)
        self.text.setEnabled(status not in FINAL)

    def _step(self, action: Callable[[Session, str], None]) -> bool:
        self.message.clear_message()
        text = self.text.toPlainText()
        went: list[bool] = []
        op.write(
            self,
            lambda s: action(s, text),
            Change.FEEDBACK,
            on_failure=op.shown_in(self.message),
            on_success=lambda _r: went.append(True),
        )
        went_through = bool(went)
        if went_through:
            self.text.clear()
            self.reload()
        return went_through

    def start(self) -> None:
        a, c = self.ctx.actor, self.ctx.clock
        self._step(lambda s, text: start_handling(s, a, c, self.complaint_id, text))

    def answer(self) -> None:
        a, c = self.ctx.actor, self.ctx.clock
        self._step(lambda s, text: answer_complaint(s, a, c, self.complaint_id, text))

    def call_back(self) -> None:
        a, c = self.ctx.actor, self.ctx.clock
        kind, final = self.kind.currentData(), self.final.currentData()
        self._step(lambda s, text: call_back(s, a, c, self.complaint_id, kind, text, final))

    def close_it(self) -> None:
        a, c = self.ctx.actor, self.ctx.clock
        self._step(lambda s, text: close_complaint(s, a, c, self.complaint_id, text))

    def withdraw(self) -> None:
        a, c = self.ctx.actor, self.ctx.clock
        self._step(lambda s, text: withdraw_complaint(s, a, c, self.complaint_id, text))
