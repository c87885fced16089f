"""The return desk's actions that open a dialog: pickup, mail, returned unprocessed, release
against unpaid fees, and the papers afterwards (handover slip, address label, certificates).

Each dialog runs its domain call itself through `ui.common.op.write`, so a refusal stays
in the dialog and what changed is announced to every screen; the screen is told what
happened through `done`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from counter.admin.rules.roles import Perm
from counter.changes import Change
from counter.errors import CounterError
from counter.feedback.ratings import record_rating
from counter.i18n import _
from counter.release import (
    Collector,
    MailTo,
    ReleaseDone,
    ReturnLine,
    address_label_pdf,
    get_release,
    handover_pdf,
    mail_defaults,
    mail_dispatch,
    pickup,
    release_against_unpaid,
    return_unprocessed,
)
from counter.release.certificate_export import export_release_certificates
from ui.common import op
from ui.common.file_dialogs import existing_folder
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.reason_dialog import ReasonDialog
from ui.common.worker import Progress
from ui.feedback.rating_dialog import RatingDialog
from ui.release.collector_dialog import CollectorDialog
from ui.release.host import ReturnHost
from ui.release.mail_dialog import MailDialog
from ui.release.unprocessed_dialog import UnprocessedDialog

#: a handover (or a return unprocessed) changes the items and the release records
HANDED_OVER = Change.RELEASES | Change.ORDERS


class Exported(NamedTuple):
    saved: int  # files written
    rendered: int  # of them rendered now (stored as new PDF versions)


def _open(screen: ReturnHost, dialog: QDialog, done: Callable[[], None] | None = None) -> None:
    screen.pending = dialog
    if done is not None:
        dialog.accepted.connect(done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def _summary(screen: ReturnHost, lines: Sequence[ReturnLine]) -> str:
    orders = "、".join(dict.fromkeys(line.order_number for line in lines))
    return _("{customer}：{n} 件（委托单 {orders}）").format(
        customer=screen.customer_name, n=len(lines), orders=orders
    )


def start_pickup(screen: ReturnHost, lines: Sequence[ReturnLine]) -> None:
    ctx, order_id = screen.ctx, lines[0].order_id
    ids = [line.item_id for line in lines]
    contact = screen.orders[order_id]

    def apply(collector: Collector, token: str) -> ReleaseDone | None:
        return op.write(screen, lambda s: pickup(s, ctx.actor, ctx.clock, order_id, ids,
                                                 collector, request_token=token),
                        HANDED_OVER, on_failure=op.shown_in(dialog.message))  # fmt: skip

    dialog = CollectorDialog(apply, name=contact.contact_name, phone=contact.contact_phone,
                             summary=_summary(screen, lines), parent=screen)  # fmt: skip
    _open(screen, dialog, lambda: screen.released(cast(ReleaseDone, dialog.result_value)))


def start_mail(screen: ReturnHost, lines: Sequence[ReturnLine]) -> None:
    ctx, order_id = screen.ctx, lines[0].order_id
    ids = [line.item_id for line in lines]
    defaults = op.read(screen, lambda s: mail_defaults(s, order_id))
    if defaults is None:
        return

    def apply(mail: MailTo, token: str) -> ReleaseDone | None:
        return op.write(screen, lambda s: mail_dispatch(s, ctx.actor, ctx.clock, order_id, ids,
                                                        mail, request_token=token),
                        HANDED_OVER, on_failure=op.shown_in(dialog.message))  # fmt: skip

    dialog = MailDialog(apply, defaults, summary=_summary(screen, lines), parent=screen)
    _open(screen, dialog, lambda: screen.released(cast(ReleaseDone, dialog.result_value)))


def start_unprocessed(screen: ReturnHost, line: ReturnLine) -> None:
    ctx = screen.ctx

    def apply(reason: str, note: str) -> None:
        op.write(screen, lambda s: return_unprocessed(s, ctx.actor, ctx.clock, line.item_id,
                                                      reason, note),
                 HANDED_OVER, on_failure=op.shown_in(dialog.message))  # fmt: skip

    def done() -> None:
        screen.refresh_view(tick=[line.item_id])
        screen.message.show_info(_("器具 {item} 已改为退回未检，可以交还客户").format(
            item=line.item_number))  # fmt: skip

    item = f"{line.item_number} {line.instrument}"
    dialog = UnprocessedDialog(item, apply, screen)
    _open(screen, dialog, done)


def start_unpaid_approval(screen: ReturnHost, lines: Sequence[ReturnLine]) -> None:
    ctx, ids = screen.ctx, [line.item_id for line in lines]

    def apply(reason: str) -> None:
        op.write(screen, lambda s: release_against_unpaid(s, ctx.actor, ctx.clock, ids, reason),
                 HANDED_OVER, on_failure=op.shown_in(dialog.message))  # fmt: skip

    def done() -> None:
        screen.refresh_view(tick=ids)
        screen.message.show_info(_("已批准 {n} 件欠费放行（记入审计日志）").format(n=len(ids)))

    prompt = _("记账客户 {customer} 的 {n} 件器具费用未结清。欠费放行的书面理由：").format(
        customer=screen.customer_name, n=len(ids))  # fmt: skip
    dialog = ReasonDialog(_("欠费放行"), prompt, apply, screen, confirm_text=_("批准放行"))
    _open(screen, dialog, done)


def show_papers(screen: ReturnHost, done: ReleaseDone) -> None:
    """After a pickup the customer rates the service (or skips), then the handover slip shows;
    after a mail dispatch the address label."""
    ctx = screen.ctx
    if done.way == "pickup" and ctx.actor.can(Perm.RATE):
        order_id = op.read(screen, lambda s: get_release(s, done.release_id).order_id)
        if order_id is not None:

            def rate(level: str, comment: str) -> int | None:
                return op.write(
                    screen,
                    lambda s: record_rating(s, ctx.actor, ctx.clock, order_id, level, comment),
                    Change.FEEDBACK,
                    on_failure=op.shown_in(dialog.message),
                )

            dialog = RatingDialog(rate, _summary_of(done), screen)
            dialog.finished.connect(lambda _result: _papers(screen, done))
            _open(screen, dialog)
            return
    _papers(screen, done)


def _summary_of(done: ReleaseDone) -> str:
    return _("交接单 {number}：{n} 件已领取").format(number=done.number, n=len(done.item_numbers))


def _papers(screen: ReturnHost, done: ReleaseDone) -> None:
    release_id = done.release_id
    if done.way == "mail":
        pdf = op.read(screen, lambda s: address_label_pdf(s, release_id))
        title = _("快递面单 {number}").format(number=done.number)
    else:
        pdf = op.read(screen, lambda s: handover_pdf(s, release_id))
        title = _("交接单 {number}").format(number=done.number)
    if pdf is not None:
        preview = PdfPreviewDialog(pdf, title, screen, file_name=f"{done.number}.pdf")
        preview.finished.connect(lambda _r: screen.focus_first())
        _open(screen, preview)


def reprint_slip(screen: ReturnHost, done: ReleaseDone) -> None:
    release_id = done.release_id
    pdf = op.read(screen, lambda s: handover_pdf(s, release_id))
    if pdf is not None:
        title = _("交接单 {number}").format(number=done.number)
        _open(screen, PdfPreviewDialog(pdf, title, screen, file_name=f"{done.number}.pdf"))


def export_certificates(screen: ReturnHost, done: ReleaseDone, folder: str = "") -> QObject | None:
    """Save the PDFs of the certificates that left with the release into a folder.

    Rendering runs off the UI thread and outside any transaction
    (`counter.release.certificate_export`); the result is told in the message line.
    """
    ctx = screen.ctx
    folder = folder or existing_folder(screen, _("证书 PDF 保存到"))
    if not folder:
        return None

    def work(progress: Progress) -> Exported:
        result = export_release_certificates(ctx.database, ctx.clock, done.release_id, progress)
        try:
            for number, pdf in result.pdfs:
                (Path(folder) / f"{number}.pdf").write_bytes(pdf)
        except OSError as error:
            raise CounterError(_("无法保存到 {path}：{reason}").format(
                path=folder, reason=error.strerror)) from error  # fmt: skip
        return Exported(len(result.pdfs), result.rendered)

    def saved(exported: Exported) -> None:
        if exported.rendered:  # new PDF versions were stored
            op.announce(ctx, Change.CERTIFICATES)
        screen.message.show_info(_("已保存 {n} 份证书到 {path}").format(
            n=exported.saved, path=folder))  # fmt: skip
        screen.certificates_exported.emit(exported.saved)

    screen.message.clear_message()
    return op.in_background(screen, work, on_success=saved, progress=_("正在导出证书…"))
