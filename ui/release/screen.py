"""The return desk (领取 / 邮寄): scan, see what may leave and why, hand over or mail.

Scanner first.  The field takes an item label, the pickup receipt (order number), a fee
statement (F…) or a handover slip (R…); the order's items appear, every item that may
leave ticked.  Enter on the empty field (or Ctrl+Return) opens the collector dialog,
pre-filled from the order: the collector signs on the pad and Enter confirms — or
"打印纸质交接单" — and the handover slip opens to print.  So a ready order picked up
by its receipt takes three actions: scan, confirm, sign.
Space ticks / unticks the current row; Ctrl+M mails the ticked items; Ctrl+U returns
the current item unprocessed; Ctrl+Shift+F (quality supervisor) releases an account
customer's items against unpaid fees; Ctrl+P reprints the last slip; Ctrl+E saves its
certificates; Esc clears the desk for the next customer.
Mount: ``window.add_screen(ReturnScreen(ctx), _("领取/邮寄"), "Ctrl+5")``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.intake.lookups import order_of_item
from counter.release import ReleaseDone, ReturnLine, ReturnOrder, ReturnView, return_view
from counter.release import scan_for_return as scan
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults
from ui.release import flows as flows
from ui.release import return_model as rm
from ui.release.desk import DeskPage
from ui.release.host import ReturnHost
from ui.release.lists import ReturnListsPanel
from ui.release.return_model import ReturnItemsModel
from ui.release.tracking_panel import TrackingPanel


class ReturnScreen(ScreenDefaults, ReturnHost):
    #: whether an item may leave depends on its status, certificate, fees and handovers
    shows = Change.ORDERS | Change.CERTIFICATES | Change.STATEMENTS | Change.RELEASES
    items_released = Signal(str)  # release number (picked up or mailed)
    scan_refused = Signal(str)  # why a scan added nothing

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.customer_name = ""
        self.orders: dict[int, ReturnOrder] = {}
        self.last_release: ReleaseDone | None = None
        self.pending: QDialog | None = None  # the dialog last opened (tests answer it)
        self.model = ReturnItemsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(rm.SORT_ROLE)
        self.model.dataChanged.connect(lambda *_a: self._summarise())
        self.model.modelReset.connect(self._summarise)
        self.message = MessageLine(self)
        self.lists = ReturnListsPanel(ctx, self)
        self.tracking = TrackingPanel(ctx, self)
        self.lists.codes_chosen.connect(self.open_codes)
        self.tracking.codes_chosen.connect(self.open_codes)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._desk(), _("领取 / 邮寄"))
        self.tabs.addTab(self.tracking, _("快递单号查询"))
        self.tabs.addTab(self.lists, _("待取 / 超期 / 退回"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.signals.item_opened.connect(lambda item_id: self._opened_elsewhere(None, item_id))
        ctx.signals.order_opened.connect(lambda order_id: self._opened_elsewhere(order_id, None))
        self.watch_changes(ctx)
        self._summarise()

    # --- building -------------------------------------------------------------------------

    def _desk(self) -> QWidget:
        review = self.ctx.actor.can(Perm.REVIEW)
        desk = DeskPage(self.proxy, self.message, (
            ("pickup", _("确认领取"), "Ctrl+Return", self.confirm_pickup, True),
            ("mail", _("邮寄…"), "Ctrl+M", self.mail_ticked, True),
            ("unprocessed", _("退回未检…"), "Ctrl+U", self.return_current_unprocessed, True),
            ("unpaid", _("欠费放行…"), "Ctrl+Shift+F", self.approve_unpaid, review),
            ("slip", _("补打交接单"), "Ctrl+P", self.reprint_slip, True),
            ("certificates", _("导出证书 PDF…"), "Ctrl+E", self.export_certificates, True),
            ("clear", _("清空"), "Esc", self.clear_desk, True),
        ), self)  # fmt: skip
        self.code, self.header, self.table = desk.code, desk.header, desk.table
        self.summary, self.buttons = desk.summary, desk.buttons
        self.code.returnPressed.connect(self.open_code)
        toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self._toggle_current)
        toggle.setContext(Qt.ShortcutContext.WidgetShortcut)
        return desk

    def focus_first(self) -> None:
        """Called by the main window when the screen is shown: the scan field."""
        self.tabs.setCurrentIndex(0)
        self.code.setFocus()
        self.code.selectAll()

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.lists:
            self.lists.refresh()
        elif self.tabs.widget(index) is self.tracking:
            self.tracking.field.setFocus()

    # --- scanning ---------------------------------------------------------------------------

    def accept_scan(self, code: str) -> bool:
        """A scanner's code while this screen is shown: open it here."""
        if not self.isVisible():
            return False
        self.tabs.setCurrentIndex(0)
        self.open_code(code)
        return True

    def open_code(self, code: str | None = None) -> ReturnView | None:
        """Open what the code names; Enter on the empty field confirms the pickup."""
        raw = self.code.text() if code is None else code
        if not raw.strip():
            self.confirm_pickup()
            return None
        today = local_date(self.ctx.clock.now())
        return self._load(lambda s: scan(s, raw, today=today), raw)

    def open_codes(self, codes: list[str]) -> None:
        self.tabs.setCurrentIndex(0)
        for code in codes:
            self.open_code(code)

    def _opened_elsewhere(self, order_id: int | None, item_id: int | None) -> None:
        """A scan the main window caught while this screen is shown: show it here too."""
        if not self.isVisible() or self.tabs.currentIndex() != 0:
            return
        today = local_date(self.ctx.clock.now())

        def load(s: Session) -> ReturnView:
            oid = order_id if order_id is not None else order_of_item(s, item_id or 0)
            return return_view(s, [oid], scanned_item_id=item_id, today=today)

        self._load(load, "")

    def _load(self, query: Callable[..., ReturnView], code: str) -> ReturnView | None:
        self.message.clear_message()
        view = op.read(self, query)
        if view is None:
            self.code.selectAll()
            return None
        self.code.clear()
        if not self.model.ticked_ids():  # no handover under way: this scan starts one
            self.clear_desk()
        elif view.customer_id != self.customer_id:  # under way for someone else: add nothing
            text = _("{code} 属于“{other}”，不是本次领取的“{current}”，未加入。"
                     "接待下一位客户请先按 Esc 清空。").format(
                code=code.strip() or view.orders[0].number, other=view.customer_name,
                current=self.customer_name)  # fmt: skip
            self.message.show_error(text)
            self.scan_refused.emit(text)
            return None
        self._show(view)
        return view

    def _show(self, view: ReturnView, tick: list[int] | None = None) -> None:
        fresh = {line.item_id: line for line in view.lines}
        old = self.model.rows() if self.customer_id == view.customer_id else []
        ticked = set(self.model.ticked_ids()) if old else set()
        rows = [fresh.pop(r.item_id, r) for r in old] + list(fresh.values())
        ticked |= {i for i in fresh if fresh[i].can_leave} | set(tick or ())
        self.customer_id, self.customer_name = view.customer_id, view.customer_name
        self.orders.update({o.id: o for o in view.orders})
        self.model.set_rows(rows, ticked)
        self.table.resizeColumnsToContents()
        orders = "、".join(o.number for o in self.orders.values())
        contact = "　".join(
            x for x in (view.orders[0].contact_name, view.orders[0].contact_phone) if x
        )
        account = _("（记账客户）") if view.account_customer else ""
        head = _("<b>{customer}</b>{account}　委托单 {orders}　联系人 {contact}")
        self.header.setText(head.format(customer=view.customer_name, account=account,
                                        orders=orders, contact=contact or "—"))  # fmt: skip
        line = view.line(view.scanned_item_id) if view.scanned_item_id else None
        if line is not None:
            self._select(line.item_id)
            if line.can_leave:
                self.model.set_ticked(line.item_id, True)
            else:
                self.message.show_error(_("器具 {item}：{reason}").format(
                    item=line.item_number, reason=line.reason))  # fmt: skip

    def _select(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def refresh_view(self, tick: list[int] | None = None) -> None:
        if self.customer_id is None:
            return
        ids, today = list(self.orders), local_date(self.ctx.clock.now())
        view = op.read(self, lambda s: return_view(s, ids, today=today))
        if view is not None:
            self._show(view, tick)

    def refresh(self) -> None:
        """Something shown here was saved elsewhere: the desk's items, and the open list."""
        self.refresh_view()
        if self.tabs.currentWidget() is self.lists:
            self.lists.refresh()

    def clear_desk(self) -> None:
        self.customer_id, self.customer_name, self.orders = None, "", {}
        self.model.clear()
        self.header.setText("")
        self.message.clear_message()
        self.code.setFocus()

    # --- state shown ------------------------------------------------------------------------

    def current_line(self) -> ReturnLine | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _toggle_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.toggle(self.proxy.mapToSource(index).row())

    def _summarise(self) -> None:
        rows = self.model.rows()
        ticked = self.model.ticked_rows()
        ready = sum(1 for r in rows if r.can_leave)
        self.summary.setText(_("共 {n} 件，可领取 {ready} 件，已勾选 {ticked} 件").format(
            n=len(rows), ready=ready, ticked=len(ticked)) if rows else "")  # fmt: skip
        for key in ("pickup", "mail"):
            self.buttons[key].setEnabled(bool(ticked))
        self.buttons["unpaid"].setEnabled(any(r.fees_only for r in rows))
        for key in ("slip", "certificates"):
            self.buttons[key].setEnabled(self.last_release is not None)

    # --- actions ----------------------------------------------------------------------------

    def _ticked(self) -> list[ReturnLine]:
        lines = self.model.ticked_rows()
        if not lines:
            self.message.show_error(_("请先扫码，并勾选要发放的器具"))
        return lines

    def confirm_pickup(self) -> None:
        if lines := self._ticked():
            flows.start_pickup(self, lines)

    def mail_ticked(self) -> None:
        if lines := self._ticked():
            flows.start_mail(self, lines)

    def return_current_unprocessed(self) -> None:
        line = self.current_line()
        if line is None:
            self.message.show_error(_("请先在列表中选中要退回的器具"))
            return
        flows.start_unprocessed(self, line)

    def approve_unpaid(self) -> None:
        lines = [r for r in self.model.rows() if r.fees_only]
        if not self.ctx.actor.can(Perm.REVIEW) or not lines:
            return
        flows.start_unpaid_approval(self, lines)

    def released(self, done: ReleaseDone) -> None:
        """After a pickup or a dispatch: the desk as it is now, and the papers to print."""
        self.last_release = done
        self.refresh_view()
        self.model.set_rows(self.model.rows(), ticked=[])  # this customer's handover is done
        text = (
            _("交接单 {number}：{n} 件已邮寄")
            if done.way == "mail"
            else _("交接单 {number}：{n} 件已领取")
        )
        self.message.show_info(text.format(number=done.number, n=len(done.item_numbers)))
        self.items_released.emit(done.number)
        flows.show_papers(self, done)

    def reprint_slip(self) -> None:
        if self.last_release is not None:
            flows.reprint_slip(self, self.last_release)

    def export_certificates(self) -> None:
        if self.last_release is not None:
            flows.export_certificates(self, self.last_release)
