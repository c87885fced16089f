"""The outbox's rows as a table: when, to whom, what kind, which channel, its status and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from counter.archive.outbox_view import OutboxRow
from counter.archive.rules.messages import channel_label, kind_label, status_label
from counter.i18n import _
from ui.common.table_model import RowsTableModel

CREATED, CUSTOMER, KIND, CHANNEL, RECIPIENT, STATUS, NOTE, BATCH = range(8)

_STATUS_COLOURS = {"failed": "#c62828", "drafted": "#b26a00", "answered": "#1b5e20"}


def headers() -> list[str]:
    return [_("起草时间"), _("客户"), _("类型"), _("渠道"), _("收件人"), _("状态"),
            _("原因 / 答复"), _("批次")]  # fmt: skip


def message_text(row: OutboxRow) -> str:
    """Everything a clerk reads about one message, its text last."""
    lines = [
        _("收件人：{name}（{recipient}）").format(name=row.recipient_name, recipient=row.recipient),
        _("状态：{status}").format(status=status_label(row.status)),
    ]
    if row.status_reason:
        lines.append(_("原因：{reason}").format(reason=row.status_reason))
    if row.answer:
        lines.append(_("答复：{answer}").format(answer=row.answer))
    if row.instruments:
        names = _("、").join(
            f"{i.name}（{i.due.isoformat()}）" if i.due else i.name for i in row.instruments
        )
        lines.append(_("器具：{names}").format(names=names))
    lines.append("")
    if row.subject:
        lines += [row.subject, ""]
    lines.append(row.body)
    return "\n".join(lines)


class OutboxModel(RowsTableModel[OutboxRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: OutboxRow, column: int) -> Any:
        if column == CREATED:
            return f"{row.created_at:%Y-%m-%d %H:%M}"
        if column == CUSTOMER:
            return row.customer
        if column == KIND:
            return kind_label(row.kind)
        if column == CHANNEL:
            return channel_label(row.channel)
        if column == RECIPIENT:
            return row.recipient
        if column == STATUS:
            return status_label(row.status)
        if column == NOTE:
            return (row.answer or row.status_reason).replace("\n", " ")
        return row.batch

    def other_role(self, row: OutboxRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            colour = _STATUS_COLOURS.get(row.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE:
            return row.answer or row.status_reason or None
        return None
