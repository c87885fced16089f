"""The handover slip (器具交接单): what left the counter, with which certificate, to whom.

A5 (default) or A4 portrait PDF: the institute, the release number with its Code 128
barcode, the customer and the order(s), the collector (or the parcel's address), a
table of the items with their certificate numbers and any note for the customer, and
the collector's signature — the image drawn on screen, or a line to sign on paper.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from printing import pdf_doc
from printing.certificate_pages import draw_qr
from printing.common import InstituteInfo, one_line
from printing.fonts import serif_font
from printing.pdf_doc import (
    PT_PER_MM,
    markup,
    number_markup,
    numbered_canvas,
    page_head,
)

TITLE = "器具交接单"
HEADERS = ("序号", "收件编号", "器具名称", "型号规格", "出厂编号", "证书编号", "备注")
SHARES = (0.05, 0.19, 0.15, 0.11, 0.1, 0.19, 0.21)


@dataclass(frozen=True)
class HandoverItem:
    item_number: str
    instrument_name: str
    model: str
    serial: str
    certificate_number: str  # "" when none (returned unprocessed)
    note: str = ""  # e.g. "退回未检：超出本所检定能力"


@dataclass(frozen=True)
class HandoverData:
    institute: InstituteInfo
    release_number: str
    way: str  # "自取" / "邮寄"
    customer_name: str
    order_numbers: tuple[str, ...]
    released_at: datetime.datetime
    clerk: str
    items: tuple[HandoverItem, ...]
    collector_name: str = ""
    collector_phone: str = ""
    collector_id_digits: str = ""
    signature_png: bytes | None = None
    paper: bool = False  # print a line for the collector to sign
    courier: str = ""
    tracking_number: str = ""
    address: str = ""
    override_note: str = ""  # the supervisor's approval when fees were not settled
    rating_code: str = ""  # the short code the customer rates the service with (好差评)
    rating_qr: str = ""  # what the QR code beside it holds


def masked_phone(phone: str) -> str:
    """138****8000: enough to recognise, not enough to misuse."""
    digits = phone.strip()
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    return digits


def _styles(size: float) -> dict[str, ParagraphStyle]:
    font = serif_font()
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.4, wordWrap="CJK")
    return {
        "body": body,
        "institute": ParagraphStyle(
            "institute", body, fontSize=size * 1.6, leading=size * 2.1, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title", body, fontSize=size * 1.35, leading=size * 2.0, alignment=TA_CENTER
        ),
        "number": ParagraphStyle("number", body, leading=size * 2.2),
        "cell": ParagraphStyle("cell", body, fontSize=size * 0.9, leading=size * 1.15),
    }


def _who(data: HandoverData) -> list[str]:
    if data.way == "邮寄" or data.tracking_number:
        return [
            f"邮寄：{data.courier}　快递单号 {data.tracking_number}",
            f"收件人：{data.collector_name}　{data.collector_phone}",
            f"地址：{data.address}",
        ]
    who = [f"领取人：{data.collector_name}"]
    if data.collector_phone.strip():
        who.append(f"电话 {masked_phone(data.collector_phone)}")
    if data.collector_id_digits.strip():
        who.append(f"身份证后{len(data.collector_id_digits)}位 {data.collector_id_digits}")
    return ["　".join(who)]


def _header(data: HandoverData, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    b = st["body"]
    info = [
        Paragraph(number_markup("交接单号", data.release_number, b.fontSize * 1.5), st["number"]),
        Paragraph(f"送检单位：{markup(data.customer_name)}", b),
        Paragraph(f"委托单号：{markup('、'.join(data.order_numbers))}", b),
        *(Paragraph(markup(line), b) for line in _who(data)),
        Paragraph(f"交接时间：{data.released_at:%Y-%m-%d %H:%M}　经办人：{markup(data.clerk)}", b),
    ]
    title = TITLE + ("（邮寄）" if data.tracking_number else "（领取凭证）")
    return page_head(
        st, data.institute.name, title, info, data.release_number, width, code_share=0.4, bar_mm=11
    )


def _cell(text: str, style: ParagraphStyle, empty: str = "—") -> Paragraph:
    return Paragraph(markup(one_line(text)) or empty, style)


def _items(data: HandoverData, st: dict[str, ParagraphStyle], width: float) -> LongTable:
    cell = st["cell"]
    rows: list[list[Any]] = [list(HEADERS)]
    for n, item in enumerate(data.items, 1):
        rows.append(
            [
                str(n),
                item.item_number,
                _cell(item.instrument_name, cell),
                _cell(item.model, cell),
                _cell(item.serial, cell),
                _cell(item.certificate_number, cell),
                _cell(item.note, cell, ""),
            ]
        )
    table = LongTable(rows, colWidths=[width * s for s in SHARES], repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), serif_font(), cell.fontSize, cell.leading),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


class _QR(Flowable):  # type: ignore[misc,unused-ignore]
    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload, self.size = payload, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.payload, 0, 0, self.size)


def _rating(data: HandoverData, b: ParagraphStyle, width: float) -> Table:
    """The QR code and short code the customer rates the service with (好差评)."""
    size = 22 * PT_PER_MM
    text = Paragraph(
        f"服务评价：请扫描左侧二维码，或凭评价码 {markup(data.rating_code)} "
        "对本次服务作出评价（满意 / 基本满意 / 不满意）。您的意见是我们改进的依据。",
        b,
    )
    table = Table([[_QR(data.rating_qr, size), text]], colWidths=[size + 6, width - size - 6])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)])
    )
    table.hAlign = "LEFT"
    return table


def _signature(data: HandoverData, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    b = st["body"]
    label = "收件人签收" if data.tracking_number else "领取人签字"
    if data.signature_png:
        reader = ImageReader(io.BytesIO(data.signature_png))
        w, h = reader.getSize()
        box_w = min(width * 0.45, 70 * PT_PER_MM)
        box_h = min(box_w * h / max(w, 1), 28 * PT_PER_MM)
        image = Image(io.BytesIO(data.signature_png), width=box_h * w / max(h, 1), height=box_h)
        row: list[Any] = [label + "：", image, "日期", f"{data.released_at:%Y-%m-%d}"]
        heights = [box_h + 4]
    else:
        row, heights = [label + "：", "", "日期", ""], [b.fontSize * 2.8]
    sign = Table(
        [row],
        rowHeights=heights,
        colWidths=[b.fontSize * 5.5, width * 0.5, b.fontSize * 3, b.fontSize * 8],
    )
    style = [
        ("FONT", (0, 0), (-1, -1), serif_font(), b.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
    ]
    if not data.signature_png:
        style += [
            ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
            ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
        ]
    sign.setStyle(TableStyle(style))
    sign.hAlign = "LEFT"
    return [sign]


def _closing(data: HandoverData, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    b = st["body"]
    with_cert = sum(1 for i in data.items if i.certificate_number.strip())
    tail: list[Any] = [
        Spacer(1, b.fontSize * 0.6),
        Paragraph(
            f"共 {len(data.items)} 件，证书 {with_cert} 份。"
            "以上器具及证书已当面点收，如有疑问请于 7 日内与收发室联系。",
            b,
        ),
    ]
    if data.override_note.strip():
        tail.append(Paragraph(f"欠费放行：{markup(data.override_note)}", b))
    if data.rating_code:
        tail += [Spacer(1, b.fontSize * 0.5), _rating(data, b, width)]
    tail += [Spacer(1, b.fontSize * 0.8), *_signature(data, st, width)]
    return [KeepTogether(tail)]


def _decorate(data: HandoverData, margin: float, size: float) -> pdf_doc.Decorate:
    inst = data.institute
    footer = "　".join(
        x
        for x in (
            f"地址：{inst.address}" if inst.address else "",
            f"电话：{inst.phone}" if inst.phone else "",
        )
        if x
    )

    continued = f"{inst.name}　{TITLE}　{data.release_number}（续）"
    return pdf_doc.footer_decorator(footer, continued, margin, size)


def render_handover_pdf(data: HandoverData, page_size: str = "A5") -> bytes:
    """The slip as PDF bytes; "A5" or "A4" portrait; long handovers flow over pages."""
    size = pdf_doc.page_size(page_size)
    body = 8.5 if page_size == "A5" else 10.0
    margin = (10 if page_size == "A5" else 14) * PT_PER_MM
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + body * 2,
        title=f"{TITLE} {data.release_number}",
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    st = _styles(body)
    story = [
        *_header(data, st, doc.width),
        _items(data, st, doc.width),
        *_closing(data, st, doc.width),
    ]
    doc.build(story, canvasmaker=numbered_canvas(_decorate(data, margin, body * 0.85)))
    return buffer.getvalue()
