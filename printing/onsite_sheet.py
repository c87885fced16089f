"""The on-site job sheet (上门检定任务单): what the crew takes to the site and brings back signed.

A4 portrait PDF: the institute, the job number with its Code 128 barcode, the site
and its contacts, the day, the crew, the vehicle and the reference standards taken;
a table of the instruments with serials and the item-number barcode of each (for
scanning at the site or back at the counter), an empty result column to fill in by
hand, and signature lines for the crew and the customer.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from printing import pdf_doc
from printing.common import InstituteInfo, one_line
from printing.fonts import serif_font
from printing.pdf_doc import (
    PT_PER_MM,
    BarcodeFlowable,
    markup,
    number_markup,
    numbered_canvas,
    page_head,
)

TITLE = "上门检定任务单"
HEADERS = ("序号", "收件编号", "器具名称", "型号规格", "出厂编号", "安装地点", "检定结果", "备注")
SHARES = (0.05, 0.25, 0.13, 0.11, 0.11, 0.13, 0.11, 0.11)


@dataclass(frozen=True)
class SheetInstrument:
    item_number: str  # "" until numbered: no barcode
    instrument_name: str
    model: str
    serial: str
    location: str = ""
    result: str = ""  # "" = to be filled in by hand


@dataclass(frozen=True)
class SheetStandard:
    ref: str
    name: str
    certificate_number: str
    valid_until: datetime.date | None


@dataclass(frozen=True)
class JobSheetData:
    institute: InstituteInfo
    job_number: str
    customer_name: str
    site_address: str
    contact_name: str
    contact_phone: str
    day: datetime.date | None
    urgent: bool
    description: str
    crew: tuple[str, ...]  # the lead first
    vehicle: str  # plate and kind, "" = none
    standards: tuple[SheetStandard, ...]
    instruments: tuple[SheetInstrument, ...]
    printed_at: datetime.datetime
    institute_doing: str = ""  # a partner institute of a campaign


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


def _header(data: JobSheetData, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    b = st["body"]
    day = data.day.isoformat() if data.day else "未定"
    lines = [
        Paragraph(number_markup("任务单号", data.job_number, b.fontSize * 1.5), st["number"]),
        Paragraph(f"客户：{markup(data.customer_name)}", b),
        Paragraph(f"现场地址：{markup(one_line(data.site_address))}", b),
        Paragraph(f"联系人：{markup(data.contact_name)}　电话：{markup(data.contact_phone)}", b),
        Paragraph(f"任务日期：{day}" + ("　【加急·绿色通道】" if data.urgent else ""), b),
    ]
    title = TITLE + ("（加急）" if data.urgent else "")
    return page_head(
        st, data.institute.name, title, lines, data.job_number, width, code_share=0.4, bar_mm=11
    )


def _resources(data: JobSheetData, st: dict[str, ParagraphStyle]) -> list[Any]:
    b = st["body"]
    out = []
    if data.description.strip():
        out.append(Paragraph(f"检定内容：{markup(one_line(data.description))}", b))
    if data.institute_doing.strip():
        out.append(Paragraph(f"承检机构：{markup(data.institute_doing)}", b))
    out.append(Paragraph(f"检定人员：{markup('、'.join(data.crew)) or '—'}", b))
    out.append(Paragraph(f"车辆：{markup(data.vehicle) or '—'}", b))
    for s in data.standards:
        until = s.valid_until.isoformat() if s.valid_until else "—"
        text = f"计量标准：{s.ref} {s.name}　证书 {s.certificate_number}　有效期至 {until}"
        out.append(Paragraph(markup(text), b))
    if not data.standards:
        out.append(Paragraph("计量标准：—", b))
    out.append(Spacer(1, b.fontSize * 0.6))
    return out


def _cell(text: str, style: ParagraphStyle, empty: str = "—") -> Paragraph:
    return Paragraph(markup(one_line(text)) or empty, style)


def _items(data: JobSheetData, st: dict[str, ParagraphStyle], width: float) -> LongTable:
    cell = st["cell"]
    widths = [width * s for s in SHARES]
    rows: list[list[Any]] = [list(HEADERS)]
    for n, item in enumerate(data.instruments, 1):
        code: Any = (
            BarcodeFlowable(item.item_number, widths[1] - 6, 8 * PT_PER_MM, cell.fontSize * 0.9)
            if item.item_number
            else "—"
        )
        rows.append(
            [
                str(n),
                code,
                _cell(item.instrument_name, cell),
                _cell(item.model, cell),
                _cell(item.serial, cell),
                _cell(item.location, cell, ""),
                _cell(item.result, cell, ""),
                "",
            ]
        )
    table = LongTable(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), serif_font(), cell.fontSize, cell.leading),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (1, -1), "CENTER"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("TOPPADDING", (0, 1), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _signatures(data: JobSheetData, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    b = st["body"]
    rows = [
        ["检定人员签字：", "", "客户签字：", ""],
        ["出发时间：", "", "完成时间：", ""],
    ]
    sign = Table(
        rows,
        rowHeights=[b.fontSize * 3] * 2,
        colWidths=[width * 0.17, width * 0.33, width * 0.15, width * 0.35],
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), serif_font(), b.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
            ]
        )
    )
    note = (
        f"共 {len(data.instruments)} 件。检定结果栏请填写“合格/不合格”；"
        "证书在现场交付或邮寄，不在收发室领取。"
    )
    return [KeepTogether([Spacer(1, b.fontSize), Paragraph(note, b), sign])]


def _decorate(data: JobSheetData, margin: float, size: float) -> pdf_doc.Decorate:
    inst = data.institute
    footer = "　".join(
        x
        for x in (
            inst.address and f"地址：{inst.address}",
            inst.phone and f"电话：{inst.phone}",
            f"打印：{data.printed_at:%Y-%m-%d %H:%M}",
        )
        if x
    )

    continued = f"{inst.name}　{TITLE}　{data.job_number}（续）"
    return pdf_doc.footer_decorator(footer, continued, margin, size)


def render_job_sheet_pdf(data: JobSheetData, page_size: str = "A4") -> bytes:
    """The job sheet as PDF bytes; long jobs flow over numbered pages with the header row."""
    size = pdf_doc.page_size(page_size)
    body = 10.0 if page_size == "A4" else 8.5
    margin = 14 * PT_PER_MM
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + body * 2,
        title=f"{TITLE} {data.job_number}",
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    st = _styles(body)
    story = [
        *_header(data, st, doc.width),
        *_resources(data, st),
        _items(data, st, doc.width),
        *_signatures(data, st, doc.width),
    ]
    doc.build(story, canvasmaker=numbered_canvas(_decorate(data, margin, body * 0.85)))
    return buffer.getvalue()
