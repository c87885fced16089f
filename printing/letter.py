"""Reminder letters (周检提醒函): A4 portrait, one letter per page (longer ones run on), one PDF.

Top to bottom: the institute, the recipient's address block (unit, contact, address,
placed for a windowed envelope), the subject, the body as written from the template,
the institute and the date as the signature.  The footer names the institute's
address and phone and the message number.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from printing.common import InstituteInfo, one_line
from printing.fonts import serif_font
from printing.letter_data import LetterData
from printing.pdf_doc import PT_PER_MM, markup

TITLE = "周检提醒函"
MARGIN = 20 * PT_PER_MM


def _styles() -> dict[str, ParagraphStyle]:
    font = serif_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK")
    return {
        "body": body,
        "institute": ParagraphStyle(
            "institute", body, fontSize=16, leading=22, alignment=TA_CENTER
        ),
        "address": ParagraphStyle("address", body, fontSize=11, leading=16),
        "subject": ParagraphStyle("subject", body, fontSize=14, leading=22, alignment=TA_CENTER),
        "sign": ParagraphStyle("sign", body, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", body, fontSize=8, leading=10),
    }


def _letter(
    letter: LetterData, institute: InstituteInfo, s: dict[str, ParagraphStyle]
) -> list[Any]:
    to = one_line(f"{letter.customer}　{letter.recipient}") if letter.recipient else letter.customer
    story: list[Any] = [
        Paragraph(markup(f"编号 {letter.reference}" if letter.reference else ""), s["small"]),
        Paragraph(markup(institute.name), s["institute"]),
        Spacer(1, 10 * PT_PER_MM),
        Paragraph(markup(one_line(letter.address)), s["address"]),
        Paragraph(markup(f"{to}　收"), s["address"]),
        Spacer(1, 14 * PT_PER_MM),
        Paragraph(markup(letter.subject or TITLE), s["subject"]),
        Spacer(1, 4 * PT_PER_MM),
    ]
    for line in letter.body.strip().splitlines():
        story.append(Paragraph(markup(line) or "&nbsp;", s["body"]))
    story += [
        Spacer(1, 10 * PT_PER_MM),
        Paragraph(markup(institute.name), s["sign"]),
        Paragraph(f"{letter.date.year} 年 {letter.date.month} 月 {letter.date.day} 日", s["sign"]),
    ]
    return story


def render_letters_pdf(letters: Sequence[LetterData], institute: InstituteInfo) -> bytes:
    """All `letters` in one PDF, each starting on a new page."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=TITLE,
        creator="计量收发台",
        invariant=1,
    )
    story: list[Any] = []
    for n, letter in enumerate(letters):
        if n:
            story.append(PageBreak())
        story += _letter(letter, institute, styles)
    parts = (institute.name, institute.address, institute.phone)
    footer = one_line("　".join(x for x in parts if x))
    font = serif_font()

    def decorate(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(MARGIN, MARGIN / 2, footer)
        canvas.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
