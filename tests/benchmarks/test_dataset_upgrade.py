"""A cached benchmark dataset built for an older head revision (same data version) is
brought forward by the migrations and renamed, not rebuilt: a new migration must not
cost the 75-minute rebuild of the 10,000,000-item PostgreSQL dataset."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from benchmarks.dataset import DATA_VERSION, dataset_path, ensure_dataset
from benchmarks.pg_dataset import database_url, ensure_pg_dataset, pg_database_name
from db.engine import make_engine, sqlite_url
from db.migrate import current_revision, head_revision, upgrade
from tests.conftest import PG_ADMIN_URL

#: the revision before the head: what a dataset built before the last migration is at
OLDER = "0016"
META = {"items": 11, "orders": 2, "customers": 1, "build_s": 4321.0}


def test_an_older_sqlite_dataset_is_migrated_and_renamed(tmp_path: Path) -> None:
    items = 11
    old = tmp_path / f"counter-{items}items-rev{OLDER}-v{DATA_VERSION}.db"
    engine = make_engine(sqlite_url(old))
    upgrade(engine, OLDER)
    engine.dispose()
    old.with_suffix(".json").write_text(json.dumps(META), "utf-8")
    dataset = ensure_dataset(tmp_path, items)
    assert dataset.path == dataset_path(tmp_path, items) and not old.exists()
    assert (dataset.build_s, dataset.built_now) == (4321.0, False)  # not built again
    engine = make_engine(sqlite_url(dataset.path))
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.mark.postgres
def test_an_older_postgresql_dataset_is_migrated_and_renamed(pg_url: str) -> None:
    # a size of its own (workers run side by side; test_pg_dataset_bench builds 1000-1996),
    # small enough that a broken upgrade fails by building it, in seconds
    items = random.randrange(100, 1000)
    old = f"counter_bench_{items}_rev{OLDER}_v{DATA_VERSION}"
    name = pg_database_name(items)
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{old}"'))
            conn.execute(text(f"COMMENT ON DATABASE \"{old}\" IS '{json.dumps(META)}'"))
        engine = make_engine(database_url(PG_ADMIN_URL, old))
        upgrade(engine, OLDER)
        engine.dispose()
        dataset = ensure_pg_dataset(PG_ADMIN_URL, items)
        assert (dataset.name, dataset.build_s, dataset.built_now) == (name, 4321.0, False)
        engine = make_engine(database_url(PG_ADMIN_URL, name))
        assert current_revision(engine) == head_revision()
        engine.dispose()
        with admin.connect() as conn:
            left = conn.execute(
                text("SELECT count(*) FROM pg_database WHERE datname = :old"), {"old": old}
            ).scalar()
        assert left == 0
    finally:
        with admin.connect() as conn:
            for db in (old, name):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()
