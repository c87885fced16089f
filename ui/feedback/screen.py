"""评价与投诉: the complaints list (filters: state, owner department, object, overdue only,
text), overdue ones in red; Ctrl+N takes a new complaint, Enter (or a double click) opens
the selected one to take it through its life; F5 reads again.  A second tab shows an
order's ratings, records one taken on the phone and corrects one (`ratings_panel`)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.clock import local_date
from counter.feedback.complaint_views import ComplaintFilters, ComplaintRow, list_complaints
from counter.feedback.rules.complaints import Object, Status, object_label, status_label
from counter.i18n import _
from counter.intake.catalog import list_departments
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults
from ui.common.table_model import SORT_ROLE
from ui.feedback import complaints_model as cm
from ui.feedback.complaint_dialog import ComplaintDialog
from ui.feedback.complaint_form import NewComplaintDialog, combo
from ui.feedback.ratings_panel import RatingsPanel


class ComplaintsScreen(ScreenDefaults, QWidget):
    shows = Change.FEEDBACK | Change.CUSTOMERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pending: QWidget | None = None  # the dialog last opened (tests answer it)
        self.departments: list[tuple[int, str]] = (
            op.read(self, lambda s: [(d.id, d.name) for d in list_departments(s)]) or []
        )
        self.message = MessageLine(self)
        self.status = combo(self, [(None, _("全部状态")), *((s.value, status_label(s))
                                                         for s in Status)])  # fmt: skip
        self.owner = combo(self, [(None, _("全部部门")), *self.departments])
        self.object = combo(self, [(None, _("全部对象")), *((o.value, object_label(o))
                                                         for o in Object)])  # fmt: skip
        self.overdue = QCheckBox(_("只看超期(&O)"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("编号、投诉人、客户或内容"))
        self.search.setClearButtonEnabled(True)
        for box in (self.status, self.owner, self.object):
            box.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        self.model = cm.ComplaintsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(cm.WHO, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.count = QLabel(self)
        filters = QHBoxLayout()
        for label, widget in ((_("状态"), self.status), (_("首问负责部门"), self.owner),
                              (_("对象"), self.object)):  # fmt: skip
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        actions = QHBoxLayout()
        for text, keys, slot in (
            (_("受理投诉…"), "Ctrl+N", self.new_complaint),
            (_("处理…"), "Return", self.open_selected),
            (_("刷新"), "F5", self.refresh),
        ):
            button = QPushButton(text, self)
            button.setToolTip(keys)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            actions.addWidget(button)
            if keys != "Return":
                QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected)
        actions.addStretch(1)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.ratings = RatingsPanel(ctx, self)
        self.pages = QTabWidget(self)
        self.pages.addTab(page, _("投诉"))
        self.pages.addTab(self.ratings, _("客户评价"))
        QVBoxLayout(self).addWidget(self.pages)
        self.watch_changes(ctx)
        self.refresh()

    def focus_first(self) -> None:
        self.table.setFocus()

    def on_changed(self, changes: Change) -> None:
        super().on_changed(changes)
        if changes & Change.FEEDBACK:
            self.ratings.refresh()

    def filters(self) -> ComplaintFilters:
        return ComplaintFilters(
            status=self.status.currentData(),
            owner_department_id=self.owner.currentData(),
            object=self.object.currentData(),
            overdue_only=self.overdue.isChecked(),
            text=self.search.text(),
        )

    def refresh(self) -> None:
        filters, today = self.filters(), local_date(self.ctx.clock.now())
        rows = op.read(self, lambda s: list_complaints(s, filters, today))
        if rows is None:
            return
        current = self.current()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        overdue = sum(1 for r in rows if r.overdue)
        self.count.setText(_("共 {n} 件，超期 {overdue} 件").format(n=len(rows), overdue=overdue))
        ids = [r.id for r in rows]
        if current is not None and current.id in ids:
            self.select(current.id)
        elif ids:
            self.table.selectRow(0)

    def current(self) -> ComplaintRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select(self, complaint_id: int) -> None:
        for row, complaint in enumerate(self.model.rows()):
            if complaint.id == complaint_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def new_complaint(self) -> None:
        self.message.clear_message()
        dialog = NewComplaintDialog(self.ctx, self.departments, self)
        self.pending = dialog

        def taken() -> None:
            done = dialog.done_value
            if done is not None:
                self.message.show_info(_("投诉 {number} 已受理，应于 {date} 前答复").format(
                    number=done.number, date=done.planned_date.isoformat()))  # fmt: skip
                self.select(done.id)

        dialog.accepted.connect(taken)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_selected(self) -> None:
        row = self.current()
        if row is None:
            self.message.show_error(_("请先选择一件投诉"))
            return
        dialog = ComplaintDialog(self.ctx, row.id, self)
        self.pending = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
