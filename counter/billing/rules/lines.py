"""Vocabulary shared by fee lines: services, extra charges, adjustments.

A statement's lines fall into groups: the four services of a work item
(verification, calibration, testing, repair — priced from the fee standard)
and the extra charges that stand as lines of their own (repair fee, parts,
on-site travel, adjustment, other).  Subtotals are per group, in `GROUPS` order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

from counter.i18n import _

Service: TypeAlias = Literal["verification", "calibration", "testing", "repair"]
ChargeKind: TypeAlias = Literal["repair_fee", "parts", "travel", "adjustment", "other"]
LineGroup: TypeAlias = Service | ChargeKind

SERVICES: tuple[Service, ...] = get_args(Service)
CHARGE_KINDS: tuple[ChargeKind, ...] = get_args(ChargeKind)
GROUPS: tuple[LineGroup, ...] = (*SERVICES, *CHARGE_KINDS)


def group_label(group: LineGroup) -> str:
    """The word printed for a service or an extra charge: 检定, 校准 … 配件费."""
    labels: dict[str, str] = {
        "verification": _("检定"),
        "calibration": _("校准"),
        "testing": _("检测"),
        "repair": _("修理"),
        "repair_fee": _("修理费"),
        "parts": _("配件费"),
        "travel": _("交通费"),
        "adjustment": _("调试费"),
        "other": _("其他费用"),
    }
    return labels[group]


@dataclass(frozen=True)
class Adjustment:
    """One signed amount on a line, with its code and the reason printed next to it.

    Used for add-ons (positive) and for policy adjustments: exemptions and
    reductions are negative, surcharges positive; a zero amount records a
    decision the customer should read (e.g. no urgent surcharge, promise missed).
    """

    code: str
    reason: str
    amount_fen: int


def total_of(adjustments: tuple[Adjustment, ...]) -> int:
    return sum(a.amount_fen for a in adjustments)
