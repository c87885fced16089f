"""Bring a database to the code's schema, or refuse.

The embedded SQLite file belongs to this program and is upgraded in place.
A shared PostgreSQL database is used by several counters at once: it is only
upgraded when asked explicitly (`python -m counter db upgrade --db URL`), so
that one counter never changes the schema under the others.  The refusal is a
`SchemaError`; `counter.database` turns it into words for the user.
"""

from __future__ import annotations

import enum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaState(enum.Enum):
    CURRENT = "current"
    EMPTY = "empty"
    BEHIND = "behind"
    UNKNOWN = "unknown"  # a revision this program does not know: written by a newer version


class SchemaError(Exception):
    def __init__(self, state: SchemaState, current: str | None, head: str) -> None:
        super().__init__(f"database schema is {state.value} (at {current}, code at {head})")
        self.state = state
        self.current = current
        self.head = head


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_state(engine: Engine) -> tuple[SchemaState, str | None]:
    current = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    if current is None:
        return SchemaState.EMPTY, None
    if current == script.get_current_head():
        return SchemaState.CURRENT, current
    known = {rev.revision for rev in script.walk_revisions()}
    if current in known:
        return SchemaState.BEHIND, current
    return SchemaState.UNKNOWN, current


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def ensure_schema(engine: Engine, *, allow_upgrade: bool) -> SchemaState:
    """Return the state found; upgrade when allowed, else raise `SchemaError`."""
    state, current = schema_state(engine)
    if state is SchemaState.CURRENT:
        return state
    if state is SchemaState.UNKNOWN or not allow_upgrade:
        raise SchemaError(state, current, head_revision())
    upgrade(engine)
    return state
