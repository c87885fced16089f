"""Fee standards in the database: import, versions by effective date, the starter standard.

A fee standard (收费标准) is imported all or nothing: any row error and nothing
is saved.  Versions are never edited once imported; a new version starts on its
effective date, and a statement uses the version in force on the order's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.billing.rules.addons import format_addons, parse_addons
from counter.billing.rules.schedule import (
    FeeRow,
    RowError,
    ScheduleVersion,
    check_versions,
    import_schedule,
    starter_schedule,
    version_in_force,
)
from counter.billing.rules.schedule_io import header_label, read_table
from counter.clock import Clock
from counter.errors import ValidationError
from counter.i18n import _
from db.models import User
from db.models_billing import FeeScheduleRow, FeeScheduleVersion

STARTER_EFFECTIVE_FROM = dt.date(2020, 1, 1)
STARTER_TITLE = "示例收费标准（程序自带，请导入本所收费标准）"
# column widths in the database (db.models.FeeScheduleRow)
_LIMITS = {"code": 64, "name": 128, "tier": 128, "range": 128, "unit": 32}
_FIELDS = {"code": "code", "name": "name", "tier": "tier", "range": "measuring_range"}


def row_error_text(error: RowError) -> str:
    """ "第 3 行 列 收费标准（元）：…", as the administrator reads it."""
    if error.row_number <= 0:
        return error.message
    if error.column:
        return _("第 {row} 行 列 {column}：{message}").format(
            row=error.row_number, column=error.column, message=error.message
        )
    return _("第 {row} 行：{message}").format(row=error.row_number, message=error.message)


class ScheduleImportError(ValidationError):
    """The file's row errors; nothing was saved."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__([row_error_text(e) for e in errors])
        self.errors = tuple(errors)


@dataclass(frozen=True)
class VersionSummary:
    id: int
    effective_from: dt.date
    effective_to: dt.date | None
    title: str
    rows: int
    imported_at: dt.datetime
    imported_by: str
    source_filename: str


def _length_errors(data: bytes, filename: str, rows: Sequence[FeeRow]) -> list[RowError]:
    """Cells longer than the database holds (an import without errors has one row per line)."""
    body = read_table(data, filename)[1:]
    errors = []
    for (number, _cells), row in zip(body, rows, strict=True):
        for key, limit in _LIMITS.items():
            if len(getattr(row, _FIELDS.get(key, key))) > limit:
                message = _("内容过长（最多 {n} 个字符）").format(n=limit)
                errors.append(RowError(number, header_label(key), message))
    return errors


def _fee_row(row: FeeScheduleRow, effective_from: dt.date) -> FeeRow:
    return FeeRow(
        code=row.code,
        name=row.name,
        tier=row.tier,
        measuring_range=row.measuring_range,
        unit=row.unit,
        price_fen=row.price_fen,
        addons=parse_addons(row.addons),
        effective_from=effective_from,
        source=row.source,
    )


def load_versions(session: Session) -> list[tuple[int, ScheduleVersion]]:
    """Every version with its rows, oldest first, as (id, version)."""
    versions = session.scalars(
        select(FeeScheduleVersion)
        .options(selectinload(FeeScheduleVersion.rows))
        .order_by(FeeScheduleVersion.effective_from)
    )
    return [
        (
            v.id,
            ScheduleVersion(
                v.effective_from,
                tuple(_fee_row(r, v.effective_from) for r in v.rows),
                v.effective_to,
                v.title,
            ),
        )
        for v in versions
    ]


def versions_for_days(
    session: Session, days: Collection[dt.date]
) -> dict[dt.date, tuple[int, tuple[FeeRow, ...]] | None]:
    """For each day, the version in force (its id and rows), or None; only those rows are read."""
    headers = session.execute(
        select(
            FeeScheduleVersion.id,
            FeeScheduleVersion.effective_from,
            FeeScheduleVersion.effective_to,
        )
    ).all()
    by_start = {start: vid for vid, start, _end in headers}
    plain = [ScheduleVersion(start, (), end) for _vid, start, end in headers]
    chosen = {day: version_in_force(plain, day) for day in days}
    wanted = {by_start[v.effective_from]: v.effective_from for v in chosen.values() if v}
    rows: dict[int, list[FeeRow]] = {vid: [] for vid in wanted}
    if wanted:
        query = (
            select(FeeScheduleRow)
            .where(FeeScheduleRow.version_id.in_(list(wanted)))
            .order_by(FeeScheduleRow.version_id, FeeScheduleRow.seq)
        )
        for row in session.scalars(query):
            rows[row.version_id].append(_fee_row(row, wanted[row.version_id]))
    result: dict[dt.date, tuple[int, tuple[FeeRow, ...]] | None] = {}
    for day, version in chosen.items():
        vid = by_start[version.effective_from] if version else None
        result[day] = (vid, tuple(rows[vid])) if vid is not None else None
    return result


def _store(
    session: Session,
    version: ScheduleVersion,
    *,
    at: dt.datetime,
    by: int | None,
    filename: str,
    note: str,
) -> FeeScheduleVersion:
    record_ = FeeScheduleVersion(
        effective_from=version.effective_from,
        effective_to=version.effective_to,
        title=version.title,
        source_filename=filename,
        note=note,
        imported_at=at,
        imported_by_id=by,
    )
    session.add(record_)
    session.flush()
    session.add_all(
        FeeScheduleRow(
            version_id=record_.id,
            seq=seq,
            code=r.code,
            name=r.name,
            tier=r.tier,
            measuring_range=r.measuring_range,
            unit=r.unit,
            price_fen=r.price_fen,
            addons=format_addons(r.addons),
            source=r.source,
        )
        for seq, r in enumerate(version.rows, 1)
    )
    session.flush()
    return record_


def import_fee_schedule(
    session: Session,
    actor: Actor,
    clock: Clock,
    data: bytes,
    filename: str,
    effective_from: dt.date,
    *,
    effective_to: dt.date | None = None,
    title: str = "",
    note: str = "",
) -> VersionSummary:
    """Store a fee standard from CSV/XLSX bytes; row errors raise `ScheduleImportError`."""
    require(session, actor, Perm.ADMIN)
    result = import_schedule(data, filename, effective_from)
    errors = list(result.errors) or _length_errors(data, filename, result.rows)
    if errors:
        raise ScheduleImportError(errors)
    if len(title.strip()) > 128:
        raise ValidationError([_("收费标准名称过长（最多 128 个字符）")])
    version = ScheduleVersion(effective_from, result.rows, effective_to, title.strip())
    check_versions([v for _id, v in load_versions(session)] + [version])
    stored = _store(
        session, version, at=clock.now(), by=actor.id, filename=filename, note=note.strip()
    )
    record(
        session,
        actor,
        clock,
        "fee_schedule.import",
        "fee_schedule",
        effective_from.isoformat(),
        after={"file": filename, "rows": len(result.rows), "title": version.title},
    )
    return _summary(session, stored.id)


def seed_fee_schedule(session: Session) -> int:
    """The starter fee standard on a database that has none; returns the rows added."""
    if session.scalar(select(func.count()).select_from(FeeScheduleVersion)):
        return 0
    starter = starter_schedule(STARTER_EFFECTIVE_FROM)
    if not starter.ok:  # the shipped file is tested; this would be a packaging fault
        raise ValidationError([row_error_text(e) for e in starter.errors])
    version = ScheduleVersion(STARTER_EFFECTIVE_FROM, starter.rows, title=STARTER_TITLE)
    now = dt.datetime.now(dt.UTC)
    _store(session, version, at=now, by=None, filename="fee_schedule.csv", note="")
    return len(starter.rows)


def _summaries(session: Session, version_id: int | None = None) -> list[VersionSummary]:
    counts = (
        select(FeeScheduleRow.version_id, func.count().label("n"))
        .group_by(FeeScheduleRow.version_id)
        .subquery()
    )
    query = (
        select(FeeScheduleVersion, counts.c.n, User.full_name)
        .outerjoin(counts, counts.c.version_id == FeeScheduleVersion.id)
        .outerjoin(User, User.id == FeeScheduleVersion.imported_by_id)
        .order_by(FeeScheduleVersion.effective_from.desc())
    )
    if version_id is not None:
        query = query.where(FeeScheduleVersion.id == version_id)
    return [
        VersionSummary(
            v.id,
            v.effective_from,
            v.effective_to,
            v.title,
            n or 0,
            v.imported_at,
            name or "",
            v.source_filename,
        )
        for v, n, name in session.execute(query)
    ]


def _summary(session: Session, version_id: int) -> VersionSummary:
    return _summaries(session, version_id)[0]


def list_versions(session: Session) -> list[VersionSummary]:
    """Every fee standard version, newest first."""
    return _summaries(session)
