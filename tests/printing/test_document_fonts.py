"""Every document type, drawn with the shipped fonts: what is read back is what was given.

The fonts are the project's own (embedded, no standard or system font); digits, Latin
and the symbols of metrology come out as given, and a character no font has is an
error naming it — never a blank where a number should be.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from printing.address_label import AddressLabelData, render_address_label_pdf
from printing.certificate import render_certificate_pdf
from printing.certificate_data import CertificatePrint, ResultLine, StandardLine
from printing.fonts import MissingGlyphs
from printing.handover import HandoverData, HandoverItem, render_handover_pdf
from printing.label import render_labels_pdf
from printing.receipt import render_receipt_pdf
from printing.statement import PayeeInfo, StatementPrint, StatementPrintLine, render_statement_pdf
from tests.printing import samples
from tests.printing.pdftools import pdf_page_texts, pdf_text_fonts, squash

SONG, SANS = "UMingCN", "WenQuanYiMicroHei"
NAME = "温度计（-30～50℃）Ⅲ级 µA Ω"
MODEL = "WNG-11 ±0.5‰ 10²/10³"
LACKING = "㐀"  # a rare character (CJK Extension A) neither shipped font has


def certificate(name: str = NAME) -> CertificatePrint:
    return CertificatePrint(
        kind="calibration_certificate",
        number="2026C0004711",
        item_number="20261000123-01",
        institute=samples.INSTITUTE,
        customer="Qilu Petrochemical 齐鲁石化",
        instrument_name=name,
        model=MODEL,
        serial="SN-0815",
        regulation="JJF 1171-2007《温度巡回检测仪校准规范》",
        performed=dt.date(2026, 11, 24),
        issued=dt.date(2026, 11, 25),
        verifier="张伟",
        record_number="HQ-2026-11-0419",
        standards=(StandardLine("二等铂电阻温度计", "(0～420)℃", "U=0.03℃ (k=2)", "WD-0312"),),
        environment=(("温度", "20.5", "℃"),),
        results=(ResultLine("示值误差", "50.00", "50.12", "+0.12", "0.05", "℃"),),
    )


def statement(name: str = NAME) -> StatementPrint:
    line = StatementPrintLine(
        "20261000123-01", name, MODEL, "SN-0815", "校准", "WD-XJY", "Ⅱ等 ≤420℃", "1 台",
        12345, 0, "", (("小微企业减收 50%", -6172),), 6173, "20261000123",
    )  # fmt: skip
    return StatementPrint(
        number="2026F000123",
        institute=samples.INSTITUTE,
        customer_name="Qilu Petrochemical 齐鲁石化",
        issued_on=dt.date(2026, 11, 30),
        lines=(line,),
        subtotals=(("校准", 6173),),
        total_fen=6173,
        total_capitals="陆拾壹元柒角叁分",
        clerk="张敏",
        payee=PayeeInfo("聊城市计量测试所", "中国工商银行聊城分行", "1611001209200012345"),
    )


def handover(name: str = NAME) -> HandoverData:
    item = HandoverItem("20261000123-01", name, MODEL, "SN-0815", "2026C0004711")
    return HandoverData(
        samples.INSTITUTE, "2026R000042", "自取", "Qilu Petrochemical 齐鲁石化",
        ("20261000123",), dt.datetime(2026, 11, 30, 15, 5), "张敏", (item,),
        collector_name="李雷", collector_phone="13906351234",
    )  # fmt: skip


def address_label(name: str = NAME) -> AddressLabelData:
    return AddressLabelData(
        "SF 顺丰速运", "SF1234567890123", "李雷", "13906351234",
        f"山东省淄博市临淄区 Room 301（{name}）", samples.INSTITUTE, "2026R000042",
    )  # fmt: skip


#: (renderer, the font it must use, texts that must read back, symbols drawn as)
DOCUMENTS: dict[str, tuple[Callable[[str], bytes], str, tuple[str, ...]]] = {
    "certificate": (
        lambda n: render_certificate_pdf(certificate(n)),
        SONG,
        (
            "2026C0004711",
            "SN-0815",
            MODEL,
            NAME,
            "2026 年 11 月 24 日",
            "+0.12",
            "U=0.03℃",
            "CALIBRATION CERTIFICATE",
            "Qilu Petrochemical",
        ),
    ),
    "statement": (
        lambda n: render_statement_pdf(statement(n)),
        SONG,
        ("2026F000123", "123.45", "-61.72", "61.73", "Ⅱ等 ≤420℃", NAME, "2026-11-30"),
    ),
    "receipt": (
        lambda n: render_receipt_pdf(
            dataclasses.replace(
                samples.receipt(1),
                items=(
                    dataclasses.replace(samples.receipt_item(1), instrument_name=n, model=MODEL),
                ),
            )
        ),
        SONG,
        ("20261000123", "20261000123-001", "SN00000001", NAME, MODEL, "2026-11-30", "13906351234"),
    ),
    "handover": (
        lambda n: render_handover_pdf(handover(n)),
        SONG,
        ("2026R000042", "2026C0004711", NAME, MODEL, "2026-11-30 15:05", "139****1234"),
    ),
    "address label": (
        lambda n: render_address_label_pdf(address_label(n)),
        SANS,
        ("SF1234567890123", "SF 顺丰速运", "Room 301", "13906351234", "2026R000042"),
    ),
    "label": (
        lambda n: render_labels_pdf([samples.label(1, instrument_name=n)]),
        SANS,
        ("20261000123-01", "约定日期 2026-11-30", "20261000123"),
    ),
}


def _sans_drawn(text: str) -> str:
    """WenQuanYi Micro Hei has no outline for ℃, Ⅴ, Ⅹ: their equivalents are drawn."""
    return text.replace("℃", "°C").replace("Ⅴ", "V").replace("Ⅹ", "X")


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_every_document_prints_its_data_with_the_shipped_fonts(kind: str) -> None:
    render, face, expected = DOCUMENTS[kind]
    pdf = render(NAME)
    whole = squash("".join(pdf_page_texts(pdf)))
    for text in expected:
        text = _sans_drawn(text) if face == SANS else text
        assert squash(text) in whole, text
    used = pdf_text_fonts(pdf)  # every text drawn with a font the PDF carries, ours
    assert (face, True) in used and used <= {(SONG, True), (SANS, True)}


def test_labels_print_every_symbol_they_are_given() -> None:
    pdf = render_labels_pdf([samples.label(1, customer_short=f"Ab9 {MODEL}")])
    assert squash(_sans_drawn(f"Ab9 {MODEL}")) in squash(pdf_page_texts(pdf)[0])


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_a_character_no_font_has_is_refused_not_drawn_blank(kind: str) -> None:
    render, face, _expected = DOCUMENTS[kind]
    with pytest.raises(MissingGlyphs) as caught:
        render(f"{LACKING}记五金 25")
    assert caught.value.chars == LACKING
    assert ("uming.ttc" if face == SONG else "wqy-microhei.ttc") in caught.value.font


def test_certificate_is_song_and_label_is_bold_sans() -> None:
    cert = render_certificate_pdf(certificate())
    label = render_labels_pdf([samples.label(1)])
    assert pdf_text_fonts(cert) == {(SONG, True)}
    assert pdf_text_fonts(label) == {(SANS, True)}
    assert b"2 Tr" in label  # text filled and stroked: bold


@pytest.mark.parametrize("field", ["instrument_name", "model", "serial"])
def test_a_receipt_cell_wrapped_over_lines_prints_whole_and_refuses_what_no_font_has(
    field: str,
) -> None:
    def receipt_with(value: str) -> bytes:
        item = dataclasses.replace(samples.receipt_item(1), **{field: value})
        return render_receipt_pdf(dataclasses.replace(samples.receipt(1), items=(item,)))

    long = "电子天平 " + "Ab9 " * 12 + NAME
    whole = squash("".join(pdf_page_texts(receipt_with(long))))
    assert squash(long) in whole
    with pytest.raises(MissingGlyphs) as caught:
        receipt_with(long + LACKING)
    assert caught.value.chars == LACKING
