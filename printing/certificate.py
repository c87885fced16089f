"""The certificate as an A4 PDF, laid out as JJF 1069-2012 / 国质检量函〔2005〕861号 describe.

Page 1 is the cover (institute, title by document type, number, customer, instrument,
regulation, conclusion, signatures, dates, authorisation number, contacts, footnotes,
a QR code and the item's barcode); the inner pages carry the original-record number,
the standards used, location and environment, the results (before and after an
adjustment) and the end mark "以下空白".  Every page says "第 x 页 共 y 页".

The QR code holds the text handed in `qr_text` (the institute's signed payload,
docs/certificate-qr.md), else ``CERT:<number>:<digest>``; the digest
(`certificate_digest`) is the first 12 hex digits of the SHA-256 of the printed
content (everything but the QR text), so a scanned paper copy can be checked against
the institute's records.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from printing.barcodes import draw_code128
from printing.certificate_data import TITLES, CertificatePrint
from printing.certificate_pages import (
    BOTTOM,
    MARGIN,
    MM,
    TOP,
    VERBS,
    cover_fields,
    cover_space,
    date_text,
    draw_qr,
    footnotes,
    inner_story,
    text,
)
from printing.fonts import font_record, serif_font
from printing.pdf_doc import draw_fitted, numbered_canvas, page_label


@dataclass(frozen=True)
class RenderedCertificate:
    pdf: bytes
    page_count: int
    digest: str
    font_family: str = ""  # the face every character was drawn (and glyph-checked) with
    font_fingerprint: str = ""  # `printing.fonts.CheckedTTFont.fingerprint`


def certificate_digest(data: CertificatePrint) -> str:
    """First 12 hex digits of SHA-256 over the canonical JSON of everything printed.

    The QR text is left out: it carries the digest.
    """
    content = dataclasses.asdict(data)
    del content["qr_text"]
    canonical = json.dumps(
        content,
        default=lambda day: day.isoformat(),  # dates: the only non-JSON values
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def qr_payload(data: CertificatePrint, digest: str | None = None) -> str:
    """What the QR code holds: `data.qr_text`, else ``CERT:<number>:<digest>``."""
    if data.qr_text:
        return data.qr_text
    return f"CERT:{data.number}:{digest or certificate_digest(data)}"


class _Cover:
    """Page 1, drawn on the canvas at fixed places (millimetres from the top edge)."""

    def __init__(self, c: Any, data: CertificatePrint) -> None:
        self.c, self.data, self.font = c, data, serif_font()
        self.width, self.height = c._pagesize
        self.right = self.width - MARGIN
        self.label_x, self.value_x = MARGIN + 12 * MM, MARGIN + 48 * MM
        self.verb = VERBS[data.kind]

    def at(self, mm: float) -> float:
        return float(self.height - mm * MM)

    def put(
        self, value: str, x: float, mm: float, width: float, size: float, align: str = "left"
    ) -> None:
        draw_fitted(self.c, text(value), x, self.at(mm), width, self.font, size, align)

    def head(self, qr_text: str) -> None:
        c, data, full = self.c, self.data, self.right - MARGIN
        draw_qr(c, qr_text, MARGIN - 2 * MM, self.at(38), 26 * MM)
        self.put(data.institute.name, MARGIN, 50, full, 20, "centre")
        title, english = TITLES[data.kind]
        self.put(title, MARGIN, 72, full, 30, "centre")
        self.put(english, MARGIN, 80, full, 11, "centre")

    def fields(self) -> None:
        end = self.right - 12 * MM
        self.c.setLineWidth(0.5)
        for i, (label, value) in enumerate(cover_fields(self.data)):
            mm = 100 + 10.5 * i
            self.put(label, self.label_x, mm, 34 * MM, 12)
            self.put(value or "—", self.value_x + 2, mm - 0.35, end - self.value_x - 4, 12)
            self.c.line(self.value_x, self.at(mm) - 2.5, end, self.at(mm) - 2.5)

    def signatures(self) -> None:
        data = self.data
        for i, (label, name) in enumerate(
            (
                ("批 准 人", data.approver),
                ("核 验 员", data.checker),
                (f"{self.verb} 员", data.verifier),
            )
        ):
            mm = 180 + 10 * i
            self.put(label, self.label_x, mm, 30 * MM, 12)
            self.put(name, self.value_x + 4, mm - 0.35, 40 * MM, 12)
            self.c.line(self.value_x, self.at(mm) - 2.5, self.value_x + 48 * MM, self.at(mm) - 2.5)
        self.c.saveState()
        self.c.setFillGray(0.55)
        self.put(f"（{self.verb}专用章）", self.right - 58 * MM, 196, 46 * MM, 11, "centre")
        self.c.restoreState()

    def dates(self) -> None:
        data = self.data
        dates = [(f"{self.verb}日期", data.performed)]
        if data.kind == "verification_certificate":
            dates.append(("有效期至", data.valid_until))
        dates.append(("签发日期", data.issued))
        for i, (label, day) in enumerate(dates):
            self.put(label, self.label_x, 222 + 8.5 * i, 30 * MM, 12)
            self.put(date_text(day), self.value_x + 4, 222 + 8.5 * i, 60 * MM, 12)
        code_w, code_x = 56 * MM, self.right - 62 * MM
        draw_code128(self.c, data.item_number, code_x, self.at(230), code_w, 11 * MM)
        self.put(f"收件编号 {data.item_number}", code_x, 234, code_w, 8, "centre")

    def foot(self, notes: tuple[str, ...]) -> None:
        full = self.right - MARGIN
        self.put("注：", MARGIN, 247, 8 * MM, 8.5)
        for n, note in enumerate(notes, start=1):
            self.put(f"{n}. {note}", MARGIN + 7 * MM, 247 + 4.4 * (n - 1), full - 7 * MM, 8.5)
        inst = self.data.institute
        place = "　".join(
            x for x in (f"地址：{inst.address}" if inst.address else "",
                        f"电话：{inst.phone}" if inst.phone else "") if x
        )  # fmt: skip
        lines = [
            f"计量检定机构授权证书号：{inst.authorisation_no}" if inst.authorisation_no else "",
            place,
            self.data.contacts,
        ]
        lines = [line for line in lines if line.strip()]
        box = (len(lines) * 5.2 + 3) * MM
        self.c.setLineWidth(0.6)
        self.c.rect(MARGIN, self.at(263) - box, full, box)
        for i, line in enumerate(lines):
            self.put(line, MARGIN + 3 * MM, 268 + 5.2 * i, full - 6 * MM, 9)


def _draw_cover(c: Any, data: CertificatePrint, qr_text: str, notes: tuple[str, ...]) -> None:
    cover = _Cover(c, data)
    cover.head(qr_text)
    cover.fields()
    cover.signatures()
    cover.dates()
    cover.foot(notes)


def decorator(
    data: CertificatePrint, qr_text: str, notes: tuple[str, ...], pages: list[int]
) -> Callable[[Any, int, int], None]:
    """Header on every page ("证书编号", "第 x 页 共 y 页"); the cover on page 1.

    `pages` receives the page count once the document is finished.
    """
    font = serif_font()
    title = TITLES[data.kind][0].replace(" ", "")

    def decorate(c: Any, page: int, total: int) -> None:
        pages[:] = [total]
        width, height = c._pagesize
        c.saveState()
        c.setFillGray(0)
        right = width - MARGIN
        half = (right - MARGIN) / 2
        draw_fitted(
            c, f"证书编号：{data.number}", MARGIN + half, height - 14 * MM, half, font, 10, "right"
        )
        draw_fitted(
            c, page_label(page, total), MARGIN + half, height - 19.5 * MM, half, font, 10, "right"
        )
        if page == 1:
            _draw_cover(c, data, qr_text, notes)
        else:
            draw_fitted(
                c,
                f"{text(data.institute.name)}　{title}",
                MARGIN,
                height - 19.5 * MM,
                half,
                font,
                9,
            )
            c.setLineWidth(0.6)
            c.line(MARGIN, height - 22 * MM, right, height - 22 * MM)
        c.restoreState()

    return decorate


def render_certificate(data: CertificatePrint) -> RenderedCertificate:
    """The PDF, its page count and the digest its QR code carries."""
    digest = certificate_digest(data)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"{TITLES[data.kind][0].replace(' ', '')} {data.number}",
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    pages: list[int] = []
    story = [cover_space(), *inner_story(data, doc.width)]
    decorate = decorator(data, qr_payload(data, digest), footnotes(data), pages)
    doc.build(story, canvasmaker=numbered_canvas(decorate))
    font = font_record(serif_font())
    return RenderedCertificate(
        buffer.getvalue(), pages[0] if pages else 0, digest, font.family, font.fingerprint
    )


def render_certificate_pdf(data: CertificatePrint) -> bytes:
    """The certificate as PDF bytes (A4 portrait)."""
    return render_certificate(data).pdf
