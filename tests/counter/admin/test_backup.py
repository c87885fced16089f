"""Backup and restore: nothing still in the WAL is lost, and a restore proves itself."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from counter.__main__ import main
from counter.admin.backup import (
    BackupSettings,
    backup_database,
    backups_in,
    daily_backup,
    load_backup_settings,
    restore_backup,
    save_backup_settings,
    sqlite_file,
    table_digests,
)
from counter.clock import FixedClock
from counter.errors import CounterError, ValidationError
from counter.intake.receive import ItemDraft
from db.engine import Database, make_engine
from tests.conftest import NOW, Counter
from tests.ui.orders_helpers import save, type_id


def _orders_in(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM orders").fetchone()[0])


def test_sqlite_commits_are_synchronous_full(sqlite_counter: Counter) -> None:
    with sqlite_counter.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_backup_and_restore_keep_what_is_still_in_the_wal(
    sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    live = sqlite_file(c.db)
    assert live is not None
    scale = ItemDraft(type_id(c, "电子计价秤"))
    for _ in range(5):
        save(c, scale)
    wal = live.with_name(live.name + "-wal")
    assert wal.stat().st_size > 0  # the orders are committed, not yet checkpointed
    naive = tmp_path / "copied.db"
    shutil.copy(live, naive)
    assert _orders_in(naive) < 5  # the probe: copying the file alone loses them

    backup = backup_database(c.db, tmp_path / "backups", c.clock)
    assert backup.name == "counter-backup-20261123-093000.db"
    restored = tmp_path / "restored" / "counter.db"
    report = restore_backup(backup, restored)
    assert _orders_in(restored) == 5
    assert report.tables == table_digests(live)  # every table, row for row, as the live file
    assert {"orders", "items", "audit_log", "users"} <= {t.name for t in report.tables}
    assert report.message().startswith(f"已恢复到新文件 {restored}：")


def test_restore_never_overwrites_and_refuses_a_damaged_backup(
    sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    live = sqlite_file(c.db)
    assert live is not None
    backup = backup_database(c.db, tmp_path, c.clock)
    with pytest.raises(CounterError, match="已存在：恢复只写入新文件，不覆盖任何文件"):
        restore_backup(backup, live)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(backup.read_bytes()[:4096] + b"\x00garbage" * 512)
    with pytest.raises(CounterError, match="不是可用的数据库备份"):
        restore_backup(damaged, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


def test_a_daily_backup_is_made_once_a_day_and_the_newest_are_kept(
    sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    with c.db.action() as s:
        settings = save_backup_settings(
            s, c.admin, c.clock, BackupSettings(folder=str(tmp_path / "daily"), keep=3)
        )
        with pytest.raises(ValidationError, match="保留的备份份数"):
            save_backup_settings(s, c.admin, c.clock, BackupSettings(keep=0))
    with c.db.session() as s:
        assert load_backup_settings(s) == settings
    made = []
    for _day in range(5):
        made.append(daily_backup(c.db, settings, c.clock))
        c.clock.advance(dt.timedelta(hours=2))
        assert daily_backup(c.db, settings, c.clock) is None  # today's exists
        c.clock.advance(dt.timedelta(hours=22))
    assert [p.name for p in backups_in(tmp_path / "daily")] == [
        p.name for p in made[-3:] if p is not None
    ]
    assert made[-1] is not None and made[-1].name == "counter-backup-20261127-093000.db"


def test_the_command_line_backs_up_and_restores(
    sqlite_counter: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_counter.db.engine.url.render_as_string()
    assert main(["backup", "--to", str(tmp_path / "b"), "--db", url]) == 0
    (backup,) = backups_in(tmp_path / "b")
    assert str(backup) in capsys.readouterr().out
    target = tmp_path / "restored.db"
    assert main(["restore", str(backup), "--to", str(target)]) == 0
    assert "与备份逐一核对一致" in capsys.readouterr().out
    assert main(["restore", str(backup), "--to", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err


@pytest.mark.postgres
def test_postgresql_is_dumped_with_pg_dump_or_says_whose_backup_applies(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, clock = Database(make_engine(pg_url)), FixedClock(NOW)
    try:
        if shutil.which("pg_dump"):
            dump = backup_database(database, tmp_path, clock)
            assert dump.suffix == ".dump" and dump.read_bytes().startswith(b"PGDMP")
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
        with pytest.raises(CounterError, match=r"没有 pg_dump.*以数据库管理员的备份为准"):
            backup_database(database, tmp_path / "none", clock)
    finally:
        database.dispose()
    with pytest.raises(CounterError, match="pg_restore"):
        restore_backup(tmp_path / "x.dump", tmp_path / "y.db")
