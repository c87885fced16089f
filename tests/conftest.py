"""Shared fixtures: real databases (SQLite file and PostgreSQL), a fixed clock, users.

Database tests run on both backends.  PostgreSQL is CI's server at
127.0.0.1:5432 (user postgres, trust auth; override with COUNTER_TEST_PG).
When it cannot be reached the PostgreSQL tests are skipped — except with
CI=true, where that is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import create_engine, text

import db.models_appointments
import db.models_archive
import db.models_audit
import db.models_certificates
import db.models_feedback
import db.models_onsite
import db.models_release
import db.models_search
import db.models_statistics  # noqa: F401
from counter.admin.auth import actor_of, hash_password
from counter.admin.rules.roles import Actor, Role
from counter.admin.settings import InstituteSettings, settings_row
from counter.appointments.sectors import seed_sectors
from counter.billing import seed_fee_schedule
from counter.certificates.registers import seed_registers
from counter.clock import CHINA_TZ, FixedClock
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import seed_catalog
from db.engine import Database, make_engine, sqlite_url
from db.migrate import upgrade
from db.models import Base, User

PG_ADMIN_URL = os.environ.get(
    "COUNTER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() == "true"
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=CHINA_TZ)
PASSWORD = "counter-test-1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests and the fuzz tests first (a stable sort): run in parallel (pytest-xdist,
    `-n auto` in pyproject.toml), a minute-long test picked up last would leave the other
    cores idle."""
    items.sort(
        key=lambda item: (item.get_closest_marker("slow") is None, "fuzz" not in item.path.parts)
    )


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


def _seed(database: Database) -> None:
    with database.action() as session:
        seed_catalog(session)
        seed_registers(session)
        seed_fee_schedule(session)
        seed_sectors(session)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine)
    _seed(Database(engine))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, migrated once."""
    admin = create_engine(
        PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:
        admin.dispose()
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {error}"
        if IN_CI:
            pytest.fail(f"CI=true but {message}", pytrace=False)
        pytest.skip(message)
    name = f"counter_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


#: where `pg_seeded` keeps a copy of the seeded rows (beside the app's own schema)
SEED_SCHEMA = "test_seed"


@pytest.fixture(scope="session")
def pg_seeded(pg_url: str) -> str:
    """The SQL that puts the session's PostgreSQL database back to "migrated and seeded".

    Seeded once; its rows are copied to the schema `SEED_SCHEMA` and each test's reset
    is one round trip: DELETE every table (not TRUNCATE: sixty of those cost 0.6 s, new
    files for each), copy the seeded rows back and set every sequence where seeding left
    it — instead of seeding again through the ORM (0.03-0.5 s a test)."""
    engine = make_engine(pg_url)
    _seed(Database(engine))
    statements = [
        # the superuser's way past the audit log's append-only triggers and the keys
        "SET LOCAL session_replication_role = replica"
    ]
    statements += [f'DELETE FROM "{t.name}"' for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{SEED_SCHEMA}"'))
        for table in Base.metadata.sorted_tables:
            if conn.execute(text(f'SELECT EXISTS (SELECT FROM "{table.name}")')).scalar():
                copy = f'"{SEED_SCHEMA}"."{table.name}"'
                conn.execute(text(f'CREATE TABLE {copy} AS TABLE "{table.name}"'))
                statements.append(f'INSERT INTO "{table.name}" SELECT * FROM {copy}')
        sequences = conn.execute(
            text(
                "SELECT quote_ident(sequencename), last_value FROM pg_sequences"
                " WHERE schemaname = current_schema()"
            )
        )
        statements += [
            f"SELECT setval('{name}', {last}, true)"
            if last is not None
            else f"SELECT setval('{name}', 1, false)"
            for name, last in sequences
        ]
    engine.dispose()
    return ";\n".join(statements)


def _reset(database: Database, sql: str) -> None:
    """Back to the seeded state in one round trip (psycopg runs a string of statements
    when it is given no parameters)."""
    connection = database.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        cursor.close()
        connection.commit()
    finally:
        connection.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Database]:
    """A migrated database with the starter catalogue, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "counter.db"
        shutil.copy(sqlite_template, path)
        database = Database(make_engine(sqlite_url(path)))
        yield database
        database.dispose()
        return
    url: str = request.getfixturevalue("pg_url")
    reset: str = request.getfixturevalue("pg_seeded")
    database = Database(make_engine(url))
    _reset(database, reset)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "counter.db"
    shutil.copy(sqlite_template, path)
    database = Database(make_engine(sqlite_url(path)))
    yield database
    database.dispose()


@dataclass
class Counter:
    """Everything an action needs: the database, a fixed clock, users, a customer."""

    db: Database
    clock: FixedClock
    admin: Actor
    clerk: Actor
    billing: Actor
    customer_id: int


#: the test institute (a real database asks for these on its first run)
TEST_INSTITUTE = InstituteSettings(
    institute_name="示例市计量检定测试所",
    address="示例市示例路 1 号",
    phone="0000-00000000",
    authorisation_no="(鲁)法计(2024)00001号",
)


def make_counter(database: Database, password_hash: str) -> Counter:
    clock = FixedClock(NOW)
    with database.action() as session:
        session.add(settings_row(TEST_INSTITUTE))
        users = {}
        for username, name, roles in (
            ("admin", "管理员", "admin"),
            ("clerk", "王收发", "intake"),
            ("billing", "李开票", "billing"),
        ):
            user = User(
                username=username,
                full_name=name,
                password_hash=password_hash,
                roles=roles,
                active=True,
                created_at=clock.now(),
            )
            session.add(user)
            session.flush()
            users[username] = actor_of(user)
        customer = create_customer(
            session,
            users["clerk"],
            clock,
            CustomerForm(
                name="聊城计量器具有限公司",
                short_name="聊城计量",
                credit_code="91310110666007217T",
                size="small",
                contact_name="张三",
                phone="13800138000",
                address="山东省聊城市东昌府区 1 号",
            ),
        )
        customer_id = customer.id
    return Counter(database, clock, users["admin"], users["clerk"], users["billing"], customer_id)


def add_user(counter: Counter, username: str, full_name: str, roles: str) -> Actor:
    """Another real user of the counter (the domain re-reads users from the database)."""
    with counter.db.action() as session:
        user = User(
            username=username,
            full_name=full_name,
            password_hash=hash_password(PASSWORD),
            roles=roles,
            active=True,
            created_at=counter.clock.now(),
        )
        session.add(user)
        session.flush()
        return actor_of(user)


@pytest.fixture
def counter(database: Database, password_hash: str) -> Counter:
    return make_counter(database, password_hash)


@pytest.fixture
def sqlite_counter(sqlite_database: Database, password_hash: str) -> Counter:
    return make_counter(sqlite_database, password_hash)


__all__ = ["NOW", "PASSWORD", "TEST_INSTITUTE", "Counter", "Role", "add_user"]
