"""通知发件箱: the reminders and pickup messages, their status, and sending them in batches.

Filters: status and channel; 100 messages a page (Alt+← / Alt+→).  The selected
message's text shows beside the list.  Ctrl+S sends the drafted messages of a channel
into a folder (a CSV for the SMS platform, .eml files, letters, a call list) off the
UI thread, then names every recipient that failed and why.  Ctrl+R records the
customer's answer, Ctrl+Shift+F a failure (with the reason), Ctrl+Shift+D cancels
a message (with the reason).  F5 reads again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.archive.outbox import cancel, mark_answered, mark_failed
from counter.archive.outbox_view import OutboxPage, OutboxRow, outbox
from counter.archive.rules.messages import CHANNELS, STATUSES, channel_label, status_label
from counter.archive.senders import Sender
from counter.archive.sending import BatchResult, send_batch, sender_for
from counter.changes import Change
from counter.i18n import _
from ui.archive import outbox_model as om
from ui.archive.dialogs import FolderDialog, ResultDialog
from ui.common import op
from ui.common.actions import action_row
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.reason_dialog import WriteWithReason
from ui.common.screen import ScreenDefaults

PAGE = 100
#: the most messages one send takes (the rest go in the next batch)
SEND_LIMIT = 5000


class OutboxScreen(ScreenDefaults, QWidget):
    shows = Change.MESSAGES | Change.CUSTOMERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offset = 0
        self.total = 0
        self.result_dialog: ResultDialog | None = None
        self.message = MessageLine(self)
        self.status = self._combo(_("全部状态"), [(s, status_label(s)) for s in STATUSES])
        self.channel = self._combo(_("全部渠道"), [(c, channel_label(c)) for c in CHANNELS])
        self.model = om.OutboxModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(om.NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_text())
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.page_label = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("状态"), self))
        filters.addWidget(self.status)
        filters.addWidget(QLabel(_("渠道"), self))
        filters.addWidget(self.channel)
        filters.addStretch(1)
        filters.addWidget(self.page_label)
        actions, self.buttons = action_row(
            self,
            (
                ("refresh", _("刷新"), "F5", self.refresh),
                ("previous", _("上一页"), "Alt+Left", lambda: self.turn(-1)),
                ("next", _("下一页"), "Alt+Right", lambda: self.turn(1)),
                ("send", _("发送待发消息…"), "Ctrl+S", self.send),
                ("answered", _("已答复…"), "Ctrl+R", self.mark_answered),
                ("failed", _("标记失败…"), "Ctrl+Shift+F", self.mark_failed),
                ("cancel", _("取消消息…"), "Ctrl+Shift+D", self.cancel),
            ),
        )
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.watch_changes(ctx)
        self.refresh()

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for value, label in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self._filtered)
        return combo

    def focus_first(self) -> None:
        self.table.setFocus()

    # --- the list ---------------------------------------------------------------------

    def _filtered(self) -> None:
        self.offset = 0
        self.refresh()

    def refresh(self) -> None:
        current = self.current()
        status, channel, offset = self.status.currentData(), self.channel.currentData(), self.offset
        page = op.read(self, lambda s: outbox(s, status, None, PAGE, offset, channel=channel))
        if page is None:
            return
        self._show(page, current.id if current else None)

    def _show(self, page: OutboxPage, keep: int | None) -> None:
        self.total = page.total
        self.model.set_rows(page.rows)
        self.table.resizeColumnsToContents()
        ids = [r.id for r in page.rows]
        if ids:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._show_text()
        last = min(self.offset + PAGE, self.total)
        self.page_label.setText(
            _("第 {first}–{last} 条，共 {total} 条").format(
                first=self.offset + 1 if self.total else 0, last=last, total=self.total
            )
        )
        self.buttons["previous"].setEnabled(self.offset > 0)
        self.buttons["next"].setEnabled(last < self.total)

    def turn(self, pages: int) -> None:
        offset = self.offset + pages * PAGE
        if 0 <= offset < max(self.total, 1):
            self.offset = offset
            self.refresh()

    def current(self) -> OutboxRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_message(self, message_id: int) -> None:
        ids = [r.id for r in self.model.rows()]
        if message_id in ids:
            self.table.selectRow(ids.index(message_id))

    def _show_text(self) -> None:
        row = self.current()
        self.text.setPlainText(om.message_text(row) if row else "")

    # --- moves ------------------------------------------------------------------------

    def _move(self, title: str, prompt: str, action: Callable[[Session, int, str], None]) -> None:
        row = self.current()
        if row is None:
            self.message.show_error(_("请先选择一条消息"))
            return
        self.message.clear_message()
        dialog: WriteWithReason[None] = WriteWithReason(
            self.ctx, title, prompt.format(customer=row.customer, recipient=row.recipient),
            lambda s, text: action(s, row.id, text), Change.MESSAGES, self,
        )  # fmt: skip
        dialog.reason.setPlaceholderText(title)
        dialog.exec()

    def mark_answered(self) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock
        self._move(_("客户已答复"), _("“{customer}”（{recipient}）的答复："),
                   lambda s, i, text: mark_answered(s, actor, clock, i, text))  # fmt: skip

    def mark_failed(self) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock
        self._move(_("发送失败"), _("发给“{customer}”（{recipient}）的消息为何失败："),
                   lambda s, i, text: mark_failed(s, actor, clock, i, text))  # fmt: skip

    def cancel(self) -> None:
        actor, clock = self.ctx.actor, self.ctx.clock
        self._move(_("取消消息"), _("为何取消发给“{customer}”（{recipient}）的消息："),
                   lambda s, i, text: cancel(s, actor, clock, i, text))  # fmt: skip

    # --- sending ----------------------------------------------------------------------

    def send(self) -> None:
        self.message.clear_message()
        dialog = FolderDialog(
            _("发送待发消息"),
            _("把所选渠道的全部待发送消息写成发送文件（短信/微信：CSV；电子邮件：.eml；"
              "信函：PDF；电话：拨打清单），并记录每条的发送结果。"),
            self,
            channel=self.channel.currentData() or "sms",
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        channel, folder = dialog.chosen_channel(), Path(dialog.folder.text().strip())
        clock, actor, database = self.ctx.clock, self.ctx.actor, self.ctx.database

        def prepare(s: Session) -> tuple[list[int], Sender]:
            page = outbox(s, "drafted", None, SEND_LIMIT, 0, channel=channel)
            return [r.id for r in page.rows], sender_for(s, channel, clock)

        prepared = op.read(self, prepare)
        if prepared is None:
            return
        ids, sender = prepared
        if not ids:
            self.message.show_error(
                _("没有待发送的{channel}消息").format(channel=channel_label(channel))
            )
            return
        op.in_background(
            self,
            lambda _progress: send_batch(database, actor, clock, ids, sender, folder),
            on_success=self._sent,
            changes=Change.MESSAGES,
            progress=_("正在发送 {n} 条{channel}消息…").format(
                n=len(ids), channel=channel_label(channel)
            ),
        )

    def _sent(self, result: BatchResult) -> None:
        text = _("批次 {batch}：已发送 {sent} 条，失败 {failed} 条，写出 {files} 个文件。")
        summary = text.format(
            batch=result.batch, sent=len(result.sent), failed=len(result.failed),
            files=len(result.files),
        )  # fmt: skip
        lines = [
            _("失败：{customer}（{recipient}）：{reason}").format(
                customer=f.customer, recipient=f.recipient or "-", reason=f.reason
            )
            for f in result.failed
        ]
        lines += list(result.skipped) + [str(p) for p in result.files]
        self.message.show_message(summary, bool(result.failed))
        self.result_dialog = ResultDialog(_("发送结果"), summary, lines, self)
        self.result_dialog.open()
