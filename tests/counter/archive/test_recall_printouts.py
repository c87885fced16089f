"""The 周检计划 and 强制检定通知书 read back from their PDFs and XLSX; the monthly batch run."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counter.archive.batch import recall_batch
from counter.archive.plan_xlsx import notice_xlsx, plan_xlsx
from counter.archive.plans import notice_for, notice_pdf, plan_for, plan_pdf
from counter.errors import NotFound
from db.engine import Database
from db.models import Customer
from tests.conftest import Counter
from tests.counter.archive.ledger_world import add_customer, add_entry
from tests.printing.pdftools import pdf_page_texts

D = dt.date
TODAY = D(2026, 12, 20)


def _ledger(c: Counter) -> int:
    shop = add_customer(c, "东昌眼镜店", "眼镜店", "聊城市柳园路 3 号")
    with c.db.action() as s:
        k = c.clock
        add_entry(
            s,
            k,
            c.customer_id,
            "电子计价秤",
            "JS-001",
            D(2026, 1, 15),
            compulsory=True,
            use="trade",
            location="一号门店",
            regulator_number="QG371500000001",
        )
        add_entry(
            s,
            k,
            c.customer_id,
            "电子计价秤",
            "JS-002",
            D(2026, 1, 20),
            compulsory=True,
            use="trade",
            location="二号仓库",
            regulator_number="QG371500000002",
        )
        add_entry(s, k, c.customer_id, "一般压力表", "YL-9", D(2026, 7, 10))
        add_entry(s, k, c.customer_id, "电子计价秤", "JS-003", D(2026, 6, 1))  # due in June
        add_entry(s, k, shop, "一般压力表", "YL-7", D(2026, 7, 3))
    return shop


def _text(pdf: bytes) -> str:
    return "\n".join(pdf_page_texts(pdf)).replace("\r", "")


def test_the_monthly_plan_lists_each_instrument_with_its_dates(counter: Counter) -> None:
    _ledger(counter)
    with counter.db.session() as s:
        plan = plan_for(s, counter.customer_id, 2027, 1, today=TODAY)
        pdf = plan_pdf(s, counter.customer_id, 2027, 1)
        yearly = plan_for(s, counter.customer_id, 2027)
    assert [r.serial for r in plan.rows] == ["YL-9", "JS-001", "JS-002"]
    assert [r.serial for r in yearly.rows] == ["YL-9", "JS-001", "JS-002", "JS-003"]
    text = _text(pdf)
    assert pdf.startswith(b"%PDF")
    for expected in ("2027年1月周检计划", "聊城计量器具有限公司", "示例市计量检定测试所",
                     "JS-001", "JS-002", "YL-9", "JJG 539-2016", "JJG 52-2013", "12个月",
                     "6个月", "2026-01-15", "2027-01-15", "2027-01-20", "2027-01-10",
                     "第 1 页 共 1 页"):  # fmt: skip
        assert expected in text, expected
    assert "JS-003" not in text


def test_the_notice_groups_compulsory_instruments_by_use_address(counter: Counter) -> None:
    _ledger(counter)
    with counter.db.session() as s:
        notice = notice_for(s, counter.customer_id, TODAY, until=D(2027, 1, 31))
        pdf = notice_pdf(s, counter.customer_id, D(2026, 12, 25))  # lead time 30 days
        short = notice_for(s, counter.customer_id, D(2026, 12, 1))  # JS-001 is 45 days off
    assert [g.address for g in notice.groups] == ["一号门店", "二号仓库"]
    assert [r.serial for g in notice.groups for r in g.rows] == ["JS-001", "JS-002"]
    assert notice.reply_by == D(2027, 1, 15)
    assert not short.groups
    text = _text(pdf)
    for expected in ("强制检定计量器具检定通知书", "聊城计量器具有限公司", "使用地点：一号门店",
                     "使用地点：二号仓库", "QG371500000001", "QG371500000002", "2026-01-15",
                     "2027-01-15", "2027-01-20", "12个月"):  # fmt: skip
        assert expected in text, expected
    assert "YL-9" not in text  # not compulsory


def test_plan_and_notice_as_xlsx_keep_a_formula_as_text(counter: Counter) -> None:
    _ledger(counter)
    with counter.db.action() as s:
        customer = s.get(Customer, counter.customer_id)
        assert customer is not None
        customer.name = '=HYPERLINK("http://x","y")'
    with counter.db.session() as s:
        plan = plan_xlsx(plan_for(s, counter.customer_id, 2027, 1, today=TODAY))
        notice = notice_xlsx(notice_for(s, counter.customer_id, TODAY, until=D(2027, 1, 31)))
    sheet = load_workbook(io.BytesIO(plan)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["单位名称", '=HYPERLINK("http://x","y")'] in [row[:2] for row in values]
    assert sheet["B3"].data_type == "s"
    serials = [row[2] for row in values if row and row[2] in {"JS-001", "JS-002", "YL-9"}]
    assert serials == ["YL-9", "JS-001", "JS-002"]
    due = next(row[8] for row in values if row[2] == "JS-001")
    assert due == dt.datetime(2027, 1, 15)
    notice_sheet = load_workbook(io.BytesIO(notice)).active
    assert notice_sheet is not None
    rows = [[c.value for c in row] for row in notice_sheet.iter_rows()]
    assert ["一号门店", "电子计价秤", "XK-JS-001", "JS-001", "QG371500000001"] in [
        r[:5] for r in rows
    ]


def test_a_plan_for_an_unknown_customer_is_refused(counter: Counter) -> None:
    with counter.db.session() as s, pytest.raises(NotFound):
        plan_for(s, 999_999, 2027, 1)


def test_the_batch_writes_every_customer_and_goes_on_past_a_failure(
    counter: Counter, tmp_path: Path
) -> None:
    shop = _ledger(counter)
    broken = add_customer(counter, "坏字符商店\U0001f600", "", "")  # the font has no emoji
    with counter.db.action() as s:
        add_entry(s, counter.clock, broken, "一般压力表", "YL-X", D(2026, 7, 5))
    seen: list[tuple[int, int, str]] = []
    result = recall_batch(
        counter.db, 2027, 1, tmp_path / "out", lambda *a: seen.append(a), today=TODAY
    )
    assert result.customers == 3 and result.entries == 5
    assert [f.customer_id for f in result.failures] == [broken]
    assert "\U0001f600" in result.failures[0].reason  # the font names what it cannot draw
    names = sorted(p.name for p in result.files)
    assert len(names) == 4  # our plan + notice, the shop's plan, the summary
    assert any(n.startswith(f"{counter.customer_id:06d}-") and "强制检定通知书" in n for n in names)
    assert not any(n.startswith(f"{shop:06d}-") and "强制检定通知书" in n for n in names)
    assert all(p.exists() and p.stat().st_size > 0 for p in result.files)
    assert seen[-1] == (3, 3, "") and [s[0] for s in seen[:-1]] == [0, 1, 2]
    summary = load_workbook(tmp_path / "out" / "周检到期清单-202701.xlsx").active
    assert summary is not None
    serials = {row[7].value for row in summary.iter_rows(min_row=4)}
    assert serials == {"JS-001", "JS-002", "YL-9", "YL-7", "YL-X"}
    ours = next(p for p in result.files if p.name.startswith(f"{counter.customer_id:06d}-"))
    assert "JS-001" in _text(ours.read_bytes())


def test_the_batch_of_an_empty_month_writes_only_the_summary(
    sqlite_database: Database, tmp_path: Path
) -> None:
    result = recall_batch(sqlite_database, 2030, 2, tmp_path, lambda *a: None, today=TODAY)
    assert (result.customers, result.entries, result.failures) == (0, 0, ())
    assert [p.name for p in result.files] == ["周检到期清单-203002.xlsx"]
