"""Departments and instrument types: the catalogue every item is routed by.

The starter catalogue ships with the program (`counter/data/`), copied from the
institute's sample; administrators replace it through imports later.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.customers.rules.search_keys import name_keys, normalize_query
from counter.errors import ValidationError
from counter.i18n import _
from counter.intake.rules.uses import USE_NAMES_ZH as USE_NAMES_ZH
from counter.intake.rules.uses import Use as Use
from counter.intake.rules.uses import use_label as use_label
from db.models import Department, InstrumentType

# (code, Chinese name, English name)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("medical", "医疗", "Medical"),
    ("temperature", "温度", "Temperature"),
    ("length", "长度", "Length"),
    ("weighing", "衡器", "Weighing"),
    ("chemistry", "化学", "Chemistry"),
    ("electromagnetic", "电磁", "Electromagnetic"),
)


@dataclass(frozen=True)
class TypeInfo:
    id: int
    name: str
    department_id: int
    department: str
    regulation: str
    period_months: int | None
    compulsory_uses: frozenset[Use]
    pinyin_initials: str
    pinyin_full: str

    def is_compulsory_use(self, use: Use) -> bool:
        return use is not Use.NONE and use in self.compulsory_uses


def default_use(info: TypeInfo) -> Use:
    """The use an item of this type is received with: its compulsory use (电子计价秤 →
    贸易结算, 血压计 → 医疗卫生, 压力表 → 安全防护); the first in `Use` order when the
    catalogue names several; none when the type is never compulsory."""
    return next((use for use in Use if use in info.compulsory_uses), Use.NONE)


def _uses_from_text(text: str) -> frozenset[Use]:
    by_zh = {v: k for k, v in USE_NAMES_ZH.items() if v}
    return frozenset(by_zh[p] for p in text.split("|") if p in by_zh)


def seed_catalog(session: Session) -> int:
    """Add the missing starter departments and instrument types; return how many types."""
    departments = {d.code: d for d in session.scalars(select(Department))}
    for sort, (code, name, name_en) in enumerate(DEPARTMENTS):
        if code not in departments:
            dept = Department(code=code, name=name, name_en=name_en, sort=sort)
            session.add(dept)
            departments[code] = dept
    session.flush()
    by_name = {d.name: d for d in departments.values()}
    existing = set(session.scalars(select(InstrumentType.name)))
    added = 0
    text = resources.files("counter.data").joinpath("instrument_catalog.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        if row["name"] in existing:
            continue
        initials, full = name_keys(row["name"])
        period = row["period_months"].strip()
        session.add(
            InstrumentType(
                name=row["name"],
                pinyin_initials=initials,
                pinyin_full=full,
                department_id=by_name[row["department"]].id,
                regulation=row["regulation"],
                period_months=int(period) if period else None,
                compulsory_uses=row["compulsory_uses"],
                note=row["note"],
                active=True,
            )
        )
        added += 1
    session.flush()
    return added


def _info(t: InstrumentType, department: str) -> TypeInfo:
    return TypeInfo(
        t.id,
        t.name,
        t.department_id,
        department,
        t.regulation,
        t.period_months,
        _uses_from_text(t.compulsory_uses),
        t.pinyin_initials,
        t.pinyin_full,
    )


def list_types(session: Session) -> list[TypeInfo]:
    rows = session.execute(
        select(InstrumentType, Department.name)
        .join(Department, Department.id == InstrumentType.department_id)
        .where(InstrumentType.active)
        .order_by(Department.sort, InstrumentType.name)
    )
    return [_info(t, dept) for t, dept in rows]


def types_by_id(session: Session, ids: Collection[int]) -> dict[int, TypeInfo]:
    """The named types, active or not (an old item's type may since have been retired)."""
    rows = session.execute(
        select(InstrumentType, Department.name)
        .join(Department, Department.id == InstrumentType.department_id)
        .where(InstrumentType.id.in_(list(ids)))
    )
    return {t.id: _info(t, dept) for t, dept in rows}


def match_types(types: list[TypeInfo], query: str) -> list[TypeInfo]:
    """Types whose name contains the query or whose pinyin starts with / contains it."""
    q = normalize_query(query)
    if not q:
        return list(types)
    prefix = [t for t in types if t.pinyin_initials.startswith(q) or t.name.startswith(q)]
    rest = [
        t
        for t in types
        if t not in prefix and (q in t.name.lower() or q in t.pinyin_initials or q in t.pinyin_full)
    ]
    return prefix + rest


def list_departments(session: Session) -> list[Department]:
    return list(session.scalars(select(Department).order_by(Department.sort)))


_MAX_NAMES_SHOWN = 4


def resolve_type_name(types: Sequence[TypeInfo], text: str) -> TypeInfo | None:
    """The instrument type a clerk means by `text`.

    An exact name wins; otherwise the one type whose name or pinyin (initials or
    full) starts with the text, or failing that the one that contains it
    ("dzjjc" → 电子计价秤).  Empty text gives None (no type yet).  No match, or
    several equally good ones, raise ValidationError with a message to show.
    """
    raw = text.strip()
    if not raw:
        return None
    for info in types:
        if info.name == raw:
            return info
    q = normalize_query(raw)
    starts = [
        t
        for t in types
        if t.name.startswith(raw) or t.pinyin_initials.startswith(q) or t.pinyin_full.startswith(q)
    ]
    if len(starts) == 1:
        return starts[0]
    contains = starts or [
        t for t in types if q in t.name.lower() or q in t.pinyin_initials or q in t.pinyin_full
    ]
    if len(contains) == 1:
        return contains[0]
    if not contains:
        raise ValidationError([_("“{text}”不是目录中的器具名称，请从列表中选择").format(text=raw)])
    names = _("、").join(t.name for t in contains[:_MAX_NAMES_SHOWN])
    if len(contains) > _MAX_NAMES_SHOWN:
        names += "…"
    raise ValidationError(
        [_("“{text}”对应多个器具名称（{names}），请从列表中选择").format(text=raw, names=names)]
    )
