"""Each job names the institute that does it: set when scheduling, kept when not given, shown
in the jobs list, the job view and the job sheet, and audited; campaigns read back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter.errors import ValidationError
from counter.onsite.campaign_views import campaign_choices, campaign_jobs, list_campaigns
from counter.onsite.campaigns import CampaignForm, plan_campaign
from counter.onsite.rules.campaign import Share
from counter.onsite.schedule import schedule_job
from counter.onsite.sheet import job_sheet_pdf
from counter.onsite.views import job_view, list_jobs
from db.models import AuditEntry
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, make_world
from tests.printing.pdftools import pdf_page_texts, squash


def test_scheduling_sets_and_keeps_the_performing_institute(counter: Counter) -> None:
    w = make_world(counter)
    c = counter
    job_id = w.job()
    with c.db.action() as s:
        schedule_job(s, c.clerk, c.clock, job_id, w.crew(institute=" 甲县计量所 "))
    with c.db.action() as s:  # scheduled again without naming one: kept
        schedule_job(s, c.clerk, c.clock, job_id, w.crew())
    with c.db.session() as s:
        assert job_view(s, job_id).institute == "甲县计量所"
        assert [r.institute for r in list_jobs(s)] == ["甲县计量所"]
        text = squash(" ".join(pdf_page_texts(job_sheet_pdf(s, c.clock, job_id))))
        assert "承检机构：甲县计量所" in text
        after = s.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "onsite.scheduled")
        ).first()
        assert after is not None and "甲县计量所" in after
    with c.db.action() as s, pytest.raises(ValidationError, match="执行机构名称过长"):
        schedule_job(s, c.clerk, c.clock, job_id, w.crew(institute="所" * 129))
    with c.db.action() as s:  # back to this institute
        schedule_job(s, c.clerk, c.clock, job_id, w.crew(institute=""))
    with c.db.session() as s:
        assert job_view(s, job_id).institute == ""


def test_campaigns_read_back_with_jobs_and_partners(counter: Counter) -> None:
    w = make_world(counter)
    c = counter
    form = CampaignForm(
        "Q2 地磅",
        TODAY,
        TODAY,
        (w.vehicle_id,),
        type_ids=(w.type_id,),
        partners=(Share("示例市计量所", 700), Share("甲县计量所", 300)),
    )
    with c.db.action() as s:
        done = plan_campaign(s, c.clerk, c.clock, form)
    assert (done.jobs, done.instruments, done.unplaced) == (1, 3, 0)
    with c.db.session() as s:
        (row,) = list_campaigns(s)
        assert (row.name, row.jobs, row.instruments) == ("Q2 地磅", 1, 3)
        assert row.partners == (("示例市计量所", 700), ("甲县计量所", 300))
        assert row.start == row.end == TODAY.isoformat()
        (job,) = campaign_jobs(s, done.campaign_id)
        assert (job.day, job.vehicle_id, job.instruments, job.state) == (
            TODAY,
            w.vehicle_id,
            3,
            "requested",
        )
        choices = campaign_choices(s)
        assert [t for t, _name in choices.types] == [w.type_id]
        assert [v for v, _label, _cap in choices.vehicles] == [w.vehicle_id]
