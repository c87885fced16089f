"""The campaign summary (统检汇总): progress by county and the revenue split among institutes.

A4 portrait PDF: the institute, the campaign's name and period, a table of planned /
passed / failed / remaining / cancelled instruments per county with the total, and a
table of each partner institute's agreed share and its part of the revenue in yuan.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from printing import pdf_doc
from printing.common import InstituteInfo
from printing.fonts import serif_font
from printing.pdf_doc import PT_PER_MM, markup

TITLE = "统检汇总"


@dataclass(frozen=True)
class CountyRow:
    county: str  # "合计" on the total row
    planned: int
    passed: int
    failed: int
    remaining: int
    cancelled: int


@dataclass(frozen=True)
class RevenueRow:
    institute: str
    permille: int
    fen: int


@dataclass(frozen=True)
class CampaignSummaryData:
    institute: InstituteInfo
    name: str
    period: str
    counties: tuple[CountyRow, ...]
    revenue: tuple[RevenueRow, ...]
    total_fen: int
    printed_at: datetime.datetime


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def _table(rows: list[list[Any]], widths: list[float], size: float) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), serif_font(), size),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ]
        )
    )
    return table


def render_campaign_summary_pdf(data: CampaignSummaryData) -> bytes:
    size = 10.0
    margin = 16 * PT_PER_MM
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pdf_doc.page_size("A4"),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{TITLE} {data.name}",
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    body = ParagraphStyle("body", fontName=serif_font(), fontSize=size, leading=size * 1.5)
    head = ParagraphStyle(
        "head", body, fontSize=size * 1.5, leading=size * 2.2, alignment=TA_CENTER
    )
    w = doc.width
    counties = [["区县", "计划", "合格", "不合格", "未完成", "已取消"]] + [
        [c.county, c.planned, c.passed, c.failed, c.remaining, c.cancelled] for c in data.counties
    ]
    money = [["机构", "分成比例（‰）", "金额（元）"]] + [
        [r.institute, r.permille, yuan(r.fen)] for r in data.revenue
    ]
    money.append(["合计", sum(r.permille for r in data.revenue), yuan(data.total_fen)])
    story = [
        Paragraph(markup(data.institute.name), head),
        Paragraph(f"{TITLE}：{markup(data.name)}", head),
        Paragraph(f"统检期间：{markup(data.period)}　打印：{data.printed_at:%Y-%m-%d %H:%M}", body),
        Spacer(1, size),
        Paragraph("一、进度（台件）", body),
        _table(counties, [w * 0.3] + [w * 0.14] * 5, size),
        Spacer(1, size),
        Paragraph("二、收入分成（按协议比例，按分取整，最大余数法补足）", body),
        _table(money, [w * 0.5, w * 0.2, w * 0.3], size),
    ]
    doc.build(story)
    return buffer.getvalue()
