"""Opening the database a counter works on, with its starter data on first run.

The embedded SQLite file (default) is created and migrated on first run.  A shared
PostgreSQL database that is behind the program's migrations is refused: one counter
must not change the schema under the others.  This module sits above the areas (it
seeds their starter data); `counter.session` below them has the per-action sessions."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

from counter.appointments.sectors import seed_sectors
from counter.billing.schedule import seed_fee_schedule
from counter.certificates.registers import seed_registers
from counter.errors import DatabaseUnavailable
from counter.intake.catalog import seed_catalog
from counter.session import resolve_url, schema_message, unavailable_message
from db.engine import Database, make_engine
from db.migrate import SchemaError, ensure_schema


def open_database(url: str | None, *, upgrade_shared: bool = False) -> Database:
    """Open, migrate where allowed, and seed the starter catalogue on a new database."""
    url = resolve_url(url)
    engine = make_engine(url)
    database = Database(engine)
    try:
        ensure_schema(engine, allow_upgrade=database.is_sqlite or upgrade_shared)
        with database.action() as session:
            seed_catalog(session)
            seed_registers(session)
            seed_fee_schedule(session)
            seed_sectors(session)
    except SchemaError as error:
        engine.dispose()
        raise DatabaseUnavailable(schema_message(error, database.url)) from error
    except (OperationalError, DBAPIError) as error:
        engine.dispose()
        raise DatabaseUnavailable(unavailable_message(error)) from error
    return database
