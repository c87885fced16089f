"""The final check (终审): the queue, the certificate's PDF beside its defects, the decision.

Keys: Enter opens the selected certificate, Ctrl+Return passes it, Ctrl+B sends it
back with a comment, Ctrl+D overrides the selected defect with a written reason,
F5 reloads.  Pass stays disabled, with the reason shown under it, while a blocking
defect is open or the supervisor signed the certificate.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.certificates.pdf import certificate_pdf
from counter.certificates.review import (
    ReviewDetail,
    open_review,
    override_defect,
    pass_certificate,
    review_queue,
    send_back,
)
from counter.changes import Change
from counter.i18n import _
from ui.certificates import defects_model as dm
from ui.certificates import review_model as rm
from ui.certificates.defects_model import DefectsModel
from ui.certificates.pdf_pane import PdfPane
from ui.certificates.review_model import ReviewQueueModel
from ui.certificates.widgets import button, defects_table, record_table
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.messages import confirm
from ui.common.reason_dialog import ReasonDialog
from ui.common.screen import ScreenDefaults


class ReviewScreen(ScreenDefaults, QWidget):
    #: the queue and its defects: certificates, and the registers they are checked against
    shows = Change.CERTIFICATES | Change.REGISTERS

    certificate_passed = Signal(int)  # certificate id
    certificate_returned = Signal(int)
    defect_overridden = Signal(int, str)  # certificate id, defect key

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: ReviewDetail | None = None
        self.pending: QDialog | None = None
        self.queue = ReviewQueueModel(self)
        self.queue_proxy = QSortFilterProxyModel(self)
        self.queue_proxy.setSourceModel(self.queue)
        self.queue_proxy.setSortRole(rm.SORT_ROLE)
        self.defects = DefectsModel(self)
        self.defects_proxy = QSortFilterProxyModel(self)
        self.defects_proxy.setSourceModel(self.defects)
        self.defects_proxy.setSortRole(dm.SORT_ROLE)
        self.message = MessageLine(self)
        self._build()
        self.refresh()
        self.watch_changes(ctx)

    def _build(self) -> None:
        self.table = record_table(self)
        self.table.setModel(self.queue_proxy)
        self.table.sortByColumn(rm.SUBMITTED, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.open_selected())
        self.count_label = QLabel(self)
        refresh = button(_("刷新"), "F5", self.refresh, self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("待终审的证书"), self))
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(refresh)
        self.pdf = PdfPane(self)
        self.defect_table = defects_table(self)
        self.defect_table.setModel(self.defects_proxy)
        self.defect_table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.why_not = QLabel(self)
        self.why_not.setWordWrap(True)
        self.why_not.setStyleSheet("color: #b00020;")
        self.override_button = button(_("放行所选缺陷…"), "Ctrl+D", self.override_selected, self)
        self.back_button = button(_("退回检定人员…"), "Ctrl+B", self.send_back, self)
        self.pass_button = button(_("通过终审"), "Ctrl+Return", self.pass_current, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.pass_button)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.title)
        side_layout.addWidget(self.defect_table, 1)
        side_layout.addWidget(self.why_not)
        side_layout.addLayout(buttons)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.pdf)
        lower.addWidget(side)
        lower.setSizes([480, 720])
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([220, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        for keys, slot in ((QKeySequence("Ctrl+Return"), self.pass_current),
                           (QKeySequence("Ctrl+B"), self.send_back),
                           (QKeySequence("Ctrl+D"), self.override_selected),
                           (QKeySequence(Qt.Key.Key_F5), self.refresh)):  # fmt: skip
            QShortcut(keys, self, slot)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.open_selected)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def focus_first(self) -> None:
        """Called when the screen is shown: the queue, first row."""
        self.table.setFocus()
        if self.queue_proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    # --- showing -------------------------------------------------------

    def refresh(self) -> None:
        current = self.detail.certificate_id if self.detail is not None else None
        rows = op.read(self, review_queue)
        if rows is None:
            return
        self.queue.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count_label.setText(_("共 {n} 份").format(n=len(rows)))
        if current is not None and self.queue.row_of(current) >= 0:
            self.select_certificate(current)
        elif current is not None:
            self._show(None, None)
        self._buttons()

    def select_certificate(self, certificate_id: int) -> None:
        row = self.queue.row_of(certificate_id)
        if row >= 0:
            self.table.selectRow(self.queue_proxy.mapFromSource(self.queue.index(row, 0)).row())

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.queue.row_at(self.queue_proxy.mapToSource(rows[0]).row()).id

    def open_selected(self) -> None:
        certificate_id = self.selected_id()
        if certificate_id is None:
            return
        ctx = self.ctx

        def load(s: Session) -> tuple[ReviewDetail, bytes]:
            detail = open_review(s, ctx.actor, ctx.clock, certificate_id)
            return detail, certificate_pdf(s, certificate_id, ctx.clock)

        self.message.clear_message()
        # opening may store the defects found and a PDF, nothing another screen shows
        loaded = op.write(self, load, Change.NOTHING)
        if loaded is not None:
            self._show(*loaded)

    def _show(self, detail: ReviewDetail | None, pdf: bytes | None) -> None:
        same = (
            detail is not None
            and self.detail is not None
            and (self.detail.certificate_id == detail.certificate_id)
        )
        chosen = self.selected_defect_key() if same else None
        self.detail = detail
        self.pdf.set_pdf(pdf)
        self.defects.set_rows(list(detail.defects) if detail else [])
        self.defect_table.resizeRowsToContents()
        if detail is None:
            self.title.setText("")
        else:
            self.title.setText(
                _("证书 {number}（器具 {item}）：{n} 项缺陷").format(
                    number=detail.number, item=detail.item_number, n=len(detail.defects)
                )
            )
        if chosen is not None:
            self._select_defect(chosen)
        self._buttons()

    def selected_defect_key(self) -> str | None:
        rows = self.defect_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.defects.row_at(self.defects_proxy.mapToSource(rows[0]).row()).defect.key

    def _select_defect(self, key: str) -> None:
        for n in range(self.defects.rowCount()):
            if self.defects.row_at(n).defect.key == key:
                index = self.defects_proxy.mapFromSource(self.defects.index(n, 0))
                self.defect_table.selectRow(index.row())

    def _buttons(self) -> None:
        reviewer = self.ctx.actor.can(Perm.REVIEW)
        detail = self.detail
        self.back_button.setEnabled(reviewer and detail is not None)
        self.pass_button.setEnabled(reviewer and detail is not None and detail.may_pass)
        self.why_not.setText("；".join(detail.blockers) if detail is not None else "")
        self.why_not.setVisible(detail is not None and not detail.may_pass)
        key = self.selected_defect_key()
        row = next((d for d in (detail.defects if detail else ()) if d.defect.key == key), None)
        self.override_button.setEnabled(
            reviewer and row is not None and row.is_open and row.defect.overridable
        )

    # --- deciding ------------------------------------------------------

    def _ask(self, dialog: ReasonDialog, done: Callable[[], None]) -> None:
        self.pending = dialog
        dialog.accepted.connect(done)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def override_selected(self) -> None:
        detail, key = self.detail, self.selected_defect_key()
        if detail is None or key is None or not self.override_button.isEnabled():
            return
        ctx, certificate_id = self.ctx, detail.certificate_id
        message = next(d.defect.message for d in detail.defects if d.defect.key == key)

        def apply(reason: str) -> None:
            op.write(self, lambda s: override_defect(s, ctx.actor, ctx.clock, certificate_id, key,
                                                     reason),
                     Change.CERTIFICATES, on_failure=op.shown_in(dialog.message))  # fmt: skip

        def done() -> None:
            self.defect_overridden.emit(certificate_id, key)
            self.refresh()  # selects it again, which opens it again
            self.message.show_info(_("已写明放行理由：{what}").format(what=message))

        dialog = ReasonDialog(_("放行缺陷"), _("放行“{what}”的书面理由（将记入审计日志）：").format(
            what=message), apply, self, confirm_text=_("放行"))  # fmt: skip
        self._ask(dialog, done)

    def send_back(self) -> None:
        detail = self.detail
        if detail is None or not self.back_button.isEnabled():
            return
        ctx, certificate_id = self.ctx, detail.certificate_id

        def apply(comment: str) -> None:
            op.write(self, lambda s: send_back(s, ctx.actor, ctx.clock, certificate_id, comment),
                     Change.CERTIFICATES, on_failure=op.shown_in(dialog.message))  # fmt: skip

        def done() -> None:
            self.certificate_returned.emit(certificate_id)
            self._show(None, None)
            self.refresh()
            self.message.show_info(_("证书 {number} 已退回检定人员").format(number=detail.number))

        dialog = ReasonDialog(_("退回证书 {number}").format(number=detail.number),
                              _("请写明要检定人员改正的内容："), apply, self,
                              confirm_text=_("退回"))  # fmt: skip
        self._ask(dialog, done)

    def pass_current(self) -> None:
        detail = self.detail
        if detail is None or not self.pass_button.isEnabled():
            return
        ctx, certificate_id = self.ctx, detail.certificate_id
        question = _("通过证书 {number} 的终审？通过后证书即可发放给客户。").format(
            number=detail.number
        )
        if not confirm(self, question, yes=_("通过终审"), title=_("通过终审")):
            return

        passed = op.write(self, lambda s: pass_certificate(s, ctx.actor, ctx.clock, certificate_id),
                          Change.CERTIFICATES)  # fmt: skip
        if passed is None:
            return
        self.certificate_passed.emit(certificate_id)
        self._show(None, None)
        self.refresh()
        self.focus_first()  # the next one in the queue
        self.message.show_info(_("证书 {number} 已通过终审").format(number=detail.number))
