"""Fee settings every counter shares: the fee policy and where customers pay.

Both are business settings (JSON in the settings table), changed by an
administrator, validated, and audited before → after.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import json_setting, load_settings, put_json_setting
from counter.billing.rules.policy import (
    FeePolicy,
    policy_from_dict,
    policy_problems,
    policy_to_dict,
)
from counter.billing.rules.statement import PaymentDetails
from counter.clock import Clock
from counter.errors import ValidationError
from counter.i18n import _

POLICY_KEY = "fee_policy"
PAYMENT_KEY = "fee_payment_details"


def load_fee_policy(session: Session) -> FeePolicy:
    data = json_setting(session, POLICY_KEY)
    return policy_from_dict(data) if data is not None else FeePolicy()


def save_fee_policy(session: Session, actor: Actor, clock: Clock, policy: FeePolicy) -> FeePolicy:
    require(session, actor, Perm.ADMIN)
    problems = policy_problems(policy)
    if problems:
        raise ValidationError(problems)
    before, after = changes(policy_to_dict(load_fee_policy(session)), policy_to_dict(policy))
    put_json_setting(session, POLICY_KEY, policy_to_dict(policy))
    if after:
        record(
            session,
            actor,
            clock,
            "fee_policy.update",
            "settings",
            POLICY_KEY,
            before=before,
            after=after,
        )
    session.flush()
    return policy


def load_payment_details(session: Session) -> PaymentDetails:
    data = json_setting(session, PAYMENT_KEY)
    if data is None:
        return PaymentDetails(
            payee=load_settings(session).institute_name,
            note=_("可现金、微信、支付宝、POS 刷卡或银行转账"),
        )
    return PaymentDetails(**{k: str(v) for k, v in data.items() if k in _PAYMENT_FIELDS})


_PAYMENT_FIELDS = {f.name for f in dataclasses.fields(PaymentDetails)}


def save_payment_details(
    session: Session, actor: Actor, clock: Clock, details: PaymentDetails
) -> PaymentDetails:
    require(session, actor, Perm.ADMIN)
    details = PaymentDetails(**{k: v.strip() for k, v in dataclasses.asdict(details).items()})
    if not details.payee:
        raise ValidationError([_("收款单位不能为空")])
    new = dataclasses.asdict(details)
    before, after = changes(dataclasses.asdict(load_payment_details(session)), new)
    put_json_setting(session, PAYMENT_KEY, new)
    if after:
        record(
            session,
            actor,
            clock,
            "fee_payment.update",
            "settings",
            PAYMENT_KEY,
            before=before,
            after=after,
        )
    session.flush()
    return details
