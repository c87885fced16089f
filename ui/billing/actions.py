"""The billing screen's actions: their keys and buttons, and when each one is possible.

Shortcuts work while the keyboard is anywhere in the screen
(`WidgetWithChildrenShortcut`), so the same keys can mean other things on
other tabs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton

from counter.admin.rules.roles import Perm
from counter.i18n import _
from ui.billing.host import BillingCommands, BillingHost


class BillingActions:
    def __init__(
        self, screen: BillingHost, commands: BillingCommands, top: QHBoxLayout, row: QHBoxLayout
    ) -> None:
        self.screen, self.commands = screen, commands
        s, add = commands, self._add
        self.monthly = add(_("月结合并…"), ["Ctrl+M"], s.monthly, top)
        self.import_schedule = add(_("导入收费标准…"), ["Ctrl+Shift+I"], s.import_schedule, top)
        self.import_schedule.setVisible(screen.ctx.actor.can(Perm.ADMIN))
        self.edit = add(_("修改收费项目/单价"), ["F2"], s.edit_line, row)
        self.extra = add(_("添加其他费用"), ["Ctrl+E"], s.add_extra, row)
        self.remove = add(_("删除其他费用"), ["Delete"], s.remove_extra, row)
        self.issue = add(_("开具清单"), ["Ctrl+S"], s.issue, row)
        row.addStretch(1)
        self.preview = add(_("预览/打印"), ["Ctrl+P"], s.preview, row)
        self.export = add(_("导出 XLSX"), ["Ctrl+Shift+X"], s.export_xlsx, row)
        self.pay = add(_("收款"), ["F9"], s.record_payment, row)
        self.refund = add(_("退款"), ["Shift+F9"], s.record_refund, row)
        self.void = add(_("作废清单"), ["Ctrl+Shift+D"], s.void, row)
        self.reissue = add(_("重开清单"), ["Ctrl+R"], s.reissue, row)

    def _add(
        self, text: str, keys: Sequence[str], slot: Callable[[], object], row: QHBoxLayout
    ) -> QAction:
        action = QAction(text, self.screen)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({keys[0]})")
        action.triggered.connect(lambda _checked=False: slot())
        self.screen.addAction(action)
        button = QToolButton(self.screen)
        button.setDefaultAction(action)
        row.addWidget(button)
        return action

    def update(self) -> None:
        """Enable what the screen's state allows."""
        s = self.screen
        draft, st, current = s.draft is not None, s.statement, self.commands.current_row()
        account = bool(s.draft.terms.account_customer if s.draft else st and st.account_customer)
        for action, enabled in (
            (self.edit, draft and current is not None and current.kind == "item"),
            (self.extra, draft),
            (self.remove, draft and current is not None and current.kind == "extra"),
            (self.issue, draft and bool(s.lines or s.extras)),
            (self.monthly, account),
            (self.preview, st is not None),
            (self.export, st is not None),
            (self.pay, st is not None and st.status in ("unpaid", "partly_paid")),
            (self.refund, st is not None and st.paid_fen > 0),
            (self.void, st is not None and st.status != "void"),
            (self.reissue, st is not None and not st.replaced_by),
        ):
            action.setEnabled(bool(enabled))
