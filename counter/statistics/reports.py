"""The reports a user can choose: each a list of steps (one database query or a few),
run in order with a progress callback.  Anyone holding billing, review or
administration may run them; work per person is for the administrator only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from counter.admin.auth import require_any
from counter.admin.rules.roles import Actor, Perm
from counter.errors import NotFound
from counter.i18n import _
from counter.statistics.money import revenue_tables
from counter.statistics.people import people_table
from counter.statistics.promises import promise_tables
from counter.statistics.quality import quality_tables
from counter.statistics.regulator import recall_table, regulator_tables
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Report, Table
from counter.statistics.satisfaction import (
    complaint_tables,
    no_show_table,
    satisfaction_tables,
)
from counter.statistics.volume import volume_table

STATS_PERMS = frozenset({Perm.BILL, Perm.REVIEW, Perm.ADMIN})

Progress = Callable[[int, int, str], None]
Step = Callable[[Session, Actor, StatFilter, dt.date], Sequence[Table]]


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    steps: tuple[Step, ...]
    admin_only: bool = False


def _kinds() -> dict[str, ReportKind]:
    kinds = (
        ReportKind("volume", _("收发台件统计"),
                   (lambda s, a, f, d: (volume_table(s, f),),)),
        ReportKind("revenue", _("收费统计"), (lambda s, a, f, d: revenue_tables(s, f),)),
        ReportKind("promises", _("承诺时限统计"), (lambda s, a, f, d: promise_tables(s, f, d),)),
        ReportKind("quality", _("证书质量统计"), (lambda s, a, f, d: quality_tables(s, f),)),
        ReportKind("regulator", _("强制检定统计（报监管部门）"),
                   (lambda s, a, f, d: regulator_tables(s, f),
                    lambda s, a, f, d: (recall_table(s, f, d),))),
        ReportKind("feedback", _("满意度、投诉与预约统计"),
                   (lambda s, a, f, d: satisfaction_tables(s, f),
                    lambda s, a, f, d: complaint_tables(s, f, d),
                    lambda s, a, f, d: (no_show_table(s, f, d),))),
        ReportKind("people", _("个人工作量统计"), (lambda s, a, f, d: (people_table(s, a, f),),),
                   admin_only=True),
    )  # fmt: skip
    return {k.key: k for k in kinds}


def report_kinds(actor: Actor) -> list[tuple[str, str]]:
    """(key, title) of the reports this user may run, for the screen's choice."""
    return [
        (k.key, k.title) for k in _kinds().values() if actor.can(Perm.ADMIN) or not k.admin_only
    ]


def run_report(
    session: Session,
    actor: Actor,
    kind: str,
    f: StatFilter,
    today: dt.date,
    progress: Progress | None = None,
) -> Report:
    """Compute report `kind` for filter `f` ("today" fixes the overdue backlog and recall)."""
    require_any(session, actor, STATS_PERMS)
    chosen = _kinds().get(kind)
    if chosen is None:
        raise NotFound(_("没有这种统计报表：{kind}").format(kind=kind))
    tables: list[Table] = []
    total = len(chosen.steps)
    for done, step in enumerate(chosen.steps):
        if progress is not None:
            progress(done, total, chosen.title)
        tables.extend(step(session, actor, f, today))
    if progress is not None:
        progress(total, total, chosen.title)
    return Report(kind, chosen.title, tuple(tables))
