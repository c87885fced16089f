"""The administrator's fee policy: defaults, validation, storage as JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest

from counter.billing.rules.policy import (
    CampaignExemption,
    FeePolicy,
    LateStep,
    UrgentStep,
    policy_from_dict,
    policy_problems,
    policy_to_dict,
)

CAMPAIGN = CampaignExemption(
    frozenset({"红外体温计", "额温枪"}),
    dt.date(2026, 2, 1),
    dt.date(2026, 3, 31),
    "防疫期间免费检定",
)


def test_defaults_follow_the_published_rules() -> None:
    policy = FeePolicy()
    assert policy.compulsory_free_from == dt.date(2017, 4, 1)
    assert [(s.max_hours, s.percent) for s in policy.urgent_steps] == [
        (8, 150),
        (24, 100),
        (72, 30),
    ]
    assert policy.urgent_step(72) == UrgentStep(72, Decimal(30))
    assert policy.urgent_step(73) is None
    assert policy.late_step(0) is None
    assert policy.late_step(15) == LateStep(1, Decimal(30))
    assert policy.late_step(16) == LateStep(16, Decimal(50))
    assert policy.own_repair_reverification_free
    assert policy_problems(policy) == []


def test_json_round_trip() -> None:
    policy = dataclasses.replace(
        FeePolicy(), small_micro_percent=Decimal("37.5"), campaigns=(CAMPAIGN,)
    )
    stored = json.loads(json.dumps(policy_to_dict(policy)))
    assert policy_from_dict(stored) == policy
    assert policy_from_dict({}) == FeePolicy()


def test_numbers_from_json_stay_exact() -> None:
    policy = policy_from_dict({"small_micro_percent": 12.3, "urgent_steps": [[24, 0.1]]})
    assert policy.small_micro_percent == Decimal("12.3")
    assert policy.urgent_steps == (UrgentStep(24, Decimal("0.1")),)


def test_unreadable_settings() -> None:
    with pytest.raises(ValueError):
        policy_from_dict({"campaigns": [{"start": "2026-01-01"}]})


def test_problems_are_named() -> None:
    bad = FeePolicy(
        small_micro_percent=Decimal(120),
        urgent_steps=(UrgentStep(24, Decimal(100)), UrgentStep(24, Decimal(50))),
        late_steps=(LateStep(0, Decimal(30)),),
        newly_opened_months=-1,
        campaigns=(dataclasses.replace(CAMPAIGN, end=dt.date(2026, 1, 1), reason=""),),
    )
    assert policy_problems(bad) == [
        "小微企业减收比例应在 0% 到 100% 之间",
        "加急时限应为正数小时且互不相同",
        "逾期天数应为正数且互不相同",
        "新开办企业的认定期限应在 0 到 120 个月之间",
        "免费活动“”的结束日期早于开始日期",
        "免费活动需要填写原因并选择器具",
    ]
