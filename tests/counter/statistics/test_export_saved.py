"""XLSX cells equal the computed numbers; the PDF shows them; a saved report reruns the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from counter.errors import NotFound, ValidationError
from counter.statistics.export import cell_value, report_pdf, report_xlsx
from counter.statistics.reports import run_report
from counter.statistics.rules.filters import StatFilter
from counter.statistics.saved import list_saved, rerun_saved, retire_saved, save_report
from tests.conftest import Counter
from tests.counter.statistics import world as W
from tests.printing.pdftools import pdf_page_texts, squash

YEAR = StatFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31), service="verification")


@pytest.fixture
def sw(counter: Counter) -> W.StatsWorld:
    return W.build(counter)


def test_xlsx_cells_equal_the_computed_numbers(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    for kind in ("volume", "revenue", "promises", "regulator"):
        with c.db.action() as s:
            report = run_report(s, c.admin, kind, YEAR, W.TODAY)
        book = load_workbook(io.BytesIO(report_xlsx(report, YEAR)))
        assert len(book.sheetnames) == len(report.tables)
        for sheet, table in zip(book.worksheets, report.tables, strict=True):
            rows = list(sheet.iter_rows(values_only=True))
            assert rows[0][:2] == (report.title, table.title)
            assert "2026-01-01" in str(rows[1][0])
            assert rows[2] == table.columns
            body = rows[3 : 3 + len(table.rows)]
            expected = [
                tuple(None if v == "" else cell_value(table, k, v) for k, v in enumerate(row))
                for row in table.rows
            ]
            assert [tuple(r[: len(table.columns)]) for r in body] == expected
    # money in yuan: the 150.00 waived on compulsory scales
    with c.db.action() as s:
        revenue = run_report(s, c.admin, "revenue", YEAR, W.TODAY)
    sheet = load_workbook(io.BytesIO(report_xlsx(revenue, YEAR)))["减免（按原因）"]
    assert sheet.cell(4, 3).value == 150.0
    assert sheet.cell(4, 3).number_format == "#,##0.00"


def test_pdf_shows_the_figures(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    with c.db.action() as s:
        report = run_report(s, c.admin, "promises", YEAR, W.TODAY)
        pdf = report_pdf(s, report, YEAR, W.TODAY)
    text = squash("".join(pdf_page_texts(pdf)))
    assert squash("承诺时限统计") in text
    assert squash("周期分布（工作日）") in text
    assert "100.00%" in text


def test_a_saved_report_reruns_with_the_same_result(sw: W.StatsWorld) -> None:
    c = sw.world.counter
    with c.db.action() as s:
        saved = save_report(s, c.billing, c.clock, " 年度收费 ", "revenue", YEAR)
        first = run_report(s, c.billing, "revenue", YEAR, W.TODAY)
    assert saved.name == "年度收费" and saved.filters == YEAR
    with c.db.action() as s:
        [again] = list_saved(s, c.admin)
        assert again == dataclasses.replace(saved)
        assert rerun_saved(s, c.admin, again.id, W.TODAY) == first
        # saving under the same name replaces the definition
        other = dataclasses.replace(YEAR, service="")
        assert save_report(s, c.admin, c.clock, "年度收费", "revenue", other).id == saved.id
        assert rerun_saved(s, c.admin, saved.id, W.TODAY) != first
        with pytest.raises(ValidationError):
            save_report(s, c.billing, c.clock, "个人", "people", YEAR)  # administrator's only
        with pytest.raises(ValidationError):
            save_report(s, c.billing, c.clock, "  ", "revenue", YEAR)
        retire_saved(s, c.admin, c.clock, saved.id)
        assert list_saved(s, c.admin) == []
        with pytest.raises(NotFound):
            rerun_saved(s, c.admin, saved.id, W.TODAY)


def test_filter_round_trips_as_json() -> None:
    f = StatFilter(dt.date(2026, 2, 1), dt.date(2026, 2, 28), (3, 1, 3), "化工", "3201",
                   "verification", 7)  # fmt: skip
    assert f.department_ids == (1, 3)
    assert StatFilter.from_json(f.to_json()) == f
    with pytest.raises(ValueError):
        StatFilter(dt.date(2026, 2, 2), dt.date(2026, 2, 1))
