"""System administration: institute settings, fee policy, users, working-day calendar, reminder
rules and message templates, the appointment catalogue and slot capacity, the vehicles for
on-site work, audit log.

Mounted only for administrators; every action is also enforced in `counter/`
(`Perm.ADMIN`), so a screen opened by mistake still cannot change anything.
Ctrl+Tab / Ctrl+PgDn switch tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from counter.i18n import _
from ui.admin.audit_view import AuditView
from ui.admin.calendar import CalendarTab
from ui.admin.fees import FeePolicyTab
from ui.admin.settings import SettingsTab
from ui.admin.users import UsersTab
from ui.appointments.admin_catalogue import CatalogueTab
from ui.appointments.admin_slots import SlotsTab
from ui.archive.reminder_rules_tab import ReminderRulesTab
from ui.archive.templates_tab import TemplatesTab
from ui.common.context import AppContext
from ui.common.screen import ScreenDefaults
from ui.onsite.admin_vehicles import VehiclesTab


class AdminScreen(ScreenDefaults, QWidget):
    # shows nothing that others change under it: the forms keep what the administrator
    # typed, and the users and the audit log are re-read whenever their tab is shown
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings_tab = SettingsTab(ctx, self)
        self.fees_tab = FeePolicyTab(ctx, self)
        self.users_tab = UsersTab(ctx, self)
        self.calendar_tab = CalendarTab(ctx, self)
        self.reminder_rules_tab = ReminderRulesTab(ctx, self)
        self.templates_tab = TemplatesTab(ctx, self)
        self.catalogue_tab = CatalogueTab(ctx, self)
        self.slots_tab = SlotsTab(ctx, self)
        self.vehicles_tab = VehiclesTab(ctx, self)
        self.audit_view = AuditView(ctx, self)
        self.tabs = QTabWidget(self)
        for widget, title in (
            (self.settings_tab, _("机构设置")),
            (self.fees_tab, _("收费政策")),
            (self.users_tab, _("用户")),
            (self.calendar_tab, _("工作日历")),
            (self.reminder_rules_tab, _("周检提醒规则")),
            (self.templates_tab, _("消息模板")),
            (self.catalogue_tab, _("预约目录")),
            (self.slots_tab, _("预约容量")),
            (self.vehicles_tab, _("车辆")),
            (self.audit_view, _("操作日志")),
        ):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def focus_first(self) -> None:
        """Called by the main window when the screen is shown."""
        self.tabs.currentWidget().setFocus()

    def refresh(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        """The audit log and the users are re-read when their tab is shown."""
        widget = self.tabs.widget(index)
        if widget is self.audit_view:
            self.audit_view.model.reload()
        elif widget is self.users_tab:
            self.users_tab.refresh()
