"""The 周检计划 (A4 landscape) and the 强制检定通知书 (A4 portrait) as PDF.

Tables flow over as many pages as they need, the header row repeated; every
page says "第 x 页 共 y 页".  Text goes through the shipped (or chosen) font's
glyph check like every printout: a character it lacks is refused, never a blank.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from printing.common import one_line
from printing.fonts import serif_font
from printing.pdf_doc import PT_PER_MM, Decorate, draw_fitted, markup, numbered_canvas, page_label
from printing.recall_data import (
    NOTICE_TITLE,
    NoticeData,
    PlanData,
    RecallCustomer,
    date_text,
    period_text,
    plan_title,
)

MARGIN = 12 * PT_PER_MM
BODY, TABLE = 9.5, 8.0
PAD = 2.0
PLAN_HEADERS: tuple[str, ...] = ("序号", "器具名称", "型号规格", "出厂编号", "测量范围")
PLAN_HEADERS += ("准确度等级", "检定规程", "检定周期", "上次检定", "下次检定", "负责部门", "备注")
PLAN_WEIGHTS = (4, 14, 10, 10, 11, 7, 12, 6, 8, 8, 9, 7)
NOTICE_HEADERS: tuple[str, ...] = ("序号", "器具名称", "型号规格", "出厂编号", "强管唯一性号")
NOTICE_HEADERS += ("上次检定", "检定周期", "下次检定日期")
NOTICE_WEIGHTS = (5, 17, 14, 13, 17, 11, 8, 12)
NOTICE_TEXT = (
    "根据《中华人民共和国计量法》及其实施细则，贵单位下列用于贸易结算、安全防护、医疗卫生、"
    "环境监测的工作计量器具属于强制检定范围，须按规定周期送检或申请现场检定。"
    "请于下次检定日期前与我所联系预约，逾期未检的计量器具不得继续使用。"
)


def _styles() -> dict[str, ParagraphStyle]:
    font = serif_font()
    body = ParagraphStyle("body", fontName=font, fontSize=BODY, leading=BODY * 1.4, wordWrap="CJK")
    return {
        "body": body,
        "institute": ParagraphStyle(
            "institute", body, fontSize=15, leading=20, alignment=TA_CENTER
        ),
        "title": ParagraphStyle("title", body, fontSize=14, leading=22, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", body, fontSize=TABLE, leading=TABLE * 1.25),
        "group": ParagraphStyle("group", body, fontSize=BODY, leading=BODY * 1.6),
    }


def _cell(text: str, width: float, style: ParagraphStyle) -> Any:
    """A plain string when it fits on one line, else a wrapping paragraph."""
    text = one_line(text)
    if stringWidth(text, style.fontName, style.fontSize) <= width - 2 * PAD:
        return text
    return Paragraph(markup(text), style)


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], cell: Any
) -> LongTable:
    body: list[list[Any]] = [list(headers)]
    for n, row in enumerate(rows, start=1):
        body.append([str(n), *(_cell(t, w, cell) for t, w in zip(row, widths[1:], strict=True))])
    if not rows:
        body.append(["", "无", *[""] * (len(headers) - 2)])
    table = LongTable(body, colWidths=list(widths), repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), cell.fontName, TABLE, TABLE * 1.25),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
            ]
        )
    )
    return table


def _widths(weights: Sequence[int], width: float) -> list[float]:
    return [w * width / sum(weights) for w in weights]


def _customer_lines(customer: RecallCustomer, style: ParagraphStyle) -> list[Any]:
    contact = "　".join(t for t in (customer.contact, customer.phone) if t.strip())
    lines = [f"单位名称：{markup(customer.name)}"]
    if customer.address.strip():
        lines.append(f"单位地址：{markup(customer.address)}")
    if contact:
        lines.append(f"联系人：{markup(contact)}")
    if customer.owner_department.strip():
        lines.append(f"首问负责部门：{markup(customer.owner_department)}")
    return [Paragraph(line, style) for line in lines]


def _decorator(institute_name: str, head: str, address: str, phone: str) -> Decorate:
    font = serif_font()
    foot = "　".join(
        t for t in (f"地址：{address}" * bool(address), f"电话：{phone}" * bool(phone)) if t
    )

    def decorate(canvas: Any, page: int, total: int) -> None:
        width, height = canvas._pagesize
        inner = width - 2 * MARGIN
        canvas.saveState()
        canvas.setStrokeGray(0.4)
        canvas.setLineWidth(0.5)
        y = MARGIN * 0.55 + TABLE * 1.3
        canvas.line(MARGIN, y, width - MARGIN, y)
        draw_fitted(canvas, foot, MARGIN, y - TABLE * 1.3, inner * 0.75, font, TABLE - 0.5)
        draw_fitted(canvas, page_label(page, total), MARGIN, y - TABLE * 1.3, inner, font,
                    TABLE - 0.5, "right")  # fmt: skip
        if page > 1:
            text = f"{institute_name}　{head}（续）"
            draw_fitted(canvas, text, MARGIN, height - MARGIN * 0.75, inner, font, TABLE)
        canvas.restoreState()

    return decorate


def _document(buffer: io.BytesIO, size: tuple[float, float], title: str, author: str) -> Any:
    return SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + TABLE * 3,
        title=title,
        author=author,
        creator="计量收发台",
        invariant=1,
    )


def render_plan_pdf(data: PlanData) -> bytes:
    """The customer's 周检计划 as PDF bytes (A4 landscape)."""
    title = plan_title(data.year, data.month)
    buffer = io.BytesIO()
    doc = _document(buffer, landscape(A4), f"{title} {data.customer.name}", data.institute.name)
    st = _styles()
    widths = _widths(PLAN_WEIGHTS, doc.width)
    rows = [
        (r.instrument, r.model, r.serial, r.measuring_range, r.accuracy_class, r.regulation,
         period_text(r.period_months), date_text(r.last_verified), date_text(r.next_due),
         r.department, r.remark)
        for r in data.rows
    ]  # fmt: skip
    story: list[Any] = [
        Paragraph(markup(data.institute.name), st["institute"]),
        Paragraph(title, st["title"]),
        *_customer_lines(data.customer, st["body"]),
        Paragraph(
            f"共 {len(data.rows)} 台（件）　编制日期：{data.made_on.isoformat()}", st["body"]
        ),
        Spacer(1, 4),
        _table(PLAN_HEADERS, rows, widths, st["cell"]),
        Spacer(1, 8),
        Paragraph("请按计划日期前送检或预约现场检定。编制：　　　　审核：　　　　", st["body"]),
    ]
    inst = data.institute
    doc.build(story, canvasmaker=numbered_canvas(
        _decorator(inst.name, f"{title} {data.customer.name}", inst.address, inst.phone)
    ))  # fmt: skip
    return buffer.getvalue()


def render_notice_pdf(data: NoticeData) -> bytes:
    """The customer's 强制检定通知书 as PDF bytes (A4 portrait), one table per use address."""
    buffer = io.BytesIO()
    doc = _document(buffer, A4, f"{NOTICE_TITLE} {data.number}", data.institute.name)
    st = _styles()
    widths = _widths(NOTICE_WEIGHTS, doc.width)
    story: list[Any] = [
        Paragraph(markup(data.institute.name), st["institute"]),
        Paragraph(NOTICE_TITLE, st["title"]),
        Paragraph(f"编号：{markup(data.number)}", st["body"]),
        *_customer_lines(data.customer, st["body"]),
        Spacer(1, 4),
        Paragraph(NOTICE_TEXT, st["body"]),
        Spacer(1, 4),
    ]
    for group in data.groups:
        rows = [
            (r.instrument, r.model, r.serial, r.regulator_number, date_text(r.last_verified),
             period_text(r.period_months), date_text(r.next_due))
            for r in group.rows
        ]  # fmt: skip
        place = markup(group.address) or "（未填使用地点）"
        story.append(Paragraph(f"使用地点：{place}　共 {len(group.rows)} 台（件）", st["group"]))
        story.append(_table(NOTICE_HEADERS, rows, widths, st["cell"]))
        story.append(Spacer(1, 6))
    inst = data.institute
    closing = [
        Paragraph(f"请于 {data.reply_by.isoformat()} 前联系预约。", st["body"])
        if data.reply_by
        else Spacer(1, 1),
        Spacer(1, 10),
        Paragraph(f"联系电话：{markup(inst.phone) or '—'}", st["body"]),
        Paragraph(f"{markup(inst.name)}（盖章）　　{data.issued_on.isoformat()}", st["body"]),
        Spacer(1, 10),
        Paragraph("单位签收：＿＿＿＿＿＿　日期：＿＿＿＿＿＿", st["body"]),
    ]
    story.append(KeepTogether(closing))
    doc.build(story, canvasmaker=numbered_canvas(
        _decorator(inst.name, f"{NOTICE_TITLE} {data.number}", inst.address, inst.phone)
    ))  # fmt: skip
    return buffer.getvalue()
