"""Correct an item's details as registered (model, serial, …) with a reason.

The fields are those of `counter.intake.lookups.ItemCorrection`; `correct_item` checks
the reason and lengths and writes before → after to the audit log.  A refusal
is shown in the dialog and nothing typed is lost.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.i18n import _
from counter.intake.corrections import ItemCorrection, correct_item, correction_of
from counter.intake.lookups import get_item
from counter.intake.receive import item_field_label
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_cancel_buttons
from ui.common.message_line import MessageLine

FIELDS = tuple(f.name for f in dataclasses.fields(ItemCorrection))


class ItemCorrectDialog(QDialog):
    def __init__(
        self, ctx: AppContext, item_id: int, item_number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item_id = item_id
        self.setWindowTitle(_("更正器具信息 {number}").format(number=item_number))
        self.message = MessageLine(self)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            self.edits[name] = edit
            form.addRow(item_field_label(name), edit)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("必填：为什么更正"))
        form.addRow(_("更正原因"), self.reason)
        self.buttons = ok_cancel_buttons(self, _("保存更正"), save=True, on_ok=self.submit)
        hint = QLabel(_("更正前后的内容和原因将记入操作日志。"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._load()
        self.edits[FIELDS[0]].setFocus()

    def _load(self) -> None:
        item_id = self.item_id
        current = op.read(self, lambda s: correction_of(get_item(s, item_id)))
        if current is None:
            return
        for name, edit in self.edits.items():
            edit.setText(getattr(current, name))

    def correction(self) -> ItemCorrection:
        return ItemCorrection(**{name: edit.text() for name, edit in self.edits.items()})

    def submit(self) -> None:
        self.message.clear_message()
        new, reason = self.correction(), self.reason.text()
        actor, clock, item_id = self.ctx.actor, self.ctx.clock, self.item_id
        op.write(
            self,
            lambda s: correct_item(s, actor, clock, item_id, new, reason),
            Change.ORDERS,
            on_success=lambda _r: self.accept(),
        )
