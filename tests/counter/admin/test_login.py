"""Logging in and acting as who the database says you are now (SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from counter.admin.auth import create_user
from counter.admin.login import LoginRefused, log_in
from counter.admin.rules.roles import Role
from counter.admin.users import deactivate_user, set_roles
from counter.errors import PermissionDenied
from counter.intake.receive import ItemDraft
from db.models import AuditEntry
from tests.conftest import PASSWORD, Counter
from tests.ui.orders_helpers import save, type_id


def test_a_clerk_deactivated_after_login_can_no_longer_save(counter: Counter) -> None:
    clerk = log_in(counter.db, counter.clock, "clerk", PASSWORD)
    scale = ItemDraft(type_id(counter, "电子计价秤"))
    save(counter, scale)
    with counter.db.action() as s:
        deactivate_user(s, counter.admin, counter.clock, clerk.id, "离职")
    with pytest.raises(PermissionDenied, match="王收发 的账号已停用，不能再操作"):
        save(counter, scale)  # the same actor, still holding the "intake" role in memory


def test_a_demoted_administrator_can_no_longer_create_administrators(counter: Counter) -> None:
    with counter.db.action() as s:
        admins = frozenset({Role.ADMIN})
        second = create_user(s, counter.admin, counter.clock, username="admin2",
                             full_name="钱管理", password=PASSWORD, roles=admins)  # fmt: skip
    admin2 = log_in(counter.db, counter.clock, "admin2", PASSWORD)
    with counter.db.action() as s:
        set_roles(s, counter.admin, counter.clock, second.id, frozenset({Role.INTAKE}))
    with (
        pytest.raises(PermissionDenied, match="钱管理 没有“系统管理”权限"),
        counter.db.action() as s,
    ):
        create_user(s, admin2, counter.clock, username="admin3", full_name="孙管理",
                    password=PASSWORD, roles=frozenset({Role.ADMIN}))  # fmt: skip


def _logins(c: Counter, name: str) -> list[str]:
    with c.db.session() as s:
        query = select(AuditEntry.action).where(
            AuditEntry.entity == "login", AuditEntry.entity_key == name
        )
        return list(s.scalars(query.order_by(AuditEntry.seq)))


def _refused(c: Counter, name: str, password: str) -> str:
    with pytest.raises(LoginRefused) as refused:
        log_in(c.db, c.clock, name, password)
    return str(refused.value)


def test_failed_logins_are_throttled_then_locked_and_every_outcome_audited(
    counter: Counter,
) -> None:
    c = counter
    for _ in range(3):
        assert _refused(c, "clerk", "guess-1234") == "用户名或密码错误"
    assert _refused(c, "clerk", PASSWORD) == "登录失败次数过多，请 30 秒后再试"
    c.clock.advance(dt.timedelta(seconds=20))
    assert _refused(c, "clerk", PASSWORD) == "登录失败次数过多，请 10 秒后再试"
    c.clock.advance(dt.timedelta(seconds=10))
    assert _refused(c, "clerk", "guess-5678") == "用户名或密码错误"
    c.clock.advance(dt.timedelta(seconds=30))
    locked = _refused(c, "clerk", "guess-9012")  # the fifth in a row
    assert locked == "连续 5 次登录失败，该账号已锁定，请于 09:46 后再试"
    c.clock.advance(dt.timedelta(minutes=14))
    assert _refused(c, "clerk", PASSWORD) == locked
    c.clock.advance(dt.timedelta(minutes=1))
    assert log_in(c.db, c.clock, "clerk", PASSWORD).username == "clerk"
    assert log_in(c.db, c.clock, "billing", PASSWORD).username == "billing"  # others never waited
    failed, refused, ok = "login.failed", "login.refused", "login.ok"
    assert _logins(c, "clerk") == [failed] * 3 + [refused] * 2 + [failed] * 2 + [refused, ok]
    with c.db.session() as s:
        users = set(s.scalars(select(AuditEntry.user_id).where(AuditEntry.entity == "login")))
    assert users == {c.clerk.id, c.billing.id}


def test_an_unknown_name_is_throttled_and_audited_like_a_real_one(counter: Counter) -> None:
    c = counter
    answers = [_refused(c, "wangxiaoer", "guess-1234") for _ in range(4)]
    assert answers == ["用户名或密码错误"] * 3 + ["登录失败次数过多，请 30 秒后再试"]
    assert _logins(c, "wangxiaoer") == ["login.failed"] * 3 + ["login.refused"]


def test_an_unknown_or_deactivated_user_costs_the_same_hashing_work(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real = PasswordHasher.verify

    def counting(self: PasswordHasher, stored: str, password: str) -> bool:
        verified.append(stored)
        return real(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    with counter.db.action() as s:
        deactivate_user(s, counter.admin, counter.clock, counter.billing.id)
    for name, password in (("clerk", "guess-1234"), ("nobody", "guess-1234"),
                           ("billing", PASSWORD), ("clerk", PASSWORD)):  # fmt: skip
        with contextlib.suppress(LoginRefused):
            log_in(counter.db, counter.clock, name, password)
    assert len(verified) == 4  # one argon2 verification per attempt, whoever asked
    assert all(h.startswith("$argon2id$") for h in verified)


def test_the_stand_in_hash_costs_what_a_password_costs() -> None:
    from counter.admin import auth

    # made with the hasher's parameters: verifying it is as slow as verifying a password
    assert not auth._hasher.check_needs_rehash(auth.STAND_IN_HASH)
