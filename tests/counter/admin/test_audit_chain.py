"""The audit log cannot be rewritten unseen, on SQLite and PostgreSQL.

The database refuses UPDATE and DELETE on it; with the triggers out of the way
(a superuser), every kind of tampering is reported at its first broken link.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError

from counter.__main__ import main
from counter.admin.audit.write import record
from counter.admin.rules.roles import Role
from counter.admin.users import set_roles
from counter.clock import FixedClock
from counter.customers.records import CustomerForm, create_customer
from counter.errors import PermissionDenied
from counter.reports.audit_log import check_audit_log, verify_chain
from db.engine import Database, make_engine, sqlite_url
from db.migrate import upgrade
from db.models import AuditEntry
from db.models_audit import canonical, chain_hash
from tests.conftest import NOW, Counter


def _some_actions(c: Counter) -> None:
    """Four audited actions after the fixture's own (the customer), one per commit."""
    for roles in ("intake,billing", "intake", "intake,billing", "intake"):
        with c.db.action() as s:
            new = frozenset(Role(r) for r in roles.split(","))
            set_roles(s, c.admin, c.clock, c.clerk.id, new)
        c.clock.advance(dt.timedelta(minutes=1))


def _seqs(c: Counter) -> list[int]:
    with c.db.session() as s:
        return list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))


def test_every_action_is_chained_and_the_chain_verifies(counter: Counter) -> None:
    _some_actions(counter)
    assert _seqs(counter) == [1, 2, 3, 4, 5]
    with counter.db.session() as s:
        report = check_audit_log(s, counter.admin)
        with pytest.raises(PermissionDenied):
            check_audit_log(s, counter.clerk)
    assert report.ok and report.rows == 5 and report.head_seq == 5
    assert report.message().startswith("审计日志完整：共 5 条")


def test_the_database_refuses_to_change_or_remove_audit_rows(counter: Counter) -> None:
    for statement in ("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), counter.db.engine.begin() as conn:
            conn.execute(text(statement))
    if not counter.db.is_sqlite:
        with pytest.raises(DBAPIError, match="append-only"), counter.db.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_log"))
    assert _seqs(counter) == [1]


def _tamper(c: Counter, statement: str, **params: object) -> None:
    """What a superuser can do: step past the triggers and rewrite the table."""
    with c.db.engine.begin() as conn:
        _past_triggers(conn)
        conn.execute(text(statement), params)


def _past_triggers(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
    else:
        conn.execute(text("SET LOCAL session_replication_role = replica"))


def _verify_cli(c: Counter, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    url = c.db.engine.url.render_as_string(hide_password=False)
    code = main(["audit", "verify", "--db", url])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_changed_row_is_the_first_broken_link(
    counter: Counter, capsys: pytest.CaptureFixture[str]
) -> None:
    _some_actions(counter)
    assert _verify_cli(counter, capsys)[0] == 0
    _tamper(counter, "UPDATE audit_log SET reason = 'nothing happened' WHERE seq = 3")
    with counter.db.session() as s:
        report = verify_chain(s)
    assert report.broken is not None and (report.broken.seq, report.broken.kind) == (3, "changed")
    code, message = _verify_cli(counter, capsys)
    assert code == 1
    assert "审计日志被改动：第 3 条记录" in message and "内容被改动" in message


def test_a_deleted_row_is_the_first_broken_link(
    counter: Counter, capsys: pytest.CaptureFixture[str]
) -> None:
    _some_actions(counter)
    _tamper(counter, "DELETE FROM audit_log WHERE seq = 2")
    code, message = _verify_cli(counter, capsys)
    assert code == 1
    assert "第 2 条记录缺失（被删除）" in message
    _tamper(counter, "DELETE FROM audit_log WHERE seq >= 2")  # the tail cut off
    with counter.db.session() as s:
        report = verify_chain(s)
    assert report.broken is not None and report.broken.kind == "head"
    assert report.broken.seq == 2


def _forged_row(c: Counter, seq: int, prev_hash: str, at: dt.datetime) -> dict[str, object]:
    fields: dict[str, object] = dict(
        seq=seq, at=at, user_id=c.admin.id, action="order.void", entity="order",
        entity_key="S2026000001", before="", after="", reason="客户要求", prev_hash=prev_hash,
    )  # fmt: skip
    return {**fields, "row_hash": chain_hash(canonical(**fields))}  # type: ignore[arg-type]


def test_a_back_dated_inserted_row_is_found(counter: Counter) -> None:
    _some_actions(counter)
    with counter.db.session() as s:
        last = s.scalar(select(AuditEntry).where(AuditEntry.seq == 5))
        assert last is not None
        last_hash = last.row_hash
    insert = (
        "INSERT INTO audit_log (seq, prev_hash, row_hash, at, user_id, action, entity,"
        " entity_key, before, after, reason) VALUES (:seq, :prev_hash, :row_hash, :at,"
        " :user_id, :action, :entity, :entity_key, :before, :after, :reason)"
    )
    # a forger who knows the algorithm appends a correctly hashed row dated last month
    back_dated = counter.clock.now() - dt.timedelta(days=30)
    _tamper(counter, insert, **_forged_row(counter, 6, last_hash, back_dated))
    with counter.db.session() as s:
        report = verify_chain(s)
    assert report.broken is not None and (report.broken.seq, report.broken.kind) == (6, "head")
    # one who does not, slips it in with a made-up link
    _tamper(counter, insert, **_forged_row(counter, 7, "f" * 64, back_dated))
    with counter.db.session() as s:
        report = verify_chain(s)
    assert report.broken is not None and (report.broken.seq, report.broken.kind) == (7, "link")


def test_entries_of_a_rolled_back_savepoint_are_not_appended(counter: Counter) -> None:
    with counter.db.action() as s:
        record(s, counter.admin, counter.clock, "test.kept", "test", "1")
        savepoint = s.begin_nested()
        record(s, counter.admin, counter.clock, "test.dropped", "test", "2")
        savepoint.rollback()
        savepoint = s.begin_nested()
        record(s, counter.admin, counter.clock, "test.released", "test", "3")
        savepoint.commit()
    with counter.db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        assert verify_chain(s).ok
    assert actions == ["customer.create", "test.kept", "test.released"]


def test_two_counters_appending_at_once_keep_one_chain(counter: Counter) -> None:
    first = counter.db.session()
    first.begin()
    record(first, counter.admin, counter.clock, "test.first", "test", "1")
    with counter.db.action() as second:  # commits while the first is still open
        record(second, counter.clerk, counter.clock, "test.second", "test", "2")
    first.commit()
    first.close()
    with counter.db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        assert verify_chain(s).ok
    assert actions == ["customer.create", "test.second", "test.first"]


def test_the_migration_chains_the_rows_already_there(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "old.db"))
    upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (username, full_name, password_hash, roles, active, created_at)"
                " VALUES ('admin', '管理员', 'x', 'admin', 1, '2026-01-01 00:00:00.000000')"
            )
        )
        for day in (1, 2, 3):
            conn.execute(text(
                "INSERT INTO audit_log (at, user_id, action, entity, entity_key, before, after,"
                " reason) VALUES (:at, 1, 'order.void', 'order', :key, '', '', '客户要求')"),
                {"at": f"2026-01-0{day} 08:00:00.123456", "key": f"S202600000{day}"})  # fmt: skip
    upgrade(engine)
    database = Database(engine)
    try:
        with database.action() as s:
            record(s, None, FixedClock(NOW), "test.after", "test", "1", user_id=1)
        with database.session() as s:
            report = verify_chain(s)
        assert report.ok and report.rows == 4 and report.head_seq == 4
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log WHERE seq = 1"))
    finally:
        database.dispose()


def test_counters_appending_at_once_keep_one_unbroken_chain(counter: Counter) -> None:
    errors: list[BaseException] = []

    def counter_at_work(n: int) -> None:
        try:
            for i in range(5):
                with counter.db.action() as s:
                    form = CustomerForm(name=f"并发测试客户{n}号{i}", phone=f"1380000{n}{i:03d}")
                    create_customer(s, counter.clerk, counter.clock, form)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=counter_at_work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _seqs(counter) == list(range(1, 22))
    with counter.db.session() as s:
        assert verify_chain(s).ok


def test_an_entry_of_a_session_closed_without_commit_is_not_appended_later(
    counter: Counter,
) -> None:
    session = counter.db.session()
    session.begin()
    record(session, counter.admin, counter.clock, "test.abandoned", "test", "1")
    session.close()
    with session.begin():  # the same session object, used again
        record(session, counter.admin, counter.clock, "test.kept", "test", "2")
    session.close()
    with counter.db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions == ["customer.create", "test.kept"]
