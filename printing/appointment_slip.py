"""The appointment slip (检定预约单): A5 portrait PDF the customer brings to the counter.

The slip number as a Code 128 barcode (beside the header) and as a QR code (for a phone
photo or a 2-D scanner), the customer, the slot and the department, the booked
instruments, and what to bring.  Scanning either code at intake opens the booking.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from printing.certificate_pages import draw_qr
from printing.common import InstituteInfo, one_line
from printing.fonts import serif_font
from printing.pdf_doc import PT_PER_MM, markup, number_markup, page_head, page_size

TITLE = "计量器具检定预约单"
HEADERS = ("序号", "器具名称", "型号规格", "出厂编号", "数量", "随送随检")
SHARES = (0.08, 0.3, 0.2, 0.2, 0.1, 0.12)


@dataclass(frozen=True)
class SlipLine:
    name: str
    model: str
    serial: str
    quantity: int
    wait: bool


@dataclass(frozen=True)
class SlipData:
    institute: InstituteInfo
    number: str
    customer_name: str
    contact: str
    phone: str
    department: str
    slot: str  # "2026-11-24 上午"
    lines: tuple[SlipLine, ...]
    booked_at: datetime.datetime
    clerk: str
    note: str = ""
    department_phone: str = ""


class QrFlowable(Flowable):  # type: ignore[misc,unused-ignore]
    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload, self.width, self.height = payload, size, size
        self.hAlign = "RIGHT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_qr(self.canv, self.payload, 0, 0, self.width)


def _styles(size: float) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=serif_font(), fontSize=size, leading=size * 1.45, wordWrap="CJK"
    )
    return {
        "body": body,
        "institute": ParagraphStyle(
            "institute", body, fontSize=size * 1.6, leading=size * 2.1, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title", body, fontSize=size * 1.35, leading=size * 2.0, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle("cell", body, fontSize=size * 0.9, leading=size * 1.15),
        "number": ParagraphStyle("number", body, leading=size * 2.2),
    }


def _table(data: SlipData, cell: ParagraphStyle, width: float) -> Table:
    rows: list[list[Any]] = [list(HEADERS)]
    for n, line in enumerate(data.lines, 1):
        rows.append(
            [
                str(n),
                Paragraph(markup(one_line(line.name)), cell),
                Paragraph(markup(one_line(line.model)) or "—", cell),
                Paragraph(markup(one_line(line.serial)) or "—", cell),
                str(line.quantity),
                "是" if line.wait else "",
            ]
        )
    table = Table(rows, colWidths=[width * s for s in SHARES], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), serif_font(), cell.fontSize, cell.leading),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("ALIGN", (4, 0), (-1, -1), "CENTER"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ]
        )
    )
    return table


def render_slip_pdf(data: SlipData) -> bytes:
    """The slip as PDF bytes (A5 portrait)."""
    size, body = page_size("A5"), 9.0
    margin = 10 * PT_PER_MM
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{TITLE} {data.number}",
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    st = _styles(body)
    b = st["body"]
    total = sum(line.quantity for line in data.lines)
    info = [
        Paragraph(number_markup("预约单号", data.number, body * 1.5), st["number"]),
        Paragraph(f"送检单位：{markup(data.customer_name)}", b),
        Paragraph(f"联系人：{markup(data.contact)}　{markup(data.phone)}", b),
        Paragraph(f"预约时段：{markup(data.slot)}　科室：{markup(data.department)}", b),
    ]
    qr_size = 26 * PT_PER_MM
    story: list[Any] = [
        *page_head(
            st, data.institute.name, TITLE, info, data.number, doc.width, code_share=0.42, bar_mm=10
        ),
        _table(data, st["cell"], doc.width),
        Spacer(1, body * 0.8),
        Paragraph(f"共 {total} 台件。", b),
    ]
    if data.note.strip():
        story.append(Paragraph(f"备注：{markup(data.note)}", b))
    story += [
        Paragraph(
            "请在预约时段内携带本单及器具到收发窗口办理；标注“随送随检”的器具当天检定、当天取回。"
            "如需改期或取消，请提前致电。",
            b,
        ),
        Spacer(1, body * 0.6),
        QrFlowable(data.number, qr_size),
        Paragraph(
            f"预约时间：{data.booked_at:%Y-%m-%d %H:%M}　经办人：{markup(data.clerk)}"
            + (f"　电话：{markup(data.institute.phone)}" if data.institute.phone else ""),
            b,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
