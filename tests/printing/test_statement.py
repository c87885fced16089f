"""The fee statement PDF, read back the way a customer or an auditor reads it."""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

import pypdfium2 as pdfium
import pytest

from printing.common import InstituteInfo
from printing.statement import PayeeInfo, StatementPrint, StatementPrintLine, render_statement_pdf
from tests.printing.pdftools import (
    pdf_barcodes,
    pdf_page_count,
    pdf_page_sizes,
    pdf_page_texts,
    squash,
)

INSTITUTE = InstituteInfo(
    name="聊城市计量测试所", address="山东省聊城市东昌府区柳园南路 88 号", phone="0635-8888888"
)
PAYEE = PayeeInfo(
    "聊城市计量测试所",
    "中国工商银行聊城分行",
    "1611001209200012345",
    "可微信、支付宝扫码或 POS 刷卡",
)
NAMES = (
    "钢卷尺",
    "量块",
    "数字式电子血压计（上臂式）",
    "直流电流表",
    "可燃气体检测报警器（点型，工业用，含远程报警装置）",
)
CODES = ("ZJ-GJC", "C001", "C-005-006", "D-DLB", "BJ-GDKC", "AH-QZY")
AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2}")


def line(n: int, order: str = "20261000123") -> StatementPrintLine:
    price = 2000 + 137 * n
    addons = 1500 if n % 7 == 0 else 0
    adjustments: tuple[tuple[str, int], ...] = ()
    if n % 5 == 0:
        adjustments = (("强制检定免收费用（财税〔2017〕20号）", -(price + addons)),)
    elif n % 3 == 0:
        adjustments = (
            ("加急（72 小时内出具）加收 30%", price * 3 // 10),
            ("小微企业减收 50%", -price // 2),
        )
    return StatementPrintLine(
        item_number=f"{order}-{n:03d}",
        instrument=NAMES[n % len(NAMES)],
        model="HBP-1300" if n % 2 else "0～5 m",
        serial=f"SN{n:08d}",
        service="检定" if n % 4 else "校准",
        fee_code=CODES[n % len(CODES)],
        tier="三/四等 ≤100 mm" if n % 2 else "",
        quantity="1 把",
        unit_price_fen=price,
        addons_fen=addons,
        addons_text="超过5米每米加收5元（超出3米）" if addons else "",
        adjustments=adjustments,
        amount_fen=price + addons + sum(f for _r, f in adjustments),
        order_number=order,
    )


def statement(n: int, orders: int = 1, **changes: Any) -> StatementPrint:
    lines = tuple(line(i, f"2026100012{i % orders}") for i in range(1, n + 1))
    lines = tuple(sorted(lines, key=lambda x: x.order_number))
    total = sum(x.amount_fen for x in lines)
    data = StatementPrint(
        number="2026F000123",
        institute=INSTITUTE,
        customer_name="聊城市人民医院（东院区）设备科",
        issued_on=datetime.date(2026, 11, 23),
        lines=lines,
        subtotals=(("检定", total - 500), ("校准", 500)),
        total_fen=total,
        total_capitals="（由调用方给出的大写金额）",
        clerk="李开票",
        payee=PAYEE,
        customer_code="91310110666007217T",
        customer_contact="王建国 13906351234",
        order_numbers=tuple(sorted({x.order_number for x in lines})),
    )
    return dataclasses.replace(data, **changes)


def column_amounts(pdf: bytes, header: str = "金额（元）") -> list[list[int]]:
    """Per page, the amounts (in fen) read down the column under `header`."""
    doc = pdfium.PdfDocument(pdf)
    pages: list[list[int]] = []
    try:
        for index in range(len(doc)):
            textpage = doc[index].get_textpage()
            hit = textpage.search(header).get_next()
            if hit is None:
                pages.append([])
                continue
            first, count = hit
            left, bottom, _r, _t = textpage.get_charbox(first)
            right = textpage.get_charbox(first + count - 1)[2]
            text = textpage.get_text_bounded(
                left=left - 8, bottom=0, right=right + 4, top=bottom - 1
            )
            pages.append(
                [
                    int(t.replace(",", "").replace(".", ""))
                    for t in text.split()
                    if AMOUNT.fullmatch(t)
                ]
            )
    finally:
        doc.close()
    return pages


def test_statement_shows_every_line_code_total_and_capitals() -> None:
    data = statement(12)
    whole = squash("".join(pdf_page_texts(render_statement_pdf(data))))
    for expected in (
        INSTITUTE.name,
        "检定费专用清单",
        data.number,
        data.customer_name,
        data.customer_code,
        "委托单号：20261000120",
        "开具日期：2026-11-23",
        "合计金额（小写）：¥" + f"{data.total_fen // 100:,}.{data.total_fen % 100:02d}",
        "（大写）：" + data.total_capitals,
        "开票人：李开票",
        "收款单位：聊城市计量测试所",
        "账号：1611001209200012345",
        PAYEE.note,
        "小计：检定",
        "强制检定免收费用（财税〔2017〕20号）",
        "超过5米每米加收5元（超出3米）",
        "第1页共1页",
    ):
        assert squash(expected) in whole, expected
    for item in data.lines:
        assert item.item_number in whole and item.fee_code in whole and item.serial in whole


def test_total_equals_the_sum_of_the_amounts_printed_in_the_table() -> None:
    data = statement(120)
    pdf = render_statement_pdf(data)
    pages = column_amounts(pdf)
    assert len(pages) >= 3 and all(pages[:-1])
    printed = [fen for page in pages for fen in page]
    assert printed == [x.amount_fen for x in data.lines]
    assert sum(printed) == data.total_fen
    whole = squash("".join(pdf_page_texts(pdf)))
    assert f"¥{data.total_fen // 100:,}.{data.total_fen % 100:02d}" in whole


def test_long_statement_repeats_the_header_and_numbers_its_pages() -> None:
    data = statement(120)
    texts = pdf_page_texts(render_statement_pdf(data))
    total = len(texts)
    seen: list[str] = []
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
        items = re.findall(r"20261000120-\d{3}", squash(text))
        if items:
            assert "收费代码" in text and "金额（元）" in text
        if number > 1:
            assert "No. 2026F000123（续）" in text
        seen += items
    assert seen == [x.item_number for x in data.lines]
    assert "开票人" in texts[-1] and "开票人" not in texts[0]


def test_barcode_decodes_to_the_statement_number() -> None:
    assert pdf_barcodes(render_statement_pdf(statement(3)), page=0, scale=3) == ["2026F000123"]


def test_monthly_billing_shows_each_order() -> None:
    data = statement(30, orders=3)
    whole = squash("".join(pdf_page_texts(render_statement_pdf(data))))
    for order in data.order_numbers:
        assert f"委托单号：{order}" in whole
    assert sum(sum(p) for p in column_amounts(render_statement_pdf(data))) == data.total_fen


def test_a4_landscape_and_long_texts_do_not_break_the_layout() -> None:
    long = dataclasses.replace(line(1), instrument="很长的器具名称" * 20, serial="S" * 80)
    data = statement(1, lines=(long,), total_fen=long.amount_fen, remarks=("备注" * 200,))
    pdf = render_statement_pdf(data)
    assert pdf_page_sizes(pdf)[0] == pytest.approx((841.89, 595.28), abs=0.01)
    assert column_amounts(pdf)[0] == [long.amount_fen]


def test_500_lines_paginate_with_every_line_printed() -> None:
    # the speed of this lives in the benchmark (statement_500_lines_pdf_ms), not here
    data = statement(500)
    pdf = render_statement_pdf(data)
    assert pdf_page_count(pdf) >= 10
    printed = [fen for page in column_amounts(pdf) for fen in page]
    assert printed == [line.amount_fen for line in data.lines]
