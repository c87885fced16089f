"""Add or edit one ledger entry (计量器具台账): the catalogue type and every e-CQS field.

The type is picked from the catalogue (name or pinyin initials, e.g. "dzjjc");
what is wrong with the form (`ledger_form.form_problems`, and the domain's own
refusals) is shown in the dialog, which stays open with what was typed.
Ctrl+S or Enter saves, Esc cancels.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.archive.ledger import LedgerEntry, add_entry, entry_form, update_entry
from counter.archive.rules.ledger_form import MAX_QUANTITY, EntryForm, form_problems
from counter.archive.rules.ledger_table import parse_date
from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.catalog import TypeInfo, list_types, resolve_type_name
from counter.intake.rules.uses import Use, use_label
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine


def _labels() -> dict[str, str]:
    """The text fields, in the order the e-CQS ledger lists them, with their labels."""
    return {
        "name": _("器具名称（客户叫法）"),
        "category": _("项别"),
        "kind": _("种别"),
        "model": _("型号规格"),
        "measuring_range": _("测量范围"),
        "accuracy_class": _("准确度等级"),
        "serial": _("出厂编号"),
        "manufacturer": _("生产厂家"),
        "origin": _("产地"),
        "location": _("安装/使用地点"),
        "division_code": _("行政区划代码"),
        "regulator_number": _("强管唯一性号"),
    }


class EntryDialog(QDialog):
    """`entry` holds the saved entry once the dialog accepted."""

    def __init__(
        self,
        ctx: AppContext,
        customer_id: int,
        entry_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.entry_id = entry_id
        self.entry: LedgerEntry | None = None
        self.message = MessageLine(self)
        self.setWindowTitle(_("新增台账器具") if entry_id is None else _("编辑台账器具"))
        self.types: list[TypeInfo] = op.read(self, list_types) or []
        self._build()
        if entry_id is not None:
            form = op.read(self, lambda s: entry_form(s, entry_id))
            if form is not None:
                self.show_form(form)
        self.type_box.setFocus()

    # --- building ------------------------------------------------------

    def _build(self) -> None:
        self.type_box = QComboBox(self)
        self.type_box.setEditable(True)
        self.type_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.type_box.addItems([t.name for t in self.types])
        self.type_box.setCurrentIndex(-1)
        line = self.type_box.lineEdit()
        assert line is not None
        line.setPlaceholderText(_("目录中的器具名称或拼音首字母"))
        completer = QCompleter([t.name for t in self.types], self.type_box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.type_box.setCompleter(completer)
        labels = _labels()
        self.fields: dict[str, QLineEdit] = {}
        for name in labels:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            self.fields[name] = edit
        self.fields["division_code"].setPlaceholderText(_("6 位数字，如 371502"))
        self.fields["name"].setPlaceholderText(_("空：用目录名称"))
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, MAX_QUANTITY)
        self.use = QComboBox(self)
        for use in Use:
            self.use.addItem(use_label(use), use.value)
        self.verify_mode = QComboBox(self)
        self.verify_mode.addItem(_("送检"), "bring")
        self.verify_mode.addItem(_("现场检定"), "onsite")
        self.compulsory = QComboBox(self)
        self.compulsory.addItem(_("按目录和用途"), None)
        self.compulsory.addItem(_("是"), True)
        self.compulsory.addItem(_("否"), False)
        self.last_verified = QLineEdit(self)
        self.valid_until = QLineEdit(self)
        for edit in (self.last_verified, self.valid_until):
            edit.setPlaceholderText(_("YYYY-MM-DD，可空"))

        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("目录器具名称(&T)"), self.type_box)
        for name in ("name", "category", "kind", "model", "measuring_range", "accuracy_class"):
            left.addRow(labels[name], self.fields[name])
        left.addRow(_("数量"), self.quantity)
        for name in ("serial", "manufacturer", "origin", "location", "division_code"):
            right.addRow(labels[name], self.fields[name])
        right.addRow(_("用途"), self.use)
        right.addRow(_("送检方式"), self.verify_mode)
        right.addRow(_("强制检定"), self.compulsory)
        right.addRow(labels["regulator_number"], self.fields["regulator_number"])
        left.addRow(_("最近检定日期"), self.last_verified)
        left.addRow(_("有效期至"), self.valid_until)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        self.buttons = ok_cancel_buttons(self, _("保存"), on_ok=self.save, save=True)
        ok_button(self.buttons).setToolTip("Ctrl+S")
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        self.setMinimumWidth(em * 52)

    def ok_button(self) -> QWidget:
        return ok_button(self.buttons)

    # --- the form ------------------------------------------------------

    def show_form(self, form: EntryForm) -> None:
        kind = next((t for t in self.types if t.id == form.type_id), None)
        self.type_box.setCurrentText(kind.name if kind else "")
        for name, edit in self.fields.items():
            edit.setText(getattr(form, name))
        self.quantity.setValue(form.quantity)
        for box, value in (
            (self.use, form.use),
            (self.verify_mode, form.verify_mode),
            (self.compulsory, form.compulsory),
        ):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.last_verified.setText(form.last_verified.isoformat() if form.last_verified else "")
        self.valid_until.setText(form.valid_until.isoformat() if form.valid_until else "")

    def _date(self, edit: QLineEdit, label: str, problems: list[str]) -> dt.date | None:
        try:
            return parse_date(edit.text().strip())
        except ValueError:
            problems.append(_("“{field}”不是日期（如 2026-03-31）").format(field=label))
            return None

    def form(self) -> tuple[EntryForm | None, list[str]]:
        """The form as typed, or None with what is wrong with it."""
        problems: list[str] = []
        try:
            kind = resolve_type_name(self.types, self.type_box.currentText())
        except CounterError as error:
            problems.append(str(error))
            kind = None
        if kind is None and not problems:
            problems.append(_("请选择目录器具名称"))
        last = self._date(self.last_verified, _("最近检定日期"), problems)
        until = self._date(self.valid_until, _("有效期至"), problems)
        form = EntryForm(
            type_id=kind.id if kind else 0,
            **{name: edit.text() for name, edit in self.fields.items()},
            quantity=self.quantity.value(),
            use=str(self.use.currentData()),
            verify_mode=str(self.verify_mode.currentData()),
            compulsory=self.compulsory.currentData(),
            last_verified=last,
            valid_until=until,
        )
        problems += form_problems(form)
        return (form if not problems else None), problems

    def save(self) -> None:
        self.message.clear_message()
        form, problems = self.form()
        if form is None:
            self.message.show_error("\n".join(problems))
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        customer_id, entry_id = self.customer_id, self.entry_id

        def apply(session: Session) -> LedgerEntry:
            if entry_id is None:
                return add_entry(session, actor, clock, customer_id, form)
            return update_entry(session, actor, clock, entry_id, form)

        op.write(
            self,
            apply,
            Change.LEDGER,
            on_failure=op.shown_in(self.message),
            on_success=self._saved,
        )

    def _saved(self, entry: LedgerEntry) -> None:
        self.entry = entry
        self.accept()
