"""Instrument labels to the thermal printer, confirmed label by label, or as PDF.

A label counts as printed only when the printer confirmed it (`printing.zpl_send.deliver`
asks its status behind each label). Three steps, so that no transaction is open while
the printer is waited for: render (a read), send (bounded by the settings' timeout),
record (a short write). What the printer did not confirm stays in the reprint list with
its answer in words a clerk understands; every outcome is audited.

With no label printer configured the labels are not left waiting as "待打印" forever:
the order's label jobs are marked "no_printer" (once, with one message) and the PDF
labels are offered; printing that PDF marks them printed (`documents.mark_printed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import InstituteSettings, label_printer_address, load_settings
from counter.clock import Clock
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.documents import Progress, label_of, label_size, load_order
from counter.session import read, user_action
from db.engine import Database
from db.models import PrintJob
from printing.label import LabelData
from printing.label_raster import MissingGlyphs
from printing.label_tspl import render_label_tspl
from printing.label_zpl import render_label_zpl
from printing.zpl_send import Delivery, PrinterError, Timeouts, deliver, parse_printer_address

NO_PRINTER = "no_printer"


@dataclass(frozen=True)
class PrintOutcome:
    printed: int
    failed: int
    message: str
    pdf_offered: bool = False  # no label printer: the labels are to be printed as PDF


@dataclass(frozen=True)
class LabelPrinter:
    host: str
    port: int
    protocol: str  # "zpl" | "tspl"
    dpi: int
    timeouts: Timeouts

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def label_printer_of(settings: InstituteSettings) -> LabelPrinter | None:
    """The configured thermal printer, or None when labels print as PDF."""
    address = label_printer_address(settings)
    if not address:
        return None
    try:
        host, port = parse_printer_address(address)
    except ValueError as error:
        raise CounterError(_("标签打印机设置无效：{detail}").format(detail=error)) from error
    wait = settings.label_printer_timeout_s
    timeouts = Timeouts(connect=wait, send=wait, status=wait)
    protocol, dpi = settings.label_printer_protocol, settings.label_printer_dpi
    return LabelPrinter(host, port, protocol, dpi, timeouts)


def render_label(printer: LabelPrinter, label: LabelData, settings: InstituteSettings) -> bytes:
    size = label_size(settings)
    if printer.protocol == "tspl":
        return render_label_tspl(label, size, printer.dpi)
    return render_label_zpl(label, size, printer.dpi).encode("ascii")


# --- what the printer said, for the clerk -----------------------------------


def problem_text(code: str) -> str:
    words = {
        "paper_out": _("缺纸"),
        "paused": _("已暂停"),
        "head_open": _("打印头未合上"),
        "buffer_full": _("接收缓冲区已满"),
        "ribbon_out": _("碳带用完"),
        "paper_jam": _("卡纸"),
        "cover_open": _("上盖未合上"),
        "memory_error": _("打印机内存错误"),
        "too_hot": _("打印头过热"),
        "too_cold": _("打印头温度过低"),
        "printer_error": _("打印机故障"),
    }
    return words.get(code, code)


def printer_answer(error: PrinterError) -> str:
    """What the printer did or said, in words a clerk understands."""
    if error.code in ("unreachable", "connect_timeout"):
        return _("无响应（{reason}）").format(reason=error.reason)
    if error.code == "status":
        return _("报告：{problems}").format(problems="、".join(map(problem_text, error.problems)))
    words = {
        "not_reading": _("没有接收数据"),
        "closed": _("中途断开了连接，标签没有全部送达"),
        "no_answer": _("没有回复状态查询，无法确认收到标签"),
        "bad_answer": _("的回复无法识别，无法确认收到标签"),
    }
    return words.get(error.code, error.reason)


def glyph_answer(error: MissingGlyphs) -> str:
    chars = " ".join(f"“{c}”(U+{ord(c):04X})" for c in error.chars)
    return _("标签字体缺少字符 {chars}，请修改这些文字后补打").format(chars=chars)


# --- render, send, record -----------------------------------------------------


@dataclass(frozen=True)
class LabelBatch:
    """An order's labels rendered for the printer, and those that could not be rendered."""

    printer: LabelPrinter
    order_number: str
    labels: tuple[tuple[int, bytes], ...]  # (item id, printer data), in print order
    refused: tuple[tuple[int, str], ...]  # (item id, why it cannot be printed)


def label_batch(
    session: Session,
    order_id: int,
    *,
    item_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> LabelBatch | None:
    """Render the labels for the configured thermal printer (reads only); None = no printer."""
    settings = load_settings(session)
    printer = label_printer_of(settings)
    if printer is None:
        return None
    order = load_order(session, order_id)
    items = [
        i for i in order.items if (item_ids is None or i.id in item_ids) and i.status != "voided"
    ]
    labels: list[tuple[int, bytes]] = []
    refused: list[tuple[int, str]] = []
    for n, item in enumerate(items, 1):
        try:
            labels.append(
                (item.id, render_label(printer, label_of(item, order, order.customer), settings))
            )
        except MissingGlyphs as error:
            refused.append((item.id, glyph_answer(error)))
        if progress:
            progress(n, len(items), item.number)
    return LabelBatch(printer, order.number, tuple(labels), tuple(refused))


def _label_jobs(session: Session, order_id: int) -> dict[int | None, PrintJob]:
    query = select(PrintJob).where(PrintJob.order_id == order_id, PrintJob.kind == "label")
    return {j.item_id: j for j in session.scalars(query)}


def _set_jobs(
    session: Session,
    order_id: int,
    item_ids: Sequence[int],
    status: str,
    error: str,
    now: dt.datetime,
) -> None:
    jobs = _label_jobs(session, order_id)
    for item_id in item_ids:
        job = jobs.get(item_id)
        if job is None:
            job = PrintJob(kind="label", order_id=order_id, item_id=item_id, created_at=now)
            session.add(job)
        job.attempts = (job.attempts or 0) + 1
        job.status, job.error, job.updated_at = status, error, now


def record_label_outcome(
    session: Session, actor: Actor, clock: Clock, order_id: int, batch: LabelBatch, sent: Delivery
) -> PrintOutcome:
    """Confirmed labels are printed; the rest wait for reprint with the printer's answer."""
    now = clock.now()
    ids = [item_id for item_id, _data in batch.labels]
    printed, unconfirmed = ids[: sent.confirmed], ids[sent.confirmed :]
    address = batch.printer.address
    _set_jobs(session, order_id, printed, "printed", "", now)
    if printed:
        after = {"printer": address, "protocol": batch.printer.protocol, "labels": len(printed)}
        record(session, actor, clock, "label.printed", "order", batch.order_number, after=after)
    answer = ""
    if sent.error is not None:
        answer = _("标签打印机 {address} {answer}").format(
            address=address, answer=printer_answer(sent.error)
        )
        if sent.error.code == "status":
            answer += _("（已送达的标签可能在排除故障后打出，补打前请核对）")
    elif unconfirmed:
        answer = _("标签打印机 {address} 未确认").format(address=address)
    _set_jobs(session, order_id, unconfirmed, "failed", answer, now)
    for item_id, why in batch.refused:
        _set_jobs(session, order_id, [item_id], "failed", why, now)
    reasons = [answer] * bool(unconfirmed) + [why for _i, why in batch.refused]
    failed = len(unconfirmed) + len(batch.refused)
    if failed:
        detail = {"printer": address, "labels": failed, "printed": len(printed)}
        if sent.error is not None:
            detail |= {"code": sent.error.code, "detail": sent.error.reason}
        record(
            session, actor, clock, "label.print_failed", "order", batch.order_number,
            after=detail, reason="；".join(reasons),
        )  # fmt: skip
    session.flush()
    if not failed:
        return PrintOutcome(len(printed), 0, "")
    message = _("{answer}。委托单已保存，{n} 张标签已放入补打列表。").format(
        answer="；".join(reasons), n=failed
    )
    return PrintOutcome(len(printed), failed, message)


def record_no_printer(session: Session, actor: Actor, clock: Clock, order_id: int) -> PrintOutcome:
    """No label printer is set: the order's waiting labels are to be printed as PDF."""
    require(session, actor, Perm.RECEIVE)
    order = load_order(session, order_id)
    waiting = [
        item_id
        for item_id, job in _label_jobs(session, order_id).items()
        if item_id is not None and job.status == "pending"
    ]
    text = _("未设置标签打印机，请用 PDF 打印")
    if waiting:
        _set_jobs(session, order_id, waiting, NO_PRINTER, text, clock.now())
        after = {"labels": len(waiting)}
        record(session, actor, clock, "label.no_printer", "order", order.number, after=after)
        session.flush()
    message = _("未设置标签打印机：{n} 张标签请按“预览/打印标签”用 PDF 打印。").format(
        n=len([i for i in order.items if i.status != "voided"])
    )
    return PrintOutcome(0, len(waiting), message, pdf_offered=True)


def print_labels(
    database: Database,
    clock: Clock,
    order_id: int,
    *,
    actor: Actor,
    item_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> PrintOutcome:
    """Send an order's labels to the label printer and record what it confirmed.

    With no label printer configured, the labels are marked for PDF printing instead
    (`record_no_printer`) and the outcome offers the PDF.
    """

    def allowed_batch(s: Session) -> LabelBatch | None:
        require(s, actor, Perm.RECEIVE)
        return label_batch(s, order_id, item_ids=item_ids, progress=progress)

    batch = read(database, allowed_batch)
    if batch is None:
        with user_action(database) as session:
            return record_no_printer(session, actor, clock, order_id)
    p = batch.printer
    if batch.labels:
        sent = deliver(p.host, p.port, [data for _i, data in batch.labels], p.protocol, p.timeouts)
    else:
        sent = Delivery(0)
    with user_action(database) as session:
        return record_label_outcome(session, actor, clock, order_id, batch, sent)


def sample_label(settings: InstituteSettings, today: dt.date) -> LabelData:
    return LabelData(
        item_number="20261000000001",
        order_number="2026100000000",
        instrument_name=_("测试标签"),
        customer_short=settings.institute_name,
        department=settings.counter_name,
        promised_date=today,
    )


def send_test_label(settings: InstituteSettings, today: dt.date) -> str:
    """Send a test label to the printer in `settings` (not yet saved); returns its address
    once the printer confirmed it."""
    printer = label_printer_of(settings)
    if printer is None:
        raise CounterError(_("请先填写标签打印机地址并选择 ZPL 或 TSPL"))
    try:
        data = render_label(printer, sample_label(settings, today), settings)
    except MissingGlyphs as error:
        raise CounterError(glyph_answer(error)) from error
    sent = deliver(printer.host, printer.port, [data], printer.protocol, printer.timeouts)
    if sent.error is not None:
        raise CounterError(
            _("测试标签未确认：标签打印机 {address} {answer}").format(
                address=printer.address, answer=printer_answer(sent.error)
            )
        )
    return printer.address
