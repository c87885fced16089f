"""Customer ratings of one order: find it (order, item or certificate number, or the slip's
rating code), see every rating with the voided ones, record one taken on the phone, or
correct one (the old one is kept, voided with the reason)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.changes import Change
from counter.clock import CHINA_TZ
from counter.feedback.ratings import (
    RatingRow,
    RatingTarget,
    correct_rating,
    rating_target,
    ratings_of_order,
    record_rating,
)
from counter.feedback.rules.scores import Level, channel_label, level_label, score_label
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.table_model import RowsTableModel


class RatingsModel(RowsTableModel[RatingRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [_("时间"), _("渠道"), _("评价"), _("意见"), _("记录人"), _("作废原因")], parent
        )

    def display(self, row: RatingRow, column: int) -> Any:
        voided = _("（已作废）") if row.voided else ""
        return (
            row.at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"),
            channel_label(row.channel),
            row.label + voided,
            row.comment,
            row.recorded_by or _("客户自评"),
            row.void_reason,
        )[column]


def score_combo(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for level in Level:
        box.addItem(level_label(level), level.value)
    for stars in (5, 4, 3, 2, 1):
        box.addItem(_("{n} 星").format(n=stars), stars)
    return box


Save = Callable[[Session, str | int, str, str], object]


class ScoreDialog(QDialog):
    """A score, a comment and (for a correction) the reason; saved by `save` when confirmed;
    a refusal stays in the dialog."""

    def __init__(
        self, title: str, ctx: AppContext, save: Save, with_reason: bool, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._save = save
        self.setWindowTitle(title)
        self.score = score_combo(self)
        self.comment = QLineEdit(self)
        self.comment.setMaxLength(1000)
        self.reason = QLineEdit(self)
        form = QFormLayout()
        form.addRow(_("评价："), self.score)
        form.addRow(_("意见："), self.comment)
        if with_reason:
            form.addRow(_("更正原因："), self.reason)
        else:
            self.reason.hide()
        self.message = MessageLine(self)
        self.ok_button = QPushButton(_("保存"), self)
        self.ok_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.ok_button)

    def submit(self) -> None:
        self.message.clear_message()
        score, comment, reason = self.score.currentData(), self.comment.text(), self.reason.text()
        went: list[bool] = []
        op.write(
            self,
            lambda s: self._save(s, score, comment, reason),
            Change.FEEDBACK,
            on_failure=op.shown_in(self.message),
            on_success=lambda _r: went.append(True),
        )
        if went:
            self.accept()


class RatingsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target: RatingTarget | None = None
        self.pending: QDialog | None = None
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(_("扫描或输入委托单号、器具编号、证书编号或评价码"))
        self.code.returnPressed.connect(self.look_up)
        self.order = QLabel(self)
        self.model = RatingsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.message = MessageLine(self)
        self.phone_button = QPushButton(_("记录电话评价…"), self)
        self.phone_button.clicked.connect(self.record_phone)
        self.correct_button = QPushButton(_("更正评价…"), self)
        self.correct_button.clicked.connect(self.correct)
        may = ctx.actor.can(Perm.RATE)
        for button in (self.phone_button, self.correct_button):
            button.setEnabled(may)
        top = QHBoxLayout()
        top.addWidget(self.code, 1)
        top.addWidget(self.order, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.phone_button)
        actions.addWidget(self.correct_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)

    def look_up(self) -> None:
        self.message.clear_message()
        text = self.code.text()
        target = op.read(self, lambda s: rating_target(s, text))
        if target is None:
            self.message.show_error(_("找不到 {code} 对应的委托单").format(code=text.strip()))
            return
        self.target = target
        self.order.setText(f"{target.order_number}　{target.customer}")
        self.refresh()

    def refresh(self) -> None:
        if self.target is None:
            return
        order_id = self.target.order_id
        rows = op.read(self, lambda s: ratings_of_order(s, order_id))
        if rows is not None:
            self.model.set_rows(rows)
            self.table.resizeColumnsToContents()

    def _ask(self, title: str, with_reason: bool, save: Save) -> None:
        dialog = ScoreDialog(title, self.ctx, save, with_reason, self)
        self.pending = dialog
        dialog.accepted.connect(self.refresh)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def record_phone(self) -> None:
        if self.target is None:
            self.message.show_error(_("请先查找委托单"))
            return
        a, c, order_id = self.ctx.actor, self.ctx.clock, self.target.order_id
        self._ask(
            _("记录电话评价"),
            False,
            lambda s, score, comment, _reason: record_rating(
                s, a, c, order_id, score, comment, "phone"
            ),
        )

    def correct(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.show_error(_("请先选择要更正的评价"))
            return
        row = self.model.row_at(index.row())
        a, c = self.ctx.actor, self.ctx.clock
        self._ask(
            _("更正评价：{score}").format(score=score_label(row.level, row.stars)),
            True,
            lambda s, score, comment, reason: correct_rating(
                s, a, c, row.id, score, comment, reason
            ),
        )
