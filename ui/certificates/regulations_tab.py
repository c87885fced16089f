"""The regulations register tab: add (Ctrl+N), change (F2), import a CSV/XLSX (Ctrl+I).

An import saves every row or, with any bad row, none; each bad row is named.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from counter.certificates.regulations import (
    RegulationForm,
    RegulationRow,
    import_regulations,
    list_regulations,
    parse_day,
    save_regulation,
)
from counter.changes import Change
from counter.i18n import _
from ui.certificates.register_dialogs import _FormDialog
from ui.certificates.register_tab import RegisterTab
from ui.certificates.regulations_model import SORT_ROLE, RegulationsModel
from ui.common import op
from ui.common.context import AppContext


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class RegulationDialog(_FormDialog):
    def __init__(self, ctx: AppContext, row: RegulationRow | None, parent: QWidget | None = None):
        super().__init__(_("检定规程") if row is None else _("修改检定规程 {code}").format(
            code=row.code), parent)  # fmt: skip
        self.ctx, self.row = ctx, row
        self.code, self.title = QLineEdit(self), QLineEdit(self)
        self.effective, self.withdrawn = QLineEdit(self), QLineEdit(self)
        self.replaced_by = QLineEdit(self)
        for edit in (self.effective, self.withdrawn):
            edit.setPlaceholderText("YYYY-MM-DD")
        for label, widget in ((_("规程编号"), self.code), (_("名称"), self.title),
                              (_("实施日期"), self.effective), (_("废止日期"), self.withdrawn),
                              (_("代替规程"), self.replaced_by)):  # fmt: skip
            self.form.addRow(label, widget)
        if row is not None:
            for edit, text in ((self.code, row.code), (self.title, row.title),
                               (self.effective, _day(row.effective)),
                               (self.withdrawn, _day(row.withdrawn)),
                               (self.replaced_by, row.replaced_by)):  # fmt: skip
                edit.setText(text)
        self.code.setFocus()

    def apply(self) -> None:
        form = RegulationForm(
            self.code.text(), self.title.text(), parse_day(self.effective.text(), "effective"),
            parse_day(self.withdrawn.text(), "withdrawn"), self.replaced_by.text(),
        )  # fmt: skip
        ctx, regulation_id = self.ctx, self.row.id if self.row else None
        op.write(self, lambda s: save_regulation(s, ctx.actor, ctx.clock, form, regulation_id),
                 Change.REGISTERS)  # fmt: skip


class RegulationsTab(RegisterTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.regulations = RegulationsModel(self)
        self.set_model(self.regulations, SORT_ROLE)
        self.add_button(_("新增规程"), "Ctrl+N", self.new_regulation)
        self.add_button(_("修改"), "F2", self.edit_regulation)
        self.add_button(_("导入 CSV/XLSX…"), "Ctrl+I", self.choose_file)
        self.buttons.addStretch(1)
        self.show_inactive.hide()  # a withdrawn regulation stays listed with its day
        self.table.doubleClicked.connect(lambda _i: self.edit_regulation())
        self.refresh()

    def refresh(self) -> None:
        rows = op.read(self, list_regulations)
        if rows is not None:
            self.regulations.set_rows(rows)
            self.table.resizeColumnsToContents()

    def new_regulation(self) -> None:
        if self.admin:
            self.open_dialog(RegulationDialog(self.ctx, None, self), _("检定规程已保存"))

    def edit_regulation(self) -> None:
        row = self.selected_row()
        if self.admin and row is not None:
            dialog = RegulationDialog(self.ctx, self.regulations.row_at(row), self)
            self.open_dialog(dialog, _("检定规程已保存"))

    def choose_file(self) -> None:
        if not self.admin:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, _("选择规程目录文件"), "", _("表格 (*.csv *.xlsx);;所有文件 (*)")
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        """Import the chosen file: all rows or none, each bad row named in the message line."""
        ctx = self.ctx
        self.message.clear_message()
        try:
            data = path.read_bytes()
        except OSError as error:
            self.message.show_error(
                _("无法读取文件：{reason}").format(reason=error.strerror or error)
            )
            return

        changed = op.write(
            self,
            lambda s: import_regulations(s, ctx.actor, ctx.clock, data, path.name),
            Change.REGISTERS,
        )
        if changed is not None:
            self.refresh()
            self.message.show_info(_("已导入规程目录：{n} 条有变化").format(n=changed))
