"""A campaign over two counties: instruments selected, split into daily jobs by vehicle
capacity, progress by county as jobs finish, revenue split that adds up to the statements."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from counter.__main__ import main
from counter.billing import record_payment
from counter.customers.records import CustomerForm, create_customer
from counter.onsite.campaign_pdf import campaign_summary_pdf
from counter.onsite.campaigns import (
    CampaignForm,
    campaign_progress,
    campaign_revenue,
    campaign_summary_xlsx,
    plan_campaign,
)
from counter.onsite.items import bill_job, number_items
from counter.onsite.jobs import cancel_job, finish_job, start_job
from counter.onsite.rules.campaign import Share
from counter.onsite.schedule import schedule_job
from db.models import Instrument
from db.models_onsite import OnsiteJob
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, World, make_world
from tests.printing.pdftools import pdf_page_texts, squash

SHARES = (Share("示例市计量所", 500), Share("甲县计量所", 333), Share("乙县计量所", 167))


def _campaign(counter: Counter) -> tuple[World, int]:
    w = make_world(counter)  # 3 truck scales of the test customer (no division code)
    c = counter
    with c.db.action() as s:
        for n, county in enumerate(("371502", "371521")):
            form = CustomerForm(name=f"粮库{n}", address=f"{county} 某路", phone="13900000000")
            customer = create_customer(s, c.clerk, c.clock, form)
            customer.division_code = county
            for k in range(4):
                s.add(
                    Instrument(
                        customer_id=customer.id,
                        type_id=w.type_id,
                        serial=f"G{n}{k}",
                        use="trade",
                        source="manual",
                        created_at=c.clock.now(),
                    )
                )
        s.flush()
        done = plan_campaign(
            s,
            c.clerk,
            c.clock,
            CampaignForm(
                "2027 地磅统检",
                TODAY,
                TODAY + dt.timedelta(days=30),
                (w.vehicle_id,),
                type_ids=(w.type_id,),
                divisions=("3715",),
                partners=SHARES,
                county_institutes={"371521": "甲县计量所"},
            ),
        )
    assert (done.instruments, done.unplaced) == (8, 0)
    return w, done.campaign_id


def test_campaign_jobs_follow_county_and_capacity_and_progress_adds_up(counter: Counter) -> None:
    w, cid = _campaign(counter)
    c = counter
    with c.db.session() as s:
        jobs = list(
            s.scalars(
                select(OnsiteJob)
                .where(OnsiteJob.campaign_id == cid)
                .order_by(OnsiteJob.requested_date, OnsiteJob.id)
            )
        )
        # truck capacity 6 a day, one county a day: 4 + 4 instruments on two days
        assert [(j.requested_date, j.division_code, len(j.instruments)) for j in jobs] == [
            (TODAY, "371502", 4),
            (TODAY + dt.timedelta(days=1), "371521", 4),
        ]
        assert [j.institute for j in jobs] == ["", "甲县计量所"]
        first, second = jobs[0].id, jobs[1].id
        rows = {
            i.id: r
            for i, r in zip(jobs[0].instruments, ["pass", "pass", "fail", "pass"], strict=True)
        }
    with c.db.action() as s:
        schedule_job(s, c.clerk, c.clock, first, w.crew())
        start_job(s, c.clerk, c.clock, first)
        finish_job(s, c.clerk, c.clock, first, rows)
    with c.db.session() as s:
        a, b, total = campaign_progress(s, cid)
    assert (a.county, a.planned, a.done, a.failed, a.remaining) == ("371502", 4, 3, 1, 0)
    assert (b.county, b.planned, b.remaining) == ("371521", 4, 4)
    assert (total.planned, total.done + total.failed + total.remaining) == (8, 8)
    with c.db.action() as s:
        cancel_job(s, c.clerk, c.clock, second, "县所自行完成")
    with c.db.session() as s:
        assert campaign_progress(s, cid)[1].cancelled == 4


def test_revenue_split_adds_up_to_the_statements(counter: Counter) -> None:
    _w, cid = _campaign(counter)
    c = counter
    with c.db.session() as s:
        job_ids = list(s.scalars(select(OnsiteJob.id).where(OnsiteJob.campaign_id == cid)))
    totals = 0
    for job_id in job_ids:
        with c.db.action() as s:
            number_items(s, c.clerk, c.clock, job_id)
            statement = bill_job(s, c.billing, c.clock, job_id)
            totals += statement.total_fen
            record_payment(s, c.billing, c.clock, statement.id, "cash", statement.total_fen)
    assert totals == 2 * (20000 + 4 * 5000)  # travel per job + surcharge per instrument
    with c.db.session() as s:
        split = campaign_revenue(s, cid)
        xlsx = campaign_summary_xlsx(s, cid)
        pdf = campaign_summary_pdf(s, c.clock, cid)
    assert split.total_fen == totals and sum(f for _i, f in split.parts) == totals
    assert split.parts == (("示例市计量所", 40000), ("甲县计量所", 26640), ("乙县计量所", 13360))
    book = load_workbook(io.BytesIO(xlsx))
    money = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert money[-1][:2] == ["合计", totals]
    text = squash(" ".join(pdf_page_texts(pdf)))
    for expected in ("统检汇总", "2027地磅统检", "371502", "甲县计量所", "266.40", "800.00"):
        assert expected in text, expected


def test_campaign_summary_from_the_terminal(
    sqlite_counter: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _campaign(sqlite_counter)
    url = sqlite_counter.db.engine.url.render_as_string(hide_password=False)
    for name in ("summary.xlsx", "summary.pdf"):
        out = tmp_path / name
        assert main(["onsite", "campaign", "2027 地磅统检", "--out", str(out), "--db", url]) == 0
        assert out.stat().st_size > 0
    assert "统检汇总已写入" in capsys.readouterr().out
    assert main(["onsite", "campaign", "没有", "--out", str(out), "--db", url]) == 2
