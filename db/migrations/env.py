"""Alembic environment: one history for SQLite and PostgreSQL (batch mode)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

import db.models_appointments
import db.models_archive
import db.models_audit
import db.models_billing
import db.models_certificates
import db.models_feedback
import db.models_onsite
import db.models_release
import db.models_statistics  # noqa: F401
from db.engine import default_sqlite_path, make_engine, sqlite_url
from db.models import Base

config = context.config
target_metadata = Base.metadata


# objects the models do not describe: the customer search index (migration 0005)
UNMODELLED = ("customer_fts", "ix_customers_search_trgm")


def _include_name(name: str | None, type_: str, _parent: object) -> bool:
    return not (name or "").startswith(UNMODELLED)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or sqlite_url(default_sqlite_path())
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; pass -x db=URL")
run_migrations_online()
