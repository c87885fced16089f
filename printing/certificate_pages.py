"""Certificate layout: words by document type, the QR code, and the inner pages as flowables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from printing.fonts import serif_font
from printing.pdf_doc import PT_PER_MM, markup

if TYPE_CHECKING:
    from printing.certificate_data import CertificatePrint

MM = PT_PER_MM
GRID = colors.Color(0.3, 0.3, 0.3)
MARGIN = 20 * MM
TOP = 27 * MM  # below the running header
BOTTOM = 18 * MM
_SPACES = re.compile(r"[ \t\r\n\f\v]+")

VERBS = {
    "verification_certificate": "检定",
    "verification_notice": "检定",
    "calibration_certificate": "校准",
    "test_report": "检测",
}
PAPER = {
    "verification_certificate": "证书",
    "verification_notice": "通知书",
    "calibration_certificate": "证书",
    "test_report": "报告",
}


def draw_qr(canvas: Any, payload: str, x: float, y: float, size: float) -> None:
    """A QR code as vector squares in the box (x, y, size, size), quiet zone included."""
    # Mask fixed: readers decode all eight, and segno's search for the "best" one costs
    # ~7 ms, a tenth of the time budget of a whole certificate.
    qr = segno.make(payload, error="m", micro=False, mask=0)
    matrix = qr.matrix
    n = len(matrix)
    module = size / (n + 8)
    ops: list[str] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {n - 1 - r} {c - start} 1 re")
            else:
                c += 1
    left, bottom = x + 4 * module, y + 4 * module
    canvas.addLiteral(
        f"q 0 g {module:.5f} 0 0 {module:.5f} {left:.4f} {bottom:.4f} cm {' '.join(ops)} f Q"
    )


class CoverSpace(Flowable):  # type: ignore[misc,unused-ignore]
    """Takes the whole first frame: the cover itself is drawn by the page decorator."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height

    def draw(self) -> None:
        pass


def text(value: str) -> str:
    """One printable line: line breaks and runs of spaces collapsed (the ideographic space
    "　" is kept: it is layout)."""
    return _SPACES.sub(" ", value).strip(" ")


def cover_space() -> CoverSpace:
    return CoverSpace()


def standard_footnotes(data: CertificatePrint) -> tuple[str, ...]:
    paper, verb = PAPER[data.kind], VERBS[data.kind]
    notes = [
        data.statement.strip(),
        f"本{paper}未加盖本机构{verb}专用章无效，涂改无效。",
        f"未经本机构书面批准，不得部分复制本{paper}。",
    ]
    return tuple(n for n in notes if n)


def footnotes(data: CertificatePrint) -> tuple[str, ...]:
    if data.footnotes is None:
        return standard_footnotes(data)
    return tuple(n for n in (data.statement.strip(), *data.footnotes) if n)


def date_text(day: Any) -> str:
    return f"{day.year} 年 {day.month:02d} 月 {day.day:02d} 日" if day else "　　年　　月　　日"


def cover_fields(data: CertificatePrint) -> list[tuple[str, str]]:
    verb = VERBS[data.kind]
    legal = data.kind in ("verification_certificate", "verification_notice")
    rows = [
        ("送检单位" if legal else "委托单位", data.customer),
        ("计量器具名称" if legal else ("样品名称" if data.kind == "test_report" else "器具名称"),
         data.instrument_name),
        ("型号/规格", data.model),
        ("出厂编号", data.serial),
        ("制造单位", data.manufacturer),
        (f"{verb}依据", data.regulation),
    ]  # fmt: skip
    if data.kind != "calibration_certificate" or data.conclusion.strip():
        rows.append((f"{verb}结论", data.conclusion))
    return rows


def _styles() -> dict[str, ParagraphStyle]:
    font = serif_font()
    body = ParagraphStyle("cert-body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "body": body,
        "head": ParagraphStyle("cert-head", body, fontSize=11.5, leading=18, spaceBefore=6),
        "cell": ParagraphStyle("cert-cell", body, fontSize=9, leading=11.5),
        "end": ParagraphStyle("cert-end", body, alignment=TA_CENTER, spaceBefore=10),
    }


def _cell(value: str, width: float, style: ParagraphStyle) -> Any:
    value = text(value)
    if stringWidth(value, style.fontName, style.fontSize) <= width - 4:
        return value
    return Paragraph(markup(value), style)


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]], shares: tuple[float, ...],
          width: float, style: ParagraphStyle) -> LongTable:  # fmt: skip
    widths = [width * s for s in shares]
    head = ParagraphStyle("cert-th", style, alignment=TA_CENTER)
    body = [[_cell(v, w, style) for v, w in zip(row, widths, strict=True)] for row in rows]
    heads = [_cell(h, w, head) for h, w in zip(headers, widths, strict=True)]
    t = LongTable([heads, *body], colWidths=widths, repeatRows=1, splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize, style.leading),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def inner_story(data: CertificatePrint, width: float) -> list[Any]:
    s = _styles()
    verb = VERBS[data.kind]
    limit = data.limit_heading or (
        "扩展不确定度" if data.kind == "calibration_certificate" else "最大允许误差"
    )

    def line(label: str, value: str) -> Paragraph:
        return Paragraph(f"{label}：{markup(text(value)) or '—'}", s["body"])

    inst = data.institute
    story: list[Any] = []
    if inst.authorisation_no:
        story.append(line("计量检定机构授权证书号", inst.authorisation_no))
    story += [line("原始记录编号", data.record_number), line(f"{verb}依据", data.regulation)]
    story.append(line(f"{verb}地点", data.location))
    env = "，".join(f"{q} {v} {u}".strip() for q, v, u in data.environment)
    story.append(line("环境条件", env))
    story.append(Paragraph(f"{verb}使用的计量标准器具", s["head"]))
    story.append(
        table(
            ("名称", "测量范围", "不确定度/准确度等级/最大允许误差", "证书编号", "有效期至"),
            [(x.name, x.range, x.accuracy, x.certificate_number,
              x.valid_until.isoformat() if x.valid_until else "") for x in data.standards]
            or [("—", "", "", "", "")],
            (0.24, 0.17, 0.25, 0.18, 0.16), width, s["cell"],
        )
    )  # fmt: skip
    headers = ("序号", "项目", "标称值", "示值/测量值", "误差", limit, "单位")
    shares = (0.07, 0.22, 0.13, 0.15, 0.12, 0.19, 0.12)

    def rows(lines: tuple[Any, ...]) -> list[tuple[str, ...]]:
        return [
            (str(i), r.quantity, r.nominal, r.measured, r.error, r.limit, r.unit)
            for i, r in enumerate(lines, start=1)
        ] or [("—", "", "", "", "", "", "")]

    if data.results_before:
        note = data.adjustment.strip() or "经调修"
        story.append(Paragraph(f"{verb}结果（{markup(note)}，调修前）", s["head"]))
        story.append(table(headers, rows(data.results_before), shares, width, s["cell"]))
        story.append(Paragraph(f"{verb}结果（调修后）", s["head"]))
    else:
        story.append(Paragraph(f"{verb}结果", s["head"]))
    story.append(table(headers, rows(data.results), shares, width, s["cell"]))
    story.append(Spacer(1, 4))
    for label, value in (
        ("符合性判定依据", data.conformity),
        ("建议复校间隔", data.interval),
        ("备注", data.remarks),
    ):
        if value.strip():
            story.append(line(label, value))
    if data.supersedes.strip():
        story.append(
            line("说明", f"本{'报告' if data.kind == 'test_report' else '证书'}替代编号为 "
                 f"{data.supersedes} 的原件，原件作废。修改原因：{data.amendment_reason}")
        )  # fmt: skip
    story.append(Paragraph("—————— 以下空白 ——————", s["end"]))
    return story
