"""One user action, one session: database faults turned into messages a clerk can act on.

Opening (and migrating, and seeding) a database is `counter.startup`'s work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from counter.errors import CounterError, DatabaseUnavailable, ValidationError
from counter.i18n import _
from db.engine import Database, default_sqlite_path, sqlite_url
from db.migrate import SchemaError, SchemaState

T = TypeVar("T")


def resolve_url(url: str | None) -> str:
    return url or sqlite_url(default_sqlite_path())


def schema_message(error: SchemaError, url: str) -> str:
    if error.state is SchemaState.UNKNOWN:
        return _("数据库 {url} 由更新版本的程序创建（版本 {current}），请先升级本程序。").format(
            url=url, current=error.current
        )
    return _(
        "共享数据库 {url} 的结构版本落后（当前 {current}，需要 {head}）。"
        "为避免影响其他窗口，程序不会自动升级。请管理员在所有窗口退出后运行：\n"
        "uv run python -m counter db upgrade --db {url}"
    ).format(url=url, current=error.current or _("空库"), head=error.head)


def _first_line(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).strip()
    return text.splitlines()[0] if text else type(error).__name__


def refused_message(error: Exception) -> str:
    """The database is there but refused the values: never a "network" message."""
    return _("数据库拒绝保存：{detail}。本次操作没有保存，请修改后重试或联系管理员。").format(
        detail=_first_line(error)
    )


def database_error(error: Exception) -> CounterError:
    """The clerk's message for a fault the database raised during an action."""
    if isinstance(error, OverflowError) or (
        isinstance(error, DataError) and "out of range" in _first_line(error)
    ):
        return ValidationError([_("数值超出范围，本次操作没有保存")])
    refused = isinstance(error, DBAPIError) and not isinstance(
        error, (OperationalError, InterfaceError)
    )
    if refused and not getattr(error, "connection_invalidated", False):
        return CounterError(refused_message(error))
    return DatabaseUnavailable(unavailable_message(error))


def unavailable_message(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error) else ""
    if "locked" in text or "busy" in text:
        return _("数据库正忙（其他窗口正在保存），请稍后重试。本次操作没有保存。")
    return _("无法连接数据库：{detail}。本次操作没有保存，请检查网络或联系管理员。").format(
        detail=text
    )


@contextmanager
def user_action(database: Database) -> Iterator[Session]:
    """One user action in one transaction; database faults become a clear message."""
    try:
        with database.action() as session:
            yield session
    except (DBAPIError, OverflowError) as error:
        raise database_error(error) from error


def run_action(database: Database, action: Callable[[Session], T]) -> T:
    with user_action(database) as session:
        return action(session)


def read(database: Database, query: Callable[[Session], T]) -> T:
    """A read-only look-up; database faults become a clear message."""
    try:
        with database.session() as session:
            return query(session)
    except (DBAPIError, OverflowError) as error:
        raise database_error(error) from error
