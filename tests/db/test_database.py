"""Opening databases: migrations, refusals with clear words, faults, concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, func, select, text

from counter.errors import DatabaseUnavailable
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.session import user_action
from counter.startup import open_database
from db.engine import Database, make_engine, sqlite_url
from db.migrate import alembic_config, head_revision
from db.models import Instrument, InstrumentType, Item, Order
from tests.conftest import PG_ADMIN_URL, Counter

ROOT = Path(__file__).resolve().parents[2]


def test_new_sqlite_file_is_created_migrated_and_seeded(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "counter.db"
    database = open_database(sqlite_url(path))
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(InstrumentType)) >= 26
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (
            conn.exec_driver_sql("select version_num from alembic_version").scalar()
            == head_revision()
        )
    database.dispose()
    # opening again changes nothing and does not duplicate the catalogue
    again = open_database(sqlite_url(path))
    with again.session() as s:
        assert len(list_types(s)) == 26
    again.dispose()


def test_database_written_by_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    open_database(sqlite_url(path)).dispose()
    engine = make_engine(sqlite_url(path))
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = 'ffff9999'"))
    engine.dispose()
    with pytest.raises(DatabaseUnavailable, match="更新版本的程序"):
        open_database(sqlite_url(path))


@pytest.mark.postgres
def test_shared_database_behind_its_migrations_is_refused(pg_url: str) -> None:
    name = f"counter_behind_{uuid.uuid4().hex[:6]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            open_database(url)
        message = str(info.value)
        assert "落后" in message and "python -m counter db upgrade" in message
        # the administrator's explicit upgrade, then the program opens it
        open_database(url, upgrade_shared=True).dispose()
        engine = make_engine(url)
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "-1")
        engine.dispose()
        with pytest.raises(DatabaseUnavailable, match="落后"):
            open_database(url)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_unreachable_server_gives_a_clear_message() -> None:
    with pytest.raises(DatabaseUnavailable, match="无法连接数据库"):
        open_database("postgresql://postgres@127.0.0.1:1/nothing")


def test_busy_database_saves_nothing_and_says_so(sqlite_counter: Counter) -> None:
    url = sqlite_counter.db.engine.url.render_as_string(hide_password=False)
    impatient = Database(make_engine(url, busy_timeout_ms=200))
    with sqlite_counter.db.session() as s:
        type_id = list_types(s)[0].id
    blocker = create_engine(url, isolation_level=None)
    with blocker.connect() as lock:
        lock.exec_driver_sql("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseUnavailable, match="数据库正忙"), user_action(impatient) as s:
            save_order(
                s,
                sqlite_counter.clerk,
                sqlite_counter.clock,
                OrderDraft(sqlite_counter.customer_id, (ItemDraft(type_id),)),
            )
        lock.exec_driver_sql("ROLLBACK")
    blocker.dispose()
    with impatient.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0
    impatient.dispose()


@pytest.mark.slow
def test_two_processes_saving_at_once_get_different_numbers_and_share_new_instruments(
    counter: Counter, tmp_path: Path
) -> None:
    url = counter.db.engine.url.render_as_string(hide_password=False)
    with counter.db.session() as s:
        type_id = list_types(s)[0].id
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    args = [url, "40", str(counter.customer_id), str(counter.clerk.id), str(type_id), str(barrier)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.db.save_orders_worker", *args, f"counter{i}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    numbers = results[0]["numbers"] + results[1]["numbers"]
    assert len(numbers) == len(set(numbers)) == 80
    sequences = sorted(int(n[-6:]) for n in numbers)
    assert sequences == list(range(sequences[0], sequences[0] + 80))
    # the two really ran at the same time: each began saving before the other had finished
    assert max(r["began"] for r in results) < min(r["ended"] for r in results), results
    # both received instrument S{i} as new at once, 40 times: one ledger entry each, both linked
    with counter.db.session() as s:
        entries = s.execute(
            select(Instrument.serial, func.count(Item.id))
            .join(Item, Item.instrument_id == Instrument.id)
            .where(Instrument.customer_id == counter.customer_id, Instrument.type_id == type_id)
            .group_by(Instrument.id, Instrument.serial)
        ).all()
    assert sorted(entries) == sorted((f"S{i}", 2) for i in range(40))


def test_head_read_from_files_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
