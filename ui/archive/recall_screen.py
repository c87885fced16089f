"""周检提醒: the instruments due in a month (or between two dates), grouped by customer.

Default window: next month, with the overdue and the never-verified compulsory
instruments.  Filters: department, sector, region (division-code prefix), use,
customer.  F5 reads again; Ctrl+P previews the selected customer's 周检计划 and
Ctrl+Shift+P its 强制检定通知书; Ctrl+E exports the list as XLSX; Ctrl+B writes
every plan and notice of the month into a folder (off the UI thread); Ctrl+D drafts
reminders into the outbox.  A double-click (or Enter) opens the customer's file
(`ctx.signals.customer_opened`).

The list pages in by customer as the clerk scrolls (`DueTreeModel`, read off the UI
thread); its totals (customers, instruments) are counted apart once the first page has
come, off the UI thread.  The export and the reminders work on the whole selection,
never only on the pages shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.archive.due_summary import CustomerDueSummary, DueTotals, due_page, due_totals
from counter.archive.outbox import DraftResult, draft_reminders, due_customers_from
from counter.archive.recall import CustomerDue, DueEntry, due_list
from counter.archive.rules.messages import channel_label
from counter.changes import Change
from counter.clock import local_date
from counter.customers.records import search_customers
from counter.i18n import _
from counter.intake.catalog import list_departments
from counter.session import read
from ui.appointments.booking_dialog import BookingDialog
from ui.archive import due_model as dm
from ui.archive.dialogs import DraftDialog, ResultDialog
from ui.archive.due_filters import DueFilters, Window
from ui.archive.recall_documents import RecallDocuments
from ui.common import op
from ui.common.actions import action_row
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.paging_model import busy_bar
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.screen import ScreenDefaults


class _Selection(NamedTuple):
    query: dict[str, Any]  # the filters as `due_list` takes them
    wanted: set[int] | None  # the customers a name filter matched (None: no name filter)
    window: Window
    today: dt.date


#: customers a customer filter may match (more: the clerk types more of the name)
CUSTOMER_MATCHES = 200


class RecallScreen(RecallDocuments, ScreenDefaults, QWidget):
    #: due dates follow the ledger; reminders and rules change what is drafted and when
    shows = Change.LEDGER | Change.MESSAGES | Change.CUSTOMERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.preview: PdfPreviewDialog | None = None
        self.result_dialog: ResultDialog | None = None
        self.booking: BookingDialog | None = None
        departments = op.read(self, lambda s: [(d.id, d.name) for d in list_departments(s)])
        self.filters = DueFilters(self.today(), departments or [], self)
        self.filters.changed.connect(self.refresh)
        # what the last refresh chose, read on the UI thread: the pages and the totals are
        # read off it and must not touch the filter widgets
        self._selection = _Selection({}, set(), self.filters.due_window(), self.today())
        self._totals: DueTotals | None = None
        self._counting = 0  # bumped by every refresh: an older count is dropped
        self._count_due = False  # the totals are counted once the first page has come
        # pages of customers load off the UI thread
        self.model = dm.DueTreeModel(
            self._customer_entries, self, database=ctx.database, page=self._page, host=self
        )
        self.model.load_failed.connect(self.message.show_error)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(dm.NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.doubleClicked.connect(self.open_customer)
        for enter_key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(enter_key), self.tree, lambda: self.open_customer())
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.count_label = QLabel(self)
        buttons, self.buttons = action_row(
            self,
            (
                ("refresh", _("刷新"), "F5", self.refresh),
                ("plan", _("周检计划…"), "Ctrl+P", self.print_plan),
                ("notice", _("强检通知书…"), "Ctrl+Shift+P", self.print_notice),
                ("xlsx", _("导出 XLSX…"), "Ctrl+E", self.export_xlsx),
                ("batch", _("本月批量生成…"), "Ctrl+B", self.run_batch),
                ("draft", _("起草提醒…"), "Ctrl+D", self.draft),
                ("book", _("预约送检…"), "Ctrl+Shift+A", self.book),
            ),
        )
        self.busy = busy_bar(self)
        self.model.busy_changed.connect(self.busy.setVisible)
        buttons.addStretch(1)
        buttons.addWidget(self.busy)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.watch_changes(ctx)
        self.refresh()

    def today(self) -> dt.date:
        return local_date(self.ctx.clock.now())

    def focus_first(self) -> None:
        self.tree.setFocus()

    # --- the list ---------------------------------------------------------------------

    def _query(self, session: Session) -> tuple[dict[str, Any], set[int] | None, str]:
        """The due list's filters as `due_list` takes them, the customers a name filter
        matched (None: no name filter) and a problem to show."""
        query: dict[str, Any] = dict(self.filters.query())
        text = self.filters.customer_text()
        if not text:
            return query, None, ""
        hits = search_customers(session, text, CUSTOMER_MATCHES)
        if not hits:
            return query, set(), _("没有找到客户“{text}”").format(text=text)
        wanted = {h.id for h in hits}
        if len(wanted) == 1:
            query["customer_id"] = next(iter(wanted))
        return query, wanted, ""

    def _page(
        self, session: Session, after: CustomerDueSummary | None, limit: int
    ) -> list[CustomerDueSummary]:
        """A page of the list, with the filters of the last refresh (off the UI thread)."""
        query, wanted, window, today = self._selection
        if wanted is not None and not wanted:
            return []
        return due_page(session, today, window.start, window.end, after=after,
                        limit=limit, customer_ids=wanted, **query)  # fmt: skip

    def _count(self, session: Session) -> DueTotals:
        query, wanted, window, _today = self._selection
        if wanted is not None and not wanted:
            return DueTotals(0, 0)
        return due_totals(session, window.start, window.end, customer_ids=wanted, **query)

    def _entries(
        self, session: Session, customer_ids: Collection[int] | None = None
    ) -> list[CustomerDue]:
        """The due entries of these customers (None: of every customer the list holds, not
        only the pages shown), with the list's window and filters."""
        window = self.filters.due_window()
        query, wanted, _problem = self._query(session)
        chosen = wanted if customer_ids is None else set(customer_ids)
        if chosen is not None and len(chosen) == 1:
            query["customer_id"] = next(iter(chosen))
        found = due_list(session, self.today(), window.start, window.end, **query)
        return found if chosen is None else [c for c in found if c.customer_id in chosen]

    def _customer_entries(self, customer_id: int) -> list[DueEntry] | None:
        found = op.read(self, lambda s: self._entries(s, {customer_id}))
        return None if found is None else [e for c in found for e in c.entries]

    def refresh(self) -> None:
        """Read the list again from its first page; the totals follow it."""
        self.message.clear_message()
        selection = op.read(self, self._query)
        if selection is None:
            return
        query, wanted, problem = selection
        if problem:
            self.message.show_error(problem)
        self._selection = _Selection(query, wanted, self.filters.due_window(), self.today())
        self._totals = None
        self._counting += 1
        self._count_due = True
        self._show_count()
        self.model.reload()

    def _rows_loaded(self, shown: int) -> None:
        if self._count_due:  # the first page
            self._count_due = False
            for column in range(1, self.model.columnCount()):
                self.tree.resizeColumnToContents(column)
            self._count_in_background()

    def _count_in_background(self) -> None:
        counting = self._counting

        def counted(totals: DueTotals) -> None:
            if counting == self._counting:
                self._totals = totals
                self._show_count()

        database = self.ctx.database
        op.in_background(self, lambda _progress: read(database, self._count), on_success=counted)

    def _show_count(self) -> None:
        window = self.filters.due_window()
        start, end = window.start.isoformat(), window.end.isoformat()
        totals = self._totals
        if totals is None:
            self.count_label.setText(_("{start} 至 {end}：正在统计…").format(start=start, end=end))
            return
        self.count_label.setText(
            _("{start} 至 {end}：{customers} 家客户，{n} 件器具").format(
                start=start, end=end, customers=totals.customers, n=totals.entries,
            )
        )  # fmt: skip

    def selected_ids(self) -> list[int]:
        """The customers of the selected rows (an instrument row selects its customer)."""
        ids: dict[int, None] = {}
        for index in self.tree.selectionModel().selectedRows(dm.NAME):
            customer_id = index.data(dm.CUSTOMER_ROLE)
            if customer_id is not None:
                ids[int(customer_id)] = None
        return list(ids)

    def current_id(self) -> int | None:
        index = self.tree.currentIndex()
        value = index.siblingAtColumn(dm.NAME).data(dm.CUSTOMER_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_customer(self, customer_id: int) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, dm.NAME)
            if index.data(dm.CUSTOMER_ROLE) == customer_id:
                self.tree.setCurrentIndex(index)
                flags = self.tree.selectionModel().SelectionFlag
                self.tree.selectionModel().select(index, flags.ClearAndSelect | flags.Rows)
                return

    def open_customer(self, index: QModelIndex | None = None) -> None:
        index = index if index is not None else self.tree.currentIndex()
        if not index.isValid():
            return
        customer_id = index.siblingAtColumn(dm.NAME).data(dm.CUSTOMER_ROLE)
        if customer_id is not None:
            self.ctx.signals.customer_opened.emit(int(customer_id))

    # --- printouts --------------------------------------------------------------------

    def _chosen_customer(self) -> CustomerDueSummary | None:
        customer_id = self.current_id()
        customer = self.model.customer(customer_id) if customer_id is not None else None
        if customer is None:
            self.message.show_error(_("请先选择一家客户"))
        return customer

    def book(self) -> BookingDialog | None:
        """Book the chosen customer for its listed instruments (预约, source "due")."""
        customer = self._chosen_customer()
        if customer is None:
            return None
        listed = self._customer_entries(customer.customer_id)
        if listed is None:
            return None
        dialog = BookingDialog(
            self.ctx,
            self,
            customer_id=customer.customer_id,
            customer_name=customer.name,
            instrument_ids=[e.instrument_id for e in listed],
            source="due",
        )
        self.booking = dialog
        dialog.open()
        return dialog

    # --- reminders --------------------------------------------------------------------

    def draft(self) -> None:
        totals = self._totals if self._totals is not None else op.read(self, self._count)
        if totals is None:
            return
        if not totals.customers:
            self.message.show_error(_("列表中没有客户可提醒"))
            return
        selected = set(self.selected_ids())
        dialog = DraftDialog(len(selected), totals.customers, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ids = None if dialog.all_listed() else selected  # None: the whole list
        chosen = op.read(self, lambda s: self._entries(s, ids))
        if chosen is None:
            return
        channel = dialog.chosen_channel()
        actor, clock = self.ctx.actor, self.ctx.clock
        due = due_customers_from(chosen)
        action: Callable[[Session], DraftResult] = lambda s: draft_reminders(  # noqa: E731
            s, actor, clock, due, channel
        )
        op.write(self, action, Change.MESSAGES,
                 on_success=lambda result: self._drafted(result, channel))  # fmt: skip

    def _drafted(self, result: DraftResult, channel: str) -> None:
        text = _("已起草 {n} 条{channel}提醒；{problems} 个问题；"
                 "{duplicates} 件器具已提醒过，未重复起草。")  # fmt: skip
        summary = text.format(
            n=len(result.drafted), channel=channel_label(channel),
            problems=len(result.problems), duplicates=result.duplicates,
        )  # fmt: skip
        self._result(_("起草提醒结果"), summary, list(result.problems), error=False)
