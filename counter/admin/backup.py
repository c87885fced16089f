"""Backups a clerk can trust, and restoring one into a new file.

SQLite: SQLite's own online backup API copies a consistent snapshot of the
database — including what is still in the ``-wal`` file, which copying the
``.db`` file alone would silently drop.  PostgreSQL: ``pg_dump`` when this
computer has it; otherwise the database administrator's backup applies.

A restore never overwrites anything: it writes a new file, then checks that
every table holds exactly the backup's rows (row count and content digest).
A daily backup keeps the newest `keep` files of the configured folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import json_setting, put_json_setting
from counter.clock import CHINA_TZ, Clock, local_date
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from db.engine import Database, default_sqlite_path

PREFIX = "counter-backup-"
_KEY = "backup"


@dataclass(frozen=True)
class BackupSettings:
    folder: str = ""  # "" = a "backups" folder beside the database file
    keep: int = 14  # daily backups kept (the newest)
    daily: bool = True


def load_backup_settings(session: Session) -> BackupSettings:
    data = json_setting(session, _KEY)
    if data is None:
        return BackupSettings()
    known = {f.name for f in dataclasses.fields(BackupSettings)}
    return BackupSettings(**{k: v for k, v in data.items() if k in known})


def save_backup_settings(
    session: Session, actor: Actor, clock: Clock, new: BackupSettings
) -> BackupSettings:
    require(session, actor, Perm.ADMIN)
    if not 1 <= new.keep <= 3650:
        raise ValidationError([_("保留的备份份数应在 1 到 3650 之间")])
    before, after = changes(
        dataclasses.asdict(load_backup_settings(session)), dataclasses.asdict(new)
    )
    put_json_setting(session, _KEY, dataclasses.asdict(new))
    if after:
        record(
            session, actor, clock, "settings.backup", "settings", _KEY, before=before, after=after
        )
    session.flush()
    return new


def sqlite_file(database: Database) -> Path | None:
    """The database file, or None for PostgreSQL (or an in-memory database)."""
    name = database.engine.url.database
    if not database.is_sqlite or not name or name == ":memory:":
        return None
    return Path(name)


def backup_folder(database: Database, settings: BackupSettings) -> Path:
    if settings.folder.strip():
        return Path(settings.folder.strip()).expanduser()
    live = sqlite_file(database)
    return (live.parent if live else default_sqlite_path().parent) / "backups"


def backups_in(folder: Path) -> list[Path]:
    """This program's backups in `folder`, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.suffix in (".db", ".dump")
    )


def backup_database(database: Database, folder: Path, clock: Clock) -> Path:
    """Write one backup into `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().astimezone(CHINA_TZ).strftime("%Y%m%d-%H%M%S")
    live = sqlite_file(database)
    target = folder / f"{PREFIX}{stamp}{'.db' if live else '.dump'}"
    if target.exists():
        raise CounterError(_("备份文件 {path} 已存在，请稍后再试").format(path=target))
    part = target.with_name(target.name + ".part")
    try:
        if live is not None:
            _sqlite_backup(live, part)
            _check_integrity(part)
        else:
            _pg_dump(database, part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def _sqlite_backup(source: Path, target: Path) -> None:
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def _check_integrity(path: Path) -> None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            answer = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise CounterError(
            _("{path} 不是可用的数据库备份：{detail}").format(path=path, detail=error)
        ) from error
    if answer != "ok":
        raise CounterError(
            _("{path} 不是可用的数据库备份：{detail}").format(path=path, detail=answer)
        )


def _pg_dump(database: Database, target: Path) -> None:
    program = shutil.which("pg_dump")
    if program is None:
        raise CounterError(
            _(
                "这台电脑没有 pg_dump，无法备份共享数据库（PostgreSQL）。"
                "共享数据库以数据库管理员的备份为准。"
            )
        )
    url = make_url(database.engine.url).set(drivername="postgresql")
    command = [program, "--format=custom", "--no-owner", f"--file={target}",
               f"--dbname={url.render_as_string(hide_password=False)}"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or [str(done.returncode)])[0]
        raise CounterError(_("pg_dump 备份失败：{detail}").format(detail=detail))


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; return what was deleted."""
    old = backups_in(folder)[: max(0, len(backups_in(folder)) - keep)]
    for path in old:
        path.unlink()
    return old


def daily_backup(database: Database, settings: BackupSettings, clock: Clock) -> Path | None:
    """Today's backup, if there is none yet (then keep only the newest `settings.keep`)."""
    if not settings.daily:
        return None
    folder = backup_folder(database, settings)
    today = local_date(clock.now()).strftime("%Y%m%d")
    if any(p.name.startswith(f"{PREFIX}{today}-") for p in backups_in(folder)):
        return None
    path = backup_database(database, folder, clock)
    prune_backups(folder, settings.keep)
    return path


@dataclass(frozen=True)
class TableCheck:
    name: str
    rows: int
    digest: str


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    tables: tuple[TableCheck, ...]

    def message(self) -> str:
        rows = sum(t.rows for t in self.tables)
        return _("已恢复到新文件 {path}：{n} 张表、{rows} 行与备份逐一核对一致").format(
            path=self.target, n=len(self.tables), rows=rows
        )


def table_digests(path: Path) -> tuple[TableCheck, ...]:
    """Every table's row count and a digest of its content (row order does not matter)."""
    checks = []
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            rows = sorted(repr(row) for row in conn.execute(f"SELECT * FROM {quoted}"))
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            checks.append(TableCheck(name, len(rows), digest))
    return tuple(checks)


def restore_backup(backup: Path, target: Path) -> RestoreReport:
    """Restore `backup` into the new file `target` and prove every table came back identical."""
    if backup.suffix == ".dump":
        raise CounterError(_("PostgreSQL 的备份请由数据库管理员用 pg_restore 恢复"))
    if not backup.is_file():
        raise CounterError(_("找不到备份文件 {path}").format(path=backup))
    if target.exists():
        raise CounterError(_("{path} 已存在：恢复只写入新文件，不覆盖任何文件").format(path=target))
    _check_integrity(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        _sqlite_backup(backup, part)
        expected, restored = table_digests(backup), table_digests(part)
        if restored != expected:
            differ = sorted({t.name for t in set(expected) ^ set(restored)})
            raise CounterError(
                _("恢复的文件与备份不一致（{tables}），未保存").format(tables="、".join(differ))
            )
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return RestoreReport(target, restored)
