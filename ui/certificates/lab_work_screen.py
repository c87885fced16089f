"""The lab's work list: my certificates, sent back to me (with the reason), drafts, waiting.

Keys: Ctrl+Tab-like switching with the view tabs, Enter (or a double click) opens the
selected certificate's form, F5 reloads.  Saving in the form refreshes the list.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QTabBar, QVBoxLayout, QWidget

from counter.certificates.worklist import WorkRow, WorkView, lab_work_list, work_view_label
from counter.changes import Change
from counter.i18n import _
from ui.certificates import work_list_model as wm
from ui.certificates.form import CertificateForm
from ui.certificates.widgets import button, record_table
from ui.certificates.work_list_model import WorkListModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults


class LabWorkScreen(ScreenDefaults, QWidget):
    #: the lab's certificates, and the items received for it to work on
    shows = Change.CERTIFICATES | Change.ORDERS

    form_opened = Signal(int)  # item id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form: CertificateForm | None = None
        self.views = QTabBar(self)
        for view in WorkView:
            self.views.addTab(work_view_label(view))
        self.views.currentChanged.connect(lambda _i: self.refresh())
        self.rows = WorkListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.rows)
        self.proxy.setSortRole(wm.SORT_ROLE)
        self.table = record_table(self)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(wm.CHANGED, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.message = MessageLine(self)
        top = QHBoxLayout()
        top.addWidget(self.views, 1)
        top.addWidget(button(_("打开"), "Enter", self.open_selected, self))
        top.addWidget(button(_("刷新"), "F5", self.refresh, self))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        for keys in ("Return", "Enter"):
            QShortcut(QKeySequence(keys), self.table, self.open_selected)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.watch_changes(ctx)
        self.refresh()

    def view(self) -> WorkView:
        return list(WorkView)[max(0, self.views.currentIndex())]

    def refresh(self) -> None:
        ctx, view = self.ctx, self.view()
        rows = op.read(self, lambda s: lab_work_list(s, ctx.actor, view))
        self.rows.set_rows(rows or ())
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)

    def focus_first(self) -> None:
        self.table.setFocus()

    def selected(self) -> WorkRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.proxy.mapToSource(index).row()
        return self.rows.row_at(row)

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        form = CertificateForm(self.ctx, row.item_id, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = form
        form.destroyed.connect(lambda *_a: setattr(self, "form", None))
        self.form_opened.emit(row.item_id)
        form.open()
