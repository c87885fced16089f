"""A raw-SQL baseline for a service call: the statements it sent, replayed through a plain
`sqlite3` connection on the same file (or a plain psycopg connection on the same
PostgreSQL database), timed in the same run.

The ratio service / raw is what the counter's own code (ORM, Python, result objects)
adds to the database's work; on a busy machine both move together, so the ratio shows
a regression that the noise would hide.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

Statements = list[tuple[str, Any]]
_TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK")


class Recorder:
    """Keeps what `engine` sends, call by call: `next()` starts a new call's list.  One
    listener appends to a list, so recording while timing costs next to nothing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.calls: list[Statements] = []
        event.listen(engine, "before_cursor_execute", self._grab)

    def _grab(self, _conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if self.calls and not statement.lstrip().upper().startswith(_TRANSACTION):
            self.calls[-1].append((statement, params))

    def next(self) -> None:
        self.calls.append([])

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._grab)


@contextmanager
def recording(engine: Engine) -> Iterator[Recorder]:
    recorder = Recorder(engine)
    try:
        yield recorder
    finally:
        recorder.close()


def replayer(conn: Any) -> Callable[[Statements], None]:
    """Run the statements and fetch every row, as the service does: through `sqlite3`, or
    through psycopg (`conn` a ``psycopg.Connection``: the statements are in its
    ``%(name)s`` style, as SQLAlchemy's psycopg dialect sent them)."""
    if isinstance(conn, sqlite3.Connection):

        def replay(statements: Statements) -> None:
            for statement, params in statements:
                conn.execute(statement, params).fetchall()

        return replay

    def replay_pg(statements: Statements) -> None:
        with conn.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
                if cursor.description is not None:
                    cursor.fetchall()

    return replay_pg


def ratio(service: float, raw: float) -> float:
    return round(service / raw, 2) if raw > 0 else 0.0
