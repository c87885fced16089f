"""The institute's fee policy: exemptions, urgent surcharges, reductions, late waivers.

Set by the administrator and stored in the shared database (as `policy_to_dict`);
the defaults below are the rules named in docs/fees.md:

- compulsory verification free since 2017-04-01 (财税〔2017〕20号);
- small/micro and newly opened enterprises: 50 % off (new = opened within 12 months);
- urgent work, non-compulsory only: ≤ 72 h +30 %, ≤ 24 h +100 %, ≤ 8 h +150 %;
- late delivery: 1–15 working days −30 %, from 16 working days −50 %;
- re-verification after the institute's own repair free.

Percentages are `Decimal` percent (Decimal("30") = 30 %).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from counter.i18n import _


@dataclass(frozen=True)
class CampaignExemption:
    """Free verification of some instrument types during a campaign (both days included)."""

    instrument_names: frozenset[str]
    start: dt.date
    end: dt.date
    reason: str  # printed on the line, e.g. "疫情防控期间体温计免费检定"


@dataclass(frozen=True)
class UrgentStep:
    """A surcharge for a promise of at most `max_hours`; the tightest step that fits applies."""

    max_hours: int
    percent: Decimal


@dataclass(frozen=True)
class LateStep:
    """A waiver from `min_days` working days late; the step with the largest such bound applies."""

    min_days: int
    percent: Decimal


def _default_urgent() -> tuple[UrgentStep, ...]:
    return (
        UrgentStep(8, Decimal(150)),
        UrgentStep(24, Decimal(100)),
        UrgentStep(72, Decimal(30)),
    )


def _default_late() -> tuple[LateStep, ...]:
    return (LateStep(1, Decimal(30)), LateStep(16, Decimal(50)))


@dataclass(frozen=True)
class FeePolicy:
    compulsory_free_from: dt.date = dt.date(2017, 4, 1)
    small_micro_percent: Decimal = Decimal(50)
    newly_opened_percent: Decimal = Decimal(50)
    newly_opened_months: int = 12
    campaigns: tuple[CampaignExemption, ...] = ()
    urgent_steps: tuple[UrgentStep, ...] = field(default_factory=_default_urgent)
    late_steps: tuple[LateStep, ...] = field(default_factory=_default_late)
    own_repair_reverification_free: bool = True

    def urgent_step(self, hours: int) -> UrgentStep | None:
        fitting = [s for s in self.urgent_steps if hours <= s.max_hours]
        return min(fitting, key=lambda s: s.max_hours, default=None)

    def late_step(self, days: int) -> LateStep | None:
        reached = [s for s in self.late_steps if days >= s.min_days]
        return max(reached, key=lambda s: s.min_days, default=None)

    def campaign_for(self, instrument: str, day: dt.date) -> CampaignExemption | None:
        name = instrument.strip()
        for campaign in self.campaigns:
            if name in campaign.instrument_names and campaign.start <= day <= campaign.end:
                return campaign
        return None


def _percent_ok(value: Decimal, top: int) -> bool:
    return value.is_finite() and 0 <= value <= top


def policy_problems(policy: FeePolicy) -> list[str]:
    """What the administrator must correct before the policy is saved; [] when none."""
    problems = []
    for label, value in (
        (_("小微企业减收比例"), policy.small_micro_percent),
        (_("新开办企业减收比例"), policy.newly_opened_percent),
        *((_("逾期减收比例"), s.percent) for s in policy.late_steps),
    ):
        if not _percent_ok(value, 100):
            problems.append(_("{what}应在 0% 到 100% 之间").format(what=label))
    if any(not _percent_ok(s.percent, 1000) for s in policy.urgent_steps):
        problems.append(_("加急加收比例应在 0% 到 1000% 之间"))
    hours = [s.max_hours for s in policy.urgent_steps]
    if any(h <= 0 for h in hours) or len(set(hours)) != len(hours):
        problems.append(_("加急时限应为正数小时且互不相同"))
    days = [s.min_days for s in policy.late_steps]
    if any(d <= 0 for d in days) or len(set(days)) != len(days):
        problems.append(_("逾期天数应为正数且互不相同"))
    if not 0 <= policy.newly_opened_months <= 120:
        problems.append(_("新开办企业的认定期限应在 0 到 120 个月之间"))
    for c in policy.campaigns:
        if c.end < c.start:
            problems.append(_("免费活动“{reason}”的结束日期早于开始日期").format(reason=c.reason))
        if not c.reason.strip() or not c.instrument_names:
            problems.append(_("免费活动需要填写原因并选择器具"))
    return problems


def policy_to_dict(policy: FeePolicy) -> dict[str, Any]:
    """JSON-ready form for the settings table (Decimal and dates as text)."""
    return {
        "compulsory_free_from": policy.compulsory_free_from.isoformat(),
        "small_micro_percent": str(policy.small_micro_percent),
        "newly_opened_percent": str(policy.newly_opened_percent),
        "newly_opened_months": policy.newly_opened_months,
        "campaigns": [
            {
                "instrument_names": sorted(c.instrument_names),
                "start": c.start.isoformat(),
                "end": c.end.isoformat(),
                "reason": c.reason,
            }
            for c in policy.campaigns
        ],
        "urgent_steps": [[s.max_hours, str(s.percent)] for s in policy.urgent_steps],
        "late_steps": [[s.min_days, str(s.percent)] for s in policy.late_steps],
        "own_repair_reverification_free": policy.own_repair_reverification_free,
    }


def _dec(value: object) -> Decimal:
    return Decimal(str(value))  # str(): a number read from JSON never enters as a binary float


def policy_from_dict(data: dict[str, Any]) -> FeePolicy:
    """Inverse of `policy_to_dict`; missing keys take the defaults; bad values raise ValueError."""
    default = FeePolicy()
    try:
        return FeePolicy(
            compulsory_free_from=dt.date.fromisoformat(
                data.get("compulsory_free_from", default.compulsory_free_from.isoformat())
            ),
            small_micro_percent=_dec(data.get("small_micro_percent", "50")),
            newly_opened_percent=_dec(data.get("newly_opened_percent", "50")),
            newly_opened_months=int(data.get("newly_opened_months", 12)),
            campaigns=tuple(
                CampaignExemption(
                    frozenset(c["instrument_names"]),
                    dt.date.fromisoformat(c["start"]),
                    dt.date.fromisoformat(c["end"]),
                    c["reason"],
                )
                for c in data.get("campaigns", [])
            ),
            urgent_steps=tuple(UrgentStep(int(h), _dec(p)) for h, p in data["urgent_steps"])
            if "urgent_steps" in data
            else default.urgent_steps,
            late_steps=tuple(LateStep(int(d), _dec(p)) for d, p in data["late_steps"])
            if "late_steps" in data
            else default.late_steps,
            own_repair_reverification_free=bool(data.get("own_repair_reverification_free", True)),
        )
    except (KeyError, TypeError, InvalidOperation) as error:
        raise ValueError(_("收费政策设置无法读取：{error}").format(error=error)) from error
