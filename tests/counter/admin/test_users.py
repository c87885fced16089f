"""User administration on SQLite and PostgreSQL: roles, deactivation, password resets."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from counter.admin.auth import authenticate, create_user
from counter.admin.rules.roles import Role
from counter.admin.users import (
    activate_user,
    deactivate_user,
    list_user_rows,
    reset_password,
    set_roles,
)
from counter.errors import CounterError, PermissionDenied, ValidationError
from db.models import AuditEntry
from tests.conftest import PASSWORD, Counter


def _audit(counter: Counter, action: str) -> list[AuditEntry]:
    with counter.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_list_shows_everyone_to_an_administrator_only(counter: Counter) -> None:
    with counter.db.session() as s:
        rows = list_user_rows(s, counter.admin)
        assert [r.username for r in rows] == ["admin", "billing", "clerk"]
        assert next(r for r in rows if r.username == "clerk").roles == {Role.INTAKE}
        with pytest.raises(PermissionDenied, match="系统管理"):
            list_user_rows(s, counter.clerk)


def test_roles_change_is_audited(counter: Counter) -> None:
    with counter.db.action() as s:
        set_roles(
            s,
            counter.admin,
            counter.clock,
            counter.clerk.id,
            frozenset({Role.INTAKE, Role.BILLING}),
        )
    with counter.db.session() as s:
        actor = authenticate(s, "clerk", PASSWORD)
    assert actor.roles == {Role.INTAKE, Role.BILLING}
    (entry,) = _audit(counter, "user.roles")
    assert json.loads(entry.before) == {"roles": "intake"}
    assert json.loads(entry.after) == {"roles": "billing,intake"}
    with pytest.raises(ValidationError, match="至少选择一个角色"), counter.db.action() as s:
        set_roles(s, counter.admin, counter.clock, counter.clerk.id, frozenset())
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        set_roles(s, counter.clerk, counter.clock, counter.clerk.id, frozenset({Role.ADMIN}))


def test_the_last_administrator_cannot_be_removed(counter: Counter) -> None:
    with pytest.raises(CounterError, match="唯一的管理员"), counter.db.action() as s:
        set_roles(s, counter.admin, counter.clock, counter.admin.id, frozenset({Role.INTAKE}))
    with pytest.raises(CounterError, match="不能停用自己"), counter.db.action() as s:
        deactivate_user(s, counter.admin, counter.clock, counter.admin.id)
    with counter.db.action() as s:
        second = create_user(
            s,
            counter.admin,
            counter.clock,
            username="admin2",
            full_name="孙管理",
            password=PASSWORD,
            roles=frozenset({Role.ADMIN}),
        )
        second_id = second.id
    with counter.db.action() as s:
        set_roles(s, counter.admin, counter.clock, counter.admin.id, frozenset({Role.INTAKE}))
    with counter.db.session() as s:
        assert authenticate(s, "admin", PASSWORD).roles == {Role.INTAKE}
        admin2 = authenticate(s, "admin2", PASSWORD)
    # admin2 is now the only administrator: neither demoted nor deactivated
    with pytest.raises(CounterError, match="唯一的管理员"), counter.db.action() as s:
        set_roles(s, admin2, counter.clock, second_id, frozenset({Role.INTAKE}))
    with counter.db.action() as s:
        create_user(
            s,
            admin2,
            counter.clock,
            username="admin3",
            full_name="周管理",
            password=PASSWORD,
            roles=frozenset({Role.ADMIN}),
        )
    with counter.db.session() as s:
        admin3 = authenticate(s, "admin3", PASSWORD)
    with counter.db.action() as s:
        deactivate_user(s, admin3, counter.clock, second_id, "调岗")
    with pytest.raises(CounterError, match="唯一的管理员"), counter.db.action() as s:
        set_roles(s, admin3, counter.clock, admin3.id, frozenset({Role.BILLING}))


def test_deactivated_user_cannot_log_in_until_reactivated(counter: Counter) -> None:
    with counter.db.action() as s:
        deactivate_user(s, counter.admin, counter.clock, counter.clerk.id, "离职")
    with counter.db.session() as s, pytest.raises(CounterError, match="用户名或密码错误"):
        authenticate(s, "clerk", PASSWORD)
    with pytest.raises(CounterError, match="已停用"), counter.db.action() as s:
        deactivate_user(s, counter.admin, counter.clock, counter.clerk.id)
    with counter.db.action() as s:
        activate_user(s, counter.admin, counter.clock, counter.clerk.id)
    with counter.db.session() as s:
        assert authenticate(s, "clerk", PASSWORD).username == "clerk"
    (off,) = _audit(counter, "user.deactivate")
    assert off.reason == "离职" and off.entity_key == "clerk"
    assert len(_audit(counter, "user.activate")) == 1


def test_password_reset_never_writes_the_password(counter: Counter) -> None:
    with pytest.raises(ValidationError, match="密码至少"), counter.db.action() as s:
        reset_password(s, counter.admin, counter.clock, counter.clerk.id, "short")
    with counter.db.action() as s:
        reset_password(s, counter.admin, counter.clock, counter.clerk.id, "new-password-9")
    with counter.db.session() as s:
        assert authenticate(s, "clerk", "new-password-9").username == "clerk"
        with pytest.raises(CounterError):
            authenticate(s, "clerk", PASSWORD)
    (entry,) = _audit(counter, "user.reset_password")
    assert "new-password-9" not in entry.before + entry.after + entry.reason
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        reset_password(s, counter.clerk, counter.clock, counter.admin.id, "new-password-9")
