"""The statement as XLSX and as printed data: what the customer and the auditor read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from counter.billing.rules.addons import AddOnInput, PerUnitOver
from counter.billing.rules.export import statement_xlsx
from counter.billing.rules.policy import FeePolicy
from counter.billing.rules.pricing import CustomerTerms, ExtraCharge, FeeLineInput, price_lines
from counter.billing.rules.printout import statement_print
from counter.billing.rules.statement import (
    PaymentDetails,
    Statement,
    StatementCustomer,
    build_statement,
)
from printing.common import InstituteInfo

DAY = dt.date(2026, 11, 23)


def sample_statement(n: int = 12, **kw: Any) -> Statement:
    items: list[FeeLineInput | ExtraCharge] = []
    for i in range(1, n + 1):
        items.append(
            FeeLineInput(
                item_number=f"20261000123-{i:03d}",
                instrument="钢卷尺",
                service="verification" if i % 3 else "calibration",
                fee_code="ZJ-GJC",
                unit_price_fen=2000 + i,
                date=DAY,
                order_number="20261000123",
                serial=f"GJ{i:05d}",
                fee_range="≤5 m",
                unit="把",
                addons=(PerUnitOver(500, "m", Decimal(5)),),
                addon_input=AddOnInput(measured=Decimal(i)),
                compulsory=i % 4 == 0,
                turnaround_hours=72 if i % 5 == 0 else None,
            )
        )
    items.append(ExtraCharge("travel", "上门检定交通费", 12000, order_number="20261000123"))
    lines = price_lines(items, CustomerTerms(size="small"), FeePolicy())
    return build_statement(
        "2026F000123",
        StatementCustomer("聊城计量器具有限公司", "91310110666007217T"),
        DAY,
        lines,
        clerk="李开票",
        payment_details=PaymentDetails("聊城市计量测试所", "工商银行", "1611001209200012345"),
        **kw,
    )


def _sheet(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data)).worksheets[0]


def test_xlsx_total_cell_equals_the_sum_of_line_cells() -> None:
    s = sample_statement()
    sheet = _sheet(statement_xlsx(s))
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if "金额（元）" in r)
    amount_col = rows[header].index("金额（元）")
    total_at = next(i for i, r in enumerate(rows) if r[0] == "合计")
    amounts = [rows[i][amount_col] for i in range(header + 1, total_at)]
    assert len(amounts) == len(s.lines)
    assert all(isinstance(a, int | float) for a in amounts)  # numbers, not text
    total = rows[total_at][amount_col]
    assert isinstance(total, int | float)
    assert Decimal(str(total)) == sum(Decimal(str(a)) for a in amounts)
    assert Decimal(str(total)) * 100 == s.total_fen
    assert rows[total_at + 1][:2] == ["合计（大写）", s.total_capitals]
    codes = [rows[i][rows[header].index("收费代码")] for i in range(header + 1, total_at)]
    assert codes == [line.fee_code or None for line in s.lines]  # empty cells read back as None


def test_xlsx_money_cells_have_two_decimals_and_no_formulas() -> None:
    sheet = _sheet(statement_xlsx(sample_statement()))
    formats = set()
    for row in sheet.iter_rows():
        for cell in row:
            assert not (isinstance(cell.value, str) and cell.value.startswith("="))
            if isinstance(cell.value, float | int) and cell.column > 11:
                formats.add(cell.number_format)
    assert formats == {"#,##0.00"}


def test_printed_data_carries_codes_reasons_and_the_reissue() -> None:
    s = sample_statement(replaces="2026F000100", replace_reason="单价录入错误")
    institute = InstituteInfo(name="聊城市计量测试所")
    data = statement_print(s, institute, remarks=("月结客户",))
    assert [x.fee_code for x in data.lines] == [x.fee_code for x in s.lines]
    assert data.lines[0].tier == "≤5 m" and data.lines[0].quantity == "1 把"
    free = data.lines[3]
    assert free.amount_fen == 0
    assert free.adjustments == (
        ("强制检定免收费用（财税〔2017〕20号）", -free.unit_price_fen - free.addons_fen),
    )
    assert data.lines[7].addons_text == "超过5米每米加收5元（超出3米）"
    assert data.lines[-1].service == "交通费"
    assert data.total_fen == sum(x.amount_fen for x in data.lines) == s.total_fen
    assert data.total_capitals == s.total_capitals
    assert data.remarks == ("本清单替代 2026F000100，原因：单价录入错误", "月结客户")
    assert [label for label, _fen in data.subtotals] == ["检定", "校准", "交通费"]


@pytest.mark.parametrize("n", [1, 40])
def test_printed_pdf_from_a_real_statement(n: int) -> None:
    from printing.statement import render_statement_pdf
    from tests.printing.pdftools import pdf_page_texts, squash

    s = sample_statement(n)
    text = squash(
        "".join(
            pdf_page_texts(
                render_statement_pdf(statement_print(s, InstituteInfo("聊城市计量测试所")))
            )
        )
    )
    assert s.total_capitals in text
    assert squash("强制检定免收费用（财税〔2017〕20号）") in text or n < 4
    assert dataclasses.replace(s, lines=()).number in text


def test_a_customer_name_that_looks_like_a_formula_stays_text() -> None:
    s = sample_statement(2)
    hostile = dataclasses.replace(
        s, customer=StatementCustomer('=HYPERLINK("http://x.example","付款")\x07', "")
    )
    sheet = _sheet(statement_xlsx(hostile))
    cell = next(
        c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"  # text, not a formula Excel would run
    assert cell.value == '=HYPERLINK("http://x.example","付款")'  # the bell character dropped
