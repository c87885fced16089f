"""The regulations register (检定规程目录): what is in force, since when, and what replaced it.

The administrator keeps it (every change audited) and may import it from CSV or XLSX,
all rows or none.  The program ships starter data of known replacements
(`counter/data/regulations.csv`, see its ``source`` column): `seed_registers` adds
what the register lacks, and the defect check fills the register's blanks from it, so
a regulation withdrawn on the verification date is caught even where the register
never heard of the withdrawal.  Nothing is deleted: a regulation stays listed with the
day it was withdrawn.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.billing.rules.schedule_io import TableError, read_table
from counter.certificates.rules import Regulation
from counter.certificates.rules.values import norm_regulation
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models_certificates import RegulationEntry

#: column → the headers a file may use for it
HEADERS = {
    "code": ("规程编号", "编号", "code"),
    "title": ("名称", "规程名称", "title"),
    "effective": ("实施日期", "effective"),
    "withdrawn": ("废止日期", "withdrawn"),
    "replaced_by": ("代替规程", "被代替为", "replaced by", "replaced_by"),
}


@dataclass(frozen=True)
class RegulationForm:
    code: str
    title: str = ""
    effective: dt.date | None = None
    withdrawn: dt.date | None = None  # withdrawn (or replaced) from this day on
    replaced_by: str = ""


@dataclass(frozen=True)
class RegulationRow:
    id: int
    code: str
    title: str
    effective: dt.date | None
    withdrawn: dt.date | None
    replaced_by: str


def field_label(name: str) -> str:
    return {
        "code": _("规程编号"),
        "title": _("名称"),
        "effective": _("实施日期"),
        "withdrawn": _("废止日期"),
        "replaced_by": _("代替规程"),
    }[name]


@functools.cache
def shipped_regulations() -> tuple[Regulation, ...]:
    """The starter data shipped with the program."""
    text = resources.files("counter.data").joinpath("regulations.csv").read_text("utf-8")

    def day(value: str) -> dt.date | None:
        return dt.date.fromisoformat(value) if value.strip() else None

    return tuple(
        Regulation(r["code"].strip(), r["title"].strip(), day(r["effective"]),
                   day(r["withdrawn"]), r["replaced_by"].strip())
        for r in csv.DictReader(text.splitlines())
    )  # fmt: skip


def merged_regulations(register: Iterable[Regulation]) -> tuple[Regulation, ...]:
    """The register, its blanks filled from the shipped data, plus what only the data knows."""
    shipped = {norm_regulation(r.code): r for r in shipped_regulations()}
    out: list[Regulation] = []
    for reg in register:
        known = shipped.pop(norm_regulation(reg.code), None)
        if known is not None:
            reg = replace(
                reg,
                title=reg.title or known.title,
                effective=reg.effective or known.effective,
                superseded_on=reg.superseded_on or known.superseded_on,
                superseded_by=reg.superseded_by or known.superseded_by,
            )
        out.append(reg)
    return (*out, *shipped.values())


def list_regulations(session: Session) -> list[RegulationRow]:
    return [
        RegulationRow(r.id, r.code, r.title, r.effective, r.superseded_on, r.superseded_by)
        for r in session.scalars(select(RegulationEntry).order_by(RegulationEntry.code))
    ]


def _problems(form: RegulationForm) -> list[str]:
    out: list[str] = []
    code = form.code.strip()
    if not code:
        out.append(_("请填写规程编号"))
    elif len(code) > 64:
        out.append(_("规程编号太长（最多 64 个字符）"))
    if len(form.title.strip()) > 128:
        out.append(_("名称太长（最多 128 个字符）"))
    if form.effective and form.withdrawn and form.withdrawn < form.effective:
        out.append(_("废止日期早于实施日期"))
    if form.replaced_by.strip() and not form.withdrawn:
        out.append(_("写了代替规程，也要写废止日期"))
    if code and norm_regulation(form.replaced_by) == norm_regulation(code):
        out.append(_("规程不能被自己代替"))
    return out


def _snapshot(row: RegulationEntry) -> dict[str, object]:
    return {"code": row.code, "title": row.title, "effective": row.effective,
            "withdrawn": row.superseded_on, "replaced_by": row.superseded_by}  # fmt: skip


def _store(
    session: Session, actor: Actor, clock: Clock, form: RegulationForm, row: RegulationEntry | None
) -> RegulationEntry:
    before = _snapshot(row) if row is not None else {}
    if row is None:
        row = RegulationEntry(code=form.code.strip())
        session.add(row)
    row.code, row.title = form.code.strip(), form.title.strip()
    row.effective, row.superseded_on = form.effective, form.withdrawn
    row.superseded_by = form.replaced_by.strip()
    session.flush()
    old, new = changes(before, _snapshot(row)) if before else ({}, _snapshot(row))
    if new:
        action = "regulation.update" if before else "regulation.create"
        record(session, actor, clock, action, "regulation", row.code, before=old, after=new)
    return row


def _existing(session: Session) -> dict[str, RegulationEntry]:
    return {norm_regulation(r.code): r for r in session.scalars(select(RegulationEntry))}


def save_regulation(
    session: Session,
    actor: Actor,
    clock: Clock,
    form: RegulationForm,
    regulation_id: int | None = None,
) -> RegulationEntry:
    """Add a regulation, or change one (`regulation_id`); the code stays unique."""
    require(session, actor, Perm.ADMIN)
    problems = _problems(form)
    row = None
    if regulation_id is not None:
        row = session.get(RegulationEntry, regulation_id)
        if row is None:
            raise NotFound(_("规程不存在"))
    other = _existing(session).get(norm_regulation(form.code))
    if other is not None and other is not row:
        problems.append(_("规程 {code} 已在目录中").format(code=other.code))
    if problems:
        raise ValidationError(problems)
    return _store(session, actor, clock, form, row)


def parse_day(text: str, field: str) -> dt.date | None:
    """A date typed as YYYY-MM-DD ("" = none); a clear refusal otherwise."""
    if not text.strip():
        return None
    try:
        return _day(text)
    except ValueError:
        raise ValidationError(
            [_("{field}“{value}”不是日期（YYYY-MM-DD）").format(
                field=field_label(field), value=text.strip())]
        ) from None  # fmt: skip


def _columns(header: Sequence[str]) -> dict[str, int]:
    wanted = {h.casefold(): name for name, heads in HEADERS.items() for h in heads}
    return {
        wanted[h.strip().casefold()]: i
        for i, h in enumerate(header)
        if h.strip().casefold() in wanted
    }


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip()[:10])


def import_regulations(
    session: Session, actor: Actor, clock: Clock, data: bytes, filename: str
) -> int:
    """Add or update every row of the file — or, with any bad row, none; how many changed.

    Columns (first row): 规程编号, 名称, 实施日期, 废止日期, 代替规程 (dates YYYY-MM-DD).
    """
    require(session, actor, Perm.ADMIN)
    try:
        rows = read_table(data, filename)
    except TableError as error:
        raise ValidationError([str(error)]) from error
    if not rows:
        raise ValidationError([_("文件是空的")])
    (_n, header), body = rows[0], rows[1:]
    columns = _columns(header)
    if "code" not in columns:
        raise ValidationError([_("第 1 行要有“规程编号”一列")])
    errors: list[str] = []
    forms: list[RegulationForm] = []
    seen: dict[str, int] = {}
    for number, cells in body:

        def cell(name: str, cells: list[str] = cells) -> str:
            i = columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        days: dict[str, dt.date | None] = {}
        for name in ("effective", "withdrawn"):
            try:
                days[name] = _day(cell(name)) if cell(name) else None
            except ValueError:
                errors.append(_("第 {row} 行 列 {column}：“{value}”不是日期（YYYY-MM-DD）").format(
                    row=number, column=field_label(name), value=cell(name)))  # fmt: skip
                days[name] = None
        form = RegulationForm(cell("code"), cell("title"), days["effective"], days["withdrawn"],
                              cell("replaced_by"))  # fmt: skip
        errors += [_("第 {row} 行：{message}").format(row=number, message=p)
                   for p in _problems(form)]  # fmt: skip
        key = norm_regulation(form.code)
        if key and key in seen:
            errors.append(_("第 {row} 行：规程 {code} 与第 {other} 行重复").format(
                row=number, code=form.code, other=seen[key]))  # fmt: skip
        seen.setdefault(key, number)
        forms.append(form)
    if errors:
        raise ValidationError(errors)
    existing = _existing(session)
    changed = 0
    for form in forms:
        row = existing.get(norm_regulation(form.code))
        before = _snapshot(row) if row is not None else None
        stored = _store(session, actor, clock, form, row)
        changed += before != _snapshot(stored)
    return changed
