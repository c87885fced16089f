"""The job sheet PDF read back (text and barcodes), the jobs list and the week of resources."""

from __future__ import annotations

import datetime as dt

from counter.onsite.items import number_items
from counter.onsite.schedule import schedule_job
from counter.onsite.sheet import job_sheet_pdf
from counter.onsite.views import job_view, list_jobs, week_view
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, make_world
from tests.printing.pdftools import pdf_barcodes, pdf_page_texts, squash


def test_job_sheet_lists_site_crew_vehicle_standards_and_item_barcodes(counter: Counter) -> None:
    w = make_world(counter)
    job_id = w.job(n=3)
    with counter.db.action() as s:
        schedule_job(s, counter.clerk, counter.clock, job_id, w.crew())
        saved = number_items(s, counter.clerk, counter.clock, job_id)
        assert saved is not None
        number = job_view(s, job_id).row.number
    with counter.db.session() as s:
        pdf = job_sheet_pdf(s, counter.clock, job_id)
    text = squash(" ".join(pdf_page_texts(pdf)))
    for expected in (
        "上门检定任务单",
        "聊城市东昌府区粮库1号",
        "赵检定（负责人）",
        "鲁P·J0001检衡车",
        "STD-W-001",
        "ZJ2026-001",
        "DB-001",
        "DB-003",
        "检定结果",
        "客户签字",
    ):
        assert squash(expected) in text, expected
    codes = pdf_barcodes(pdf, scale=4)
    assert sorted(codes) == sorted([number, *saved.item_numbers])


def test_week_view_shows_who_and_what_is_booked_each_day(counter: Counter) -> None:
    w = make_world(counter)
    job_id = w.job()
    with counter.db.action() as s:
        schedule_job(s, counter.clerk, counter.clock, job_id, w.crew(TODAY + dt.timedelta(days=2)))
        number = job_view(s, job_id).row.number
    with counter.db.session() as s:
        week = week_view(s, TODAY)
        rows = list_jobs(s, start=TODAY, end=TODAY + dt.timedelta(days=6))
    assert week.monday == dt.date(2026, 11, 23) and len(week.days) == 7
    by_label = {(r.resource, r.label): r.days for r in week.rows}
    assert by_label[("user", "赵检定")] == ("", "", number, "", "", "", "")
    assert by_label[("user", "钱检定")] == ("",) * 7
    assert by_label[("vehicle", "鲁P·J0001 检衡车")][2] == number
    assert by_label[("standard", "STD-W-001 M1 等级砝码（1 t × 20）")][2] == number
    assert [(r.number, r.state, r.crew, r.vehicle) for r in rows] == [
        (number, "scheduled", "赵检定", "鲁P·J0001")
    ]
