"""Bring a database to the code's schema, or refuse.

The embedded SQLite file belongs to this program and is upgraded in place.
A shared PostgreSQL database is used by several counters at once: it is only
upgraded when asked explicitly (`python -m counter db upgrade --db URL`), so
that one counter never changes the schema under the others.  The refusal is a
`SchemaError`; `counter.session` turns it into words for the user.
"""

from __future__ import annotations

import enum
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

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
    from alembic.config import Config  # alembic loads slowly: only when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


_REVISION = re.compile(r"^(down_)?revision: str(?: \| None)? = ['\"]?(\w+)['\"]?", re.M)


@functools.cache
def _history() -> tuple[frozenset[str], str]:
    """(every revision, the head), read from the migration files without loading alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for down, value in _REVISION.findall(path.read_text("utf-8")):
            (parents if down else revisions).add(value)
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migration history must have one head, found {sorted(heads)}")
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return _history()[1]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(engine: Engine) -> tuple[SchemaState, str | None]:
    current = current_revision(engine)
    known, head = _history()
    if current is None:
        return SchemaState.EMPTY, None
    if current == head:
        return SchemaState.CURRENT, current
    if current in known:
        return SchemaState.BEHIND, current
    return SchemaState.UNKNOWN, current


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

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
