"""收件登记: receive one customer's instruments, keyboard and scanner first.

Customer (search, Enter) → items (type by name or pinyin, Tab/Enter through
the cells, letters pick a choice, Ctrl+D copies a row, Ctrl+Shift+N adds N
identical items, Ctrl+R reaches 测量范围, which Tab skips) → Tab past the last
cell, or Alt+W/B/T/M, for 收件方式/送检人/送检人电话/备注 → Ctrl+S.  The
screen's shortcuts work wherever the focus is in the window while the screen
is shown (the scan field, the tab bar).  Problems and warnings show under the
table while typing.  Saving runs on a worker with a request token, so a double
press stores one order; on success the order number shows in large type, the
documents are produced, and the form is ready for the next customer.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.admin.calendar import load_calendar
from counter.admin.settings import load_settings
from counter.appointments.prefill import Prefill, receive_booked
from counter.appointments.rules.slots import is_slip_number
from counter.changes import Change
from counter.clock import local_date
from counter.customers.records import customer_hit
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from counter.intake.catalog import TypeInfo, list_types
from counter.intake.lookups import instrument_history
from counter.intake.receive import (
    CHANNELS,
    ItemDraft,
    OrderDraft,
    SavedOrder,
    channel_label,
    promised_dates,
    review_order,
    save_order,
)
from counter.limits import text_limit
from ui.common import op
from ui.common.context import AppContext
from ui.common.messages import ErrorBoxes, confirm, show_error
from ui.common.screen import ScreenDefaults
from ui.customers.picker import CustomerPicker
from ui.intake.appointment_bar import AppointmentBar
from ui.intake.documents import SavedOrderPanel
from ui.intake.items import ItemsTable
from ui.intake.items_model import ItemsModel
from ui.intake.review import ReviewPanel


class IntakeScreen(ScreenDefaults, QWidget):
    #: the reference data read once for typing: catalogue, settings, calendar
    shows = (
        Change.SETTINGS
        | Change.CALENDAR
        | Change.FEE_STANDARDS
        | Change.REGISTERS
        | Change.APPOINTMENTS
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = ErrorBoxes(self)
        self.saving = False
        self.request_token = uuid.uuid4().hex
        self.types: dict[int, TypeInfo] = {}
        self.model = ItemsModel({}, self)
        self.picker = CustomerPicker(ctx, self)
        self.appointment_bar = AppointmentBar(ctx, self)
        self.appointment_bar.prefill_ready.connect(self.apply_prefill)
        self.appointment_id: int | None = None  # the booking this form receives
        self.table = ItemsTable(self.model, self)
        self.review = ReviewPanel(self)
        self.saved_panel = SavedOrderPanel(ctx, self)
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(channel_label(code), code)
        self.contact_name = QLineEdit()
        self.contact_name.setPlaceholderText(_("默认为客户联系人"))
        self.contact_name.setMaxLength(text_limit("orders", "contact_name"))
        self.contact_phone = QLineEdit()
        self.contact_phone.setPlaceholderText(_("默认为客户电话"))
        self.contact_phone.setMaxLength(text_limit("orders", "contact_phone"))
        self.note = QLineEdit()
        self.save_button = QPushButton(_("保存 (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self._build_layout()
        self._build_actions()
        self._set_tab_order()
        self.model.dataChanged.connect(self._refresh_review)
        self.model.rowsInserted.connect(self._refresh_review)
        self.model.rowsRemoved.connect(self._refresh_review)
        self.model.modelReset.connect(self._refresh_review)
        self.model.edit_refused.connect(self.review.show_refusal)
        self.model.instrument_edited.connect(self._look_up_history)
        self.picker.customer_chosen.connect(self._customer_chosen)
        self.picker.customer_cleared.connect(self._refresh_review)
        self.watch_changes(ctx)
        self.reload_reference_data()

    # -- building ---------------------------------------------------------------------
    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        items_label = QLabel(_("器具(&I)"))
        items_label.setBuddy(self.table)
        buttons.addWidget(items_label)
        buttons.addStretch(1)
        self.order_fields = QHBoxLayout()
        for text, widget in (  # Alt+W/B/T/M reach them from anywhere on the screen
            (_("收件方式(&W)"), self.channel),
            (_("送检人(&B)"), self.contact_name),
            (_("送检人电话(&T)"), self.contact_phone),
            (_("备注(&M)"), self.note),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.order_fields.addWidget(label)
            self.order_fields.addWidget(widget, 1 if widget is self.note else 0)
        self.order_fields.addWidget(self.save_button)
        self.button_row = buttons
        bottom = QHBoxLayout()
        bottom.addWidget(self.review, 3)
        bottom.addWidget(self.saved_panel, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.appointment_bar)
        layout.addWidget(self.picker)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.order_fields)
        layout.addLayout(bottom)

    def _set_tab_order(self) -> None:
        chain = [
            self.picker.search,
            self.picker.new_button,
            self.picker.edit_button,
            self.table,
            self.channel,
            self.contact_name,
            self.contact_phone,
            self.note,
            self.save_button,
            self.saved_panel.labels_button,
            self.saved_panel.receipt_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _action(self, text: str, keys: Sequence[str], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # the whole window while this screen is shown: also from the scan field or the tab bar
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # not the bool into slot
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        table = self.table
        self.add_action = self._action(_("添加器具"), ["Ctrl+N", "Insert"], table.add_row)
        self.copy_action = self._action(_("复制本行"), ["Ctrl+D"], table.copy_row)
        self.copies_action = self._action(
            _("添加多件相同器具…"), ["Ctrl+Shift+N"], table.add_copies
        )
        self.remove_action = self._action(_("删除本行"), ["Ctrl+Delete"], table.remove_row)
        self.save_action = self._action(_("保存"), ["Ctrl+S"], self.save)
        self._action(_("预览/打印回执"), ["Ctrl+P"], self.saved_panel.preview_receipt)
        self._action(_("预览/打印标签"), ["Ctrl+Shift+P"], self.saved_panel.preview_labels)
        self._action(_("新建客户"), ["Ctrl+Shift+C"], self.picker.new_customer)
        self._action(_("编辑客户资料"), ["Ctrl+Shift+E"], self.picker.edit_customer)
        self._action(_("查找客户"), ["F3", "Ctrl+F"], self.picker.focus_search)
        self._action(_("清空表单"), ["Ctrl+Shift+Delete"], self.discard)
        self._action(_("填写测量范围（其后是准确度等级）"), ["Ctrl+R"], table.edit_range)
        for action in (self.add_action, self.copy_action, self.copies_action, self.remove_action):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button = QPushButton(f"{action.text()} ({keys})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(action.trigger)
            self.button_row.addWidget(button)

    def reload_reference_data(self) -> None:
        """Catalogue, institute settings and calendar: read once, used while typing."""
        loaded = op.read(self, lambda s: (list_types(s), load_settings(s), load_calendar(s)))
        if loaded is None:
            return
        types, settings, calendar = loaded
        self.types = {t.id: t for t in types}
        self.model.set_types(self.types)
        today = local_date(self.ctx.clock.now())
        self.model.set_promiser(lambda drafts: promised_dates(calendar, settings, today, drafts))
        self._refresh_review()

    def refresh(self) -> None:
        self.reload_reference_data()
        self.appointment_bar.reload()

    def accept_scan(self, code: str) -> bool:
        """An appointment slip scanned anywhere on this screen opens the booking."""
        if not is_slip_number(code):
            return False
        self.appointment_bar.open_code(code)
        return True

    def apply_prefill(self, prefill: Prefill) -> None:
        """Fill the form from a booking: its customer, its instruments, 预约送检."""
        if self.has_unsaved_work() and not self.discard():
            return
        hit = op.read(self, lambda s: customer_hit(s, prefill.customer_id))
        if hit is None:
            return
        self.clear_form()
        self.picker.choose(hit)
        self.model.clear()
        self.model.insert_drafts(0, prefill.items)
        self.channel.setCurrentIndex(max(0, self.channel.findData("appointment")))
        self.contact_name.setText(prefill.contact_name)
        self.contact_phone.setText(prefill.contact_phone)
        self.note.setText(_("预约单 {number}").format(number=prefill.appointment.number))
        self.appointment_id = prefill.appointment.id
        notice = _("按预约单 {number} 收件：{n} 件").format(
            number=prefill.appointment.number, n=len(prefill.items)
        )
        self.ctx.signals.status_message.emit("；".join([notice, *prefill.warnings]))

    # -- what the clerk does ------------------------------------------------------------
    def focus_first(self) -> None:
        self.picker.focus_search()

    def _customer_chosen(self, _customer_id: int) -> None:
        for row in range(self.model.rowCount()):
            self._look_up_history(row)
        self._refresh_review()
        blank = next((r for r in range(self.model.rowCount()) if self.model.is_blank(r)), None)
        row = self.model.add_row() if blank is None else blank
        self.table.begin_edit(self.model.index(row, ItemsModel.TYPE))

    def _look_up_history(self, row: int) -> None:
        customer = self.picker.customer
        draft: ItemDraft = self.model.item_row(row).draft
        if customer is None or not draft.type_id or not draft.serial.strip():
            self.model.set_history(row, 0)
            return
        count = op.read(
            self,
            lambda s: len(instrument_history(s, customer.id, draft.type_id, draft.serial)),
            on_failure=self._status,
        )
        if count is not None:
            self.model.set_history(row, count)

    def _status(self, error: CounterError) -> None:
        self.ctx.signals.status_message.emit(str(error))

    def _refresh_review(self, *_args: object) -> None:
        drafts = self.model.drafts()
        review = review_order(OrderDraft(0, tuple(drafts)), self.types)
        problems = list(review.problems) if drafts else []
        if self.picker.customer is None and self.model.has_content():
            problems.insert(0, _("请先选择客户"))
        self.review.show_review(
            problems, review.warnings, self.model.calendar_notice, empty=not drafts
        )

    # -- saving -------------------------------------------------------------------------
    def has_unsaved_work(self) -> bool:
        return self.model.has_content()

    def order_draft(self) -> OrderDraft:
        customer = self.picker.customer
        return OrderDraft(
            customer_id=customer.id if customer else 0,
            items=tuple(self.model.drafts()),
            channel=self.channel.currentData(),
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            note=self.note.text(),
            request_token=self.request_token,
        )

    def save(self) -> None:
        if self.saving:
            return
        self.table.commit_open_editor()
        if self.picker.customer is None and not self.model.has_content():
            self.ctx.signals.status_message.emit(_("没有需要保存的内容"))
            return
        draft = self.order_draft()
        problems = [] if draft.customer_id else [_("请先选择客户")]
        problems += review_order(draft, self.types).problems
        if problems:
            show_error(self, ValidationError(problems), _("委托单不能保存"))
            return
        self._set_saving(True)
        actor, clock, booked = self.ctx.actor, self.ctx.clock, self.appointment_id
        op.write(
            self,
            lambda s: (
                receive_booked(s, actor, clock, booked, draft)
                if booked is not None
                else save_order(s, actor, clock, draft)
            ),
            Change.ORDERS | (Change.APPOINTMENTS if booked is not None else Change.NOTHING),
            in_background=True,
            on_success=self._saved,
            on_failure=self._save_failed,
            on_finished=lambda: self._set_saving(False),
        )

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.save_button.setEnabled(not saving)
        self.save_action.setEnabled(not saving)
        self.save_button.setText(_("正在保存…") if saving else _("保存 (Ctrl+S)"))

    def _saved(self, saved: SavedOrder) -> None:
        customer = self.picker.customer.name if self.picker.customer else ""
        self.saved_panel.show_saved(saved, customer)
        self.clear_form()
        self.ctx.signals.status_message.emit(
            _("已保存委托单 {number}（{n} 件）").format(
                number=saved.number, n=len(saved.item_numbers)
            )
        )
        self.picker.focus_search()

    def _save_failed(self, error: CounterError) -> None:
        show_error(self, error, _("委托单没有保存"))

    def clear_form(self) -> None:
        self.appointment_id = None
        self.model.clear()
        self.picker.clear()
        self.channel.setCurrentIndex(0)
        self.contact_name.clear()
        self.contact_phone.clear()
        self.note.clear()
        self.request_token = uuid.uuid4().hex

    def discard(self) -> bool:
        """Clear the form after asking when something was typed; True if cleared."""
        if self.has_unsaved_work() and not confirm(
            self, _("表单中有尚未保存的器具，确定清空吗？"), yes=_("清空")
        ):
            return False
        self.clear_form()
        return True
