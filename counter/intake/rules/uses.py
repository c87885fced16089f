"""What an instrument is used for: the four uses under which verification may be compulsory."""

from __future__ import annotations

import enum

from counter.i18n import _


class Use(enum.StrEnum):
    NONE = ""
    TRADE = "trade"
    SAFETY = "safety"
    MEDICAL = "medical"
    ENVIRONMENT = "environment"


# the catalogue names uses in Chinese, as e-CQS does
USE_NAMES_ZH: dict[Use, str] = {
    Use.NONE: "",
    Use.TRADE: "贸易结算",
    Use.SAFETY: "安全防护",
    Use.MEDICAL: "医疗卫生",
    Use.ENVIRONMENT: "环境监测",
}


def use_label(use: Use) -> str:
    return {
        Use.NONE: _("其他"),
        Use.TRADE: _("贸易结算"),
        Use.SAFETY: _("安全防护"),
        Use.MEDICAL: _("医疗卫生"),
        Use.ENVIRONMENT: _("环境监测"),
    }[use]
