"""Satisfaction, complaints and the appointments' no-show rate in the statistics, against the
hand-counted data of tests/counter/feedback (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from counter.appointments.status import cancel, mark_arrived, mark_no_show
from counter.feedback.figures import FeedbackFilters, complaints_summary, satisfaction
from counter.statistics.export import cell_value, report_pdf, report_xlsx
from counter.statistics.reports import report_kinds, run_report
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Report
from counter.statistics.satisfaction import satisfaction_rows
from tests.conftest import NOW, Counter
from tests.counter.appointments.appt_world import TUESDAY, book_scales, with_capacity
from tests.counter.feedback.test_figures import DEC_2, _complaints, _ratings
from tests.counter.feedback.world import make_world
from tests.printing.pdftools import pdf_page_texts, squash

PERIOD = StatFilter(dt.date(2026, 11, 1), dt.date(2026, 12, 31))


def _report(counter: Counter, f: StatFilter = PERIOD, today: dt.date = DEC_2) -> Report:
    with counter.db.action() as s:
        return run_report(s, counter.admin, "feedback", f, today)


def test_satisfaction_per_department_and_month(counter: Counter) -> None:
    fb = make_world(counter)
    _ratings(fb)
    (_id_a, a, name_a), (_id_b, b, name_b) = fb.a, fb.b
    report = _report(counter)
    assert report.table("satisfaction").rows == (
        (name_a, "2026-11", 2, 0, 0, 2, 1.0),
        (name_a, "2026-12", 0, 1, 1, 2, 0.5),
        (name_b, "2026-11", 1, 1, 0, 2, 1.0),
    )
    assert report.table("satisfaction_departments").rows == (
        (name_a, 2, 1, 1, 4, 0.75),
        (name_b, 1, 1, 0, 2, 1.0),
        ("合计", 2, 2, 1, 5, 0.8),  # o2 (both departments) once
    )
    with counter.db.session() as s:
        # the same figures as the feedback area's own
        figures = satisfaction(s, FeedbackFilters())
        rows = satisfaction_rows(s, PERIOD)
        only_b = satisfaction_rows(s, StatFilter(PERIOD.start, PERIOD.end, (b,)))
        november = satisfaction_rows(s, StatFilter(PERIOD.start, dt.date(2026, 11, 30)))
    assert [r[1:5] for r in rows[1]] == [
        (x.satisfied, x.basic, x.dissatisfied, x.total) for x in figures.by_department
    ]
    o = figures.overall
    assert rows[2][0][1:6] == (o.satisfied, o.basic, o.dissatisfied, o.total, o.rate)
    assert only_b[2][0][1:4] == (1, 1, 0) and [r[0] for r in only_b[1]] == [name_b]
    assert november[2][0][1:4] == (2, 1, 0)
    assert a != b


def test_complaints_by_object_outcome_and_overdue(counter: Counter) -> None:
    fb = make_world(counter)
    _complaints(fb)
    report = _report(counter)
    objects = report.table("complaints")
    assert objects.columns[1:] == (
        "已受理",
        "处理中",
        "已答复",
        "已回访",
        "已办结",
        "已撤回",
        "合计",
    )
    assert objects.rows == (
        ("部门", 1, 0, 0, 0, 0, 0, 1),
        ("收费", 0, 0, 0, 0, 1, 1, 2),
        ("人员", 1, 0, 0, 0, 0, 0, 1),
        ("等候时间", 0, 0, 0, 1, 0, 0, 1),
        ("合计", 2, 0, 0, 1, 1, 1, 5),
    )
    # A owns c1 (on time, 2 working days), c2 (answered late, 3), c3 (open past its plan);
    # B owns the withdrawn c4 and c5 (open, on time)
    assert report.table("complaints_overdue").rows == (
        (fb.a[2], 3, 2, 1, 2.5),
        (fb.b[2], 2, 0, 0, None),
        ("合计", 5, 2, 1, 2.5),
    )
    with counter.db.session() as s:
        summary = complaints_summary(s, FeedbackFilters(), DEC_2)
    assert (summary.total, summary.overdue, summary.open_overdue) == (5, 2, 1)
    only_a = _report(counter, StatFilter(PERIOD.start, PERIOD.end, (fb.a[1],)))
    assert only_a.table("complaints").rows[-1] == ("合计", 1, 0, 0, 1, 1, 0, 3)
    november = _report(counter, StatFilter(PERIOD.start, dt.date(2026, 11, 30)))
    assert november.table("complaints").rows[-1][-1] == 4


def _on(counter: Counter, day: dt.date) -> None:
    counter.clock.at = NOW.replace(month=day.month, day=day.day)


def _appointments(counter: Counter) -> None:
    """Booked on Monday 23 November: 24 Nov am arrives, 24 Nov pm does not come, 25 Nov is
    cancelled, 26 Nov is never marked; 1 Dec does not come; 3 Dec is still ahead."""
    with_capacity(counter, 4)
    came, missed = book_scales(counter, TUESDAY, "am").id, book_scales(counter, TUESDAY, "pm").id
    dropped = book_scales(counter, dt.date(2026, 11, 25)).id
    book_scales(counter, dt.date(2026, 11, 26))
    december = book_scales(counter, dt.date(2026, 12, 1)).id
    book_scales(counter, dt.date(2026, 12, 3))
    with counter.db.action() as s:
        cancel(s, counter.clerk, counter.clock, dropped, "客户改为上门")
    _on(counter, DEC_2)
    with counter.db.action() as s:
        mark_arrived(s, counter.clerk, counter.clock, came)
        mark_no_show(s, counter.clerk, counter.clock, missed, "电话未接")
        mark_no_show(s, counter.clerk, counter.clock, december)


def test_no_show_rate_per_department_and_month(counter: Counter) -> None:
    _appointments(counter)
    table = _report(counter).table("no_show")
    assert table.rows == (
        ("衡器", "2026-11", 4, 1, 1, 1, 0.3333),  # 1 of the 3 not cancelled
        ("衡器", "2026-12", 1, 0, 1, 0, 1.0),  # 3 December is still ahead
        ("合计", "", 5, 1, 2, 1, 0.5),
    )
    # on 1 December that day's appointment is not past yet
    earlier = _report(counter, today=dt.date(2026, 12, 1)).table("no_show")
    assert earlier.rows[-1] == ("合计", "", 4, 1, 1, 1, 0.3333)
    assert _report(counter, today=dt.date(2026, 11, 1)).table("no_show").rows == ()


def test_feedback_report_in_xlsx_and_pdf(counter: Counter) -> None:
    fb = make_world(counter)
    _ratings(fb)
    _complaints(fb)
    assert "feedback" in dict(report_kinds(counter.billing))
    report = _report(counter)
    book = load_workbook(io.BytesIO(report_xlsx(report, PERIOD)))
    assert len(book.worksheets) == len(report.tables)
    for sheet, table in zip(book.worksheets, report.tables, strict=True):
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[2] == table.columns
        expected = [
            tuple(None if v == "" else cell_value(table, k, v) for k, v in enumerate(row))
            for row in table.rows
        ]
        assert [tuple(r[: len(table.columns)]) for r in rows[3 : 3 + len(table.rows)]] == expected
    with counter.db.action() as s:
        pdf = report_pdf(s, report, PERIOD, DEC_2)
    text = squash("".join(pdf_page_texts(pdf)))
    assert squash("满意度（按科室、月份）") in text
    assert squash("投诉超期（按首问负责科室）") in text
    assert "80.00%" in text
