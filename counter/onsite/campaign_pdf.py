"""The campaign summary as PDF (printing.campaign_summary)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.print_fonts import printing_fonts
from counter.admin.settings import load_settings
from counter.clock import CHINA_TZ, Clock
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.documents import institute_info
from counter.onsite.campaigns import campaign_progress, campaign_revenue
from db.models_onsite import Campaign, CampaignPartner
from printing.campaign_summary import (
    CampaignSummaryData,
    CountyRow,
    RevenueRow,
    render_campaign_summary_pdf,
)


def campaign_summary_data(session: Session, clock: Clock, campaign_id: int) -> CampaignSummaryData:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(_("统检不存在"))
    criteria = json.loads(campaign.criteria or "{}")
    shares = dict(
        session.execute(
            select(CampaignPartner.institute, CampaignPartner.share_permille).where(
                CampaignPartner.campaign_id == campaign_id
            )
        ).all()
    )
    revenue = campaign_revenue(session, campaign_id)
    return CampaignSummaryData(
        institute=institute_info(load_settings(session)),
        name=campaign.name,
        period=f"{criteria.get('start', '')} 至 {criteria.get('end', '')}",
        counties=tuple(
            CountyRow(
                "合计" if p.county == "*" else p.county or "—",
                p.planned,
                p.done,
                p.failed,
                p.remaining,
                p.cancelled,
            )
            for p in campaign_progress(session, campaign_id)
        ),
        revenue=tuple(RevenueRow(i, shares.get(i, 0), fen) for i, fen in revenue.parts),
        total_fen=revenue.total_fen,
        printed_at=clock.now().astimezone(CHINA_TZ),
    )


def campaign_summary_pdf(session: Session, clock: Clock, campaign_id: int) -> bytes:
    data = campaign_summary_data(session, clock, campaign_id)
    with printing_fonts(load_settings(session)):
        return render_campaign_summary_pdf(data)
