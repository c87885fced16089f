"""The registers certificates are checked against, for the administrator.

Three tabs: the standards register (new: Ctrl+N, change: F2 / Enter, take out of use
with a reason), the signing authorisations (new: Ctrl+N, revoke with a reason) and the
regulations register (`ui.certificates.regulations_tab`).
Nothing is deleted; every change is audited by `counter.certificates.registers`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QTabWidget,
    QWidget,
)

from counter.certificates.lookups import list_authorisations, list_standard_rows
from counter.certificates.registers import revoke_authorisation, set_standard_active
from counter.changes import Change
from counter.i18n import _
from ui.certificates import authorisations_model as am
from ui.certificates import standards_model as sm
from ui.certificates.authorisations_model import AuthorisationsModel
from ui.certificates.register_dialogs import AuthorisationDialog, StandardDialog
from ui.certificates.register_tab import RegisterTab
from ui.certificates.standards_model import StandardsModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.reason_dialog import ReasonDialog
from ui.common.screen import ScreenDefaults


class StandardsTab(RegisterTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.standards = StandardsModel(parent=self)
        self.set_model(self.standards, sm.SORT_ROLE)
        self.add_button(_("新增标准"), "Ctrl+N", self.new_standard)
        self.add_button(_("修改"), "F2", self.edit_standard)
        self.add_button(_("停用/启用"), "Ctrl+D", self.toggle_active)
        self.finish_buttons()
        self.table.doubleClicked.connect(lambda _i: self.edit_standard())
        self.refresh()

    def refresh(self) -> None:
        every = self.show_inactive.isChecked()
        rows = op.read(self, lambda s: list_standard_rows(s, include_inactive=every))
        if rows is not None:
            self.standards.set_rows(rows)
            self.table.resizeColumnsToContents()

    def new_standard(self) -> None:
        if self.admin:
            self.open_dialog(StandardDialog(self.ctx, None, self), _("计量标准已保存"))

    def edit_standard(self) -> None:
        row = self.selected_row()
        if self.admin and row is not None:
            dialog = StandardDialog(self.ctx, self.standards.row_at(row), self)
            self.open_dialog(dialog, _("计量标准已保存"))

    def toggle_active(self) -> None:
        row = self.selected_row()
        if not self.admin or row is None:
            return
        standard, ctx = self.standards.row_at(row), self.ctx

        def apply(reason: str) -> None:
            op.write(self, lambda s: set_standard_active(s, ctx.actor, ctx.clock, standard.id,
                                                         not standard.active, reason),
                     Change.REGISTERS, on_failure=op.shown_in(dialog.message))  # fmt: skip

        title = _("停用计量标准 {ref}") if standard.active else _("启用计量标准 {ref}")
        dialog = ReasonDialog(title.format(ref=standard.ref), _("原因："), apply, self)
        self.open_dialog(dialog, _("计量标准 {ref} 已更新").format(ref=standard.ref))


class AuthorisationsTab(RegisterTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.grants = AuthorisationsModel(self)
        self.set_model(self.grants, am.SORT_ROLE)
        self.add_button(_("新增授权"), "Ctrl+N", self.new_grant)
        self.add_button(_("撤销授权"), "Ctrl+D", self.revoke)
        self.finish_buttons()
        self.refresh()

    def refresh(self) -> None:
        every = self.show_inactive.isChecked()
        rows = op.read(self, lambda s: list_authorisations(s, include_inactive=every))
        if rows is not None:
            self.grants.set_rows(rows)
            self.table.resizeColumnsToContents()

    def new_grant(self) -> None:
        if self.admin:
            self.open_dialog(AuthorisationDialog(self.ctx, self), _("授权已保存"))

    def revoke(self) -> None:
        row = self.selected_row()
        if not self.admin or row is None:
            return
        grant, ctx = self.grants.row_at(row), self.ctx

        def apply(reason: str) -> None:
            op.write(self, lambda s: revoke_authorisation(s, ctx.actor, ctx.clock, grant.id,
                                                          reason),
                     Change.REGISTERS, on_failure=op.shown_in(dialog.message))  # fmt: skip

        dialog = ReasonDialog(
            _("撤销 {person} 的“{kind}”授权").format(person=grant.full_name,
                                                  kind=grant.instrument_type),
            _("撤销原因："), apply, self, confirm_text=_("撤销"),
        )  # fmt: skip
        self.open_dialog(dialog, _("授权已撤销"))


class RegistersScreen(ScreenDefaults, QTabWidget):
    #: the registers, and the people an authorisation names
    shows = Change.REGISTERS | Change.USERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.standards = StandardsTab(ctx, self)
        self.authorisations = AuthorisationsTab(ctx, self)
        self.addTab(self.standards, _("计量标准台账"))
        self.addTab(self.authorisations, _("签字授权"))
        from ui.certificates.regulations_tab import RegulationsTab  # it builds on this module's tab

        self.regulations = RegulationsTab(ctx, self)
        self.addTab(self.regulations, _("检定规程目录"))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.standards.table,
                                 self.standards.edit_standard)  # fmt: skip
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.watch_changes(ctx)

    def refresh(self) -> None:
        """Saved elsewhere (another window's register, a user renamed): read every tab again."""
        for tab in (self.standards, self.authorisations, self.regulations):
            tab.refresh()

    def focus_first(self) -> None:
        current = self.currentWidget()
        if isinstance(current, RegisterTab):
            current.table.setFocus()
