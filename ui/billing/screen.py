"""The billing screen (收费): scan an order, item or statement; price, issue, print, collect.

Keyboard and scanner first: the number field takes an order number, an item
number or a statement number (Enter).  An order without a statement opens as
a draft of proposed lines (F2 another tier or price, with a reason; Ctrl+E an
extra charge; Del removes it; Ctrl+M monthly billing of an account customer);
Ctrl+S issues the statement and previews it.  An issued statement: Ctrl+P
preview/print, Ctrl+Shift+X XLSX, F9 payment, Shift+F9 refund, Ctrl+Shift+D
void, Ctrl+R void and reissue.
Mount: ``window.add_screen(BillingScreen(ctx), _("收费"), "Ctrl+3")``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.billing import (
    BillingDraft,
    DraftLine,
    StatementView,
    billing_target,
    price_draft,
    statement_view,
)
from counter.billing.rules.pricing import ExtraCharge
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.intake.scan import lookup, unknown_code_message
from ui.billing import fee_lines_model as fm
from ui.billing import flows as flows
from ui.billing.actions import BillingActions
from ui.billing.fee_lines_model import FeeLinesModel
from ui.billing.host import BillingHost
from ui.billing.texts import (
    Reissue,
    draft_rows,
    header_text,
    payments_text,
    statement_rows,
    status_text,
    totals_text,
)
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults


class BillingScreen(ScreenDefaults, BillingHost):
    #: the statement on screen: its payments, its status, its orders and customer
    shows = Change.STATEMENTS | Change.ORDERS | Change.CUSTOMERS
    statement_issued = Signal(str)  # statement number
    payment_recorded = Signal(str)  # statement number (payment or refund)
    statement_voided = Signal(str)  # statement number

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft: BillingDraft | None = None
        self.lines: list[DraftLine] = []
        self.extras: list[ExtraCharge] = []
        self.statement: StatementView | None = None
        self.reissue_of: Reissue | None = None  # the statement a draft will replace
        self.pending: QDialog | None = None  # the dialog last opened (tests answer it)
        self.model = FeeLinesModel(self)
        self._build()
        self.commands = BillingActions(self, self, self.top_row, self.button_row)
        self._show()
        self.watch_changes(ctx)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.code = QLineEdit(self)
        self.code.setObjectName("billing_code")
        self.code.setPlaceholderText(_("扫描或输入委托单号、收件编号或清单编号，回车打开"))
        self.code.setClearButtonEnabled(True)
        self.code.returnPressed.connect(self.open_code)
        label = QLabel(_("单号(&N)："), self)
        label.setBuddy(self.code)
        self.header = QLabel(self)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            fm.ADJUSTMENTS, QHeaderView.ResizeMode.Stretch
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_line())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.commands.update())
        self.totals = QLabel(self)
        font = QFont(self.totals.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.totals.setFont(font)
        self.payments = QLabel(self)
        self.payments.setWordWrap(True)
        self.message = MessageLine(self)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.code, 1)
        self.top_row: QHBoxLayout = top
        self.button_row: QHBoxLayout = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.payments)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)

    # --- opening -------------------------------------------------------------------------

    def focus_first(self) -> None:
        """Called by the main window when the screen is shown."""
        self.code.setFocus()
        self.code.selectAll()

    def accept_scan(self, code: str) -> bool:
        """A scanner's code while this screen is shown: open it here."""
        if not self.isVisible():
            return False
        self.open_code(code)
        return True

    def open_code(self, code: str | None = None) -> None:
        raw = self.code.text() if code is None else code
        self.message.clear_message()
        found = op.read(self, lambda s: (lookup(s, raw),))
        if found is None:
            return
        hit = found[0]
        if hit is None:
            self.message.show_error(unknown_code_message(raw))
            self.focus_first()
            return
        self.code.clear()
        if hit.kind == "statement" and hit.statement_id is not None:
            self.show_statement(hit.statement_id)
        else:
            self.open_orders([hit.order_id])

    def open_orders(self, order_ids: Sequence[int], reissue_of: Reissue | None = None) -> None:
        """The orders' current statement, or a draft of their proposed lines."""
        today = local_date(self.ctx.clock.now())
        draft_only = reissue_of is not None
        target = op.read(
            self, lambda s: billing_target(s, order_ids, today=today, draft_only=draft_only)
        )
        if target is None:
            return
        if target.statement is not None:
            self.show_statement(target.statement.id)
            return
        if target.voided is not None:
            voided = target.voided
            reissue_of = Reissue(voided.id, voided.number, voided.void_reason)
        self.statement, self.draft, self.reissue_of = None, target.draft, reissue_of
        self.lines, self.extras = list(target.draft.lines) if target.draft else [], []
        self._show(select=0)

    def show_statement(self, statement_id: int) -> None:
        statement = op.read(self, lambda s: statement_view(s, statement_id))
        if statement is None:
            return
        self.statement = statement
        self.draft, self.lines, self.extras, self.reissue_of = None, [], [], None
        self._show(select=0)

    def refresh(self) -> None:
        """Saved elsewhere: the statement on screen as it is now.

        A draft is left as it is: it holds the clerk's edits, and issuing it checks again.
        """
        if self.statement is None:
            return
        statement_id, row = self.statement.id, self.table.currentIndex().row()
        statement = op.read(self, lambda s: statement_view(s, statement_id))
        if statement is not None:
            self.statement = statement
            self._show()
            if 0 <= row < self.model.rowCount():
                self.table.selectRow(row)

    def _show(self, select: int | None = None) -> None:
        if self.statement is not None:
            rows = statement_rows(self.statement)
        elif self.draft is not None:
            priced = price_draft(self.draft, self.lines, self.extras)
            rows = draft_rows(self.lines, priced)
        else:
            rows = ()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.header.setText(header_text(self.draft, self.statement))
        self.status.setText(status_text(self.draft, self.statement, self.reissue_of))
        total = sum(r.line.amount_fen for r in rows)
        self.totals.setText(totals_text(total, self.statement) if rows else "")
        self.payments.setText(payments_text(self.statement))
        if select is not None and rows:
            self.table.selectRow(min(select, len(rows) - 1))
            self.table.setFocus()
        self.commands.update()

    def current_row(self) -> fm.FeeLineRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # --- the draft -----------------------------------------------------------------------

    def edit_line(self) -> None:
        row = self.current_row()
        if self.draft is None or row is None or row.kind != "item":
            return
        changed = flows.ask_line_change(self, self.lines[row.index])
        if changed is not None:
            self.lines[row.index] = changed
            self._show(select=self.table.currentIndex().row())

    def add_extra(self) -> None:
        if self.draft is None:
            return
        row = self.current_row()
        charge = flows.ask_extra_charge(self, self.lines, row.line.item_number if row else "")
        if charge is not None:
            self.extras.append(charge)
            self._show(select=len(self.lines) + len(self.extras) - 1)

    def remove_extra(self) -> None:
        row = self.current_row()
        if self.draft is not None and row is not None and row.kind == "extra":
            del self.extras[row.index]
            self._show(select=self.table.currentIndex().row())

    def issue(self) -> None:
        if self.draft is None:
            return
        issued = flows.issue(self, self.draft, self.lines, self.extras, self.reissue_of)
        if issued is not None:
            self.show_statement(issued.id)
            self.message.show_info(_("已开具清单 {number}").format(number=issued.number))
            self.statement_issued.emit(issued.number)
            self.preview()

    def monthly(self) -> None:
        ids = flows.ask_monthly_orders(self, self.draft, self.statement)
        if ids:
            self.open_orders(ids)

    def import_schedule(self) -> None:
        flows.open_schedule_import(self)

    # --- the statement -------------------------------------------------------------------

    def preview(self) -> None:
        if self.statement is not None:
            flows.preview(self, self.statement)

    def export_xlsx(self, path: Path | None = None) -> None:
        if self.statement is not None:
            flows.export_xlsx(self, self.statement, path)

    def record_payment(self, refund: bool = False) -> None:
        st = self.statement
        if st is not None and flows.ask_payment(self, st, refund=refund):
            self.show_statement(st.id)
            self.payment_recorded.emit(st.number)

    def record_refund(self) -> None:
        self.record_payment(refund=True)

    def void(self) -> None:
        st = self.statement
        if st is not None and flows.ask_void(self, st):
            self.show_statement(st.id)
            self.statement_voided.emit(st.number)

    def reissue(self) -> None:
        st = self.statement
        reissue = flows.ask_reissue_reason(self, st) if st is not None else None
        if st is not None and reissue is not None:
            self.open_orders(st.order_ids, reissue_of=reissue)
            self.message.show_info(
                _("请核对收费后按 Ctrl+S 开具新清单；清单 {number} 将在开具时作废").format(
                    number=st.number
                )
            )
