"""User administration beyond creating users: roles, deactivation, password resets.

Every function requires the administrator permission and writes an audit
record.  Nothing is deleted: a user who leaves is deactivated, so the audit
log and the orders they received still name them.  The last active
administrator cannot be demoted or deactivated, so the institute never locks
itself out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import MIN_PASSWORD_LENGTH, hash_password, require
from counter.admin.rules.roles import Actor, Perm, Role, parse_roles
from counter.clock import Clock
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from db.models import User


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    roles: frozenset[Role]
    active: bool
    created_at: dt.datetime


def list_user_rows(session: Session, actor: Actor) -> list[UserRow]:
    """Every user, active or not, by username."""
    require(session, actor, Perm.ADMIN)
    return [
        UserRow(u.id, u.username, u.full_name, parse_roles(u.roles), u.active, u.created_at)
        for u in session.scalars(select(User).order_by(User.username))
    ]


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_("用户不存在"))
    return user


def _other_active_admins(session: Session, user_id: int) -> int:
    users = session.scalars(select(User).where(User.active, User.id != user_id))
    return sum(1 for u in users if Role.ADMIN in parse_roles(u.roles))


def set_roles(
    session: Session, actor: Actor, clock: Clock, user_id: int, roles: frozenset[Role]
) -> User:
    require(session, actor, Perm.ADMIN)
    user = _user(session, user_id)
    if not roles:
        raise ValidationError([_("至少选择一个角色")])
    old = parse_roles(user.roles)
    if (
        Role.ADMIN in old
        and Role.ADMIN not in roles
        and user.active
        and not _other_active_admins(session, user.id)
    ):
        raise CounterError(
            _("{name} 是唯一的管理员，不能取消其管理员角色").format(name=user.full_name)
        )
    if old == roles:
        return user
    user.roles = ",".join(sorted(roles))
    record(
        session,
        actor,
        clock,
        "user.roles",
        "user",
        user.username,
        before={"roles": ",".join(sorted(old))},
        after={"roles": user.roles},
    )
    session.flush()
    return user


def deactivate_user(
    session: Session, actor: Actor, clock: Clock, user_id: int, reason: str = ""
) -> User:
    """The user can no longer log in; their name stays on everything they did."""
    require(session, actor, Perm.ADMIN)
    user = _user(session, user_id)
    if user.id == actor.id:
        raise CounterError(_("不能停用自己的账号"))
    if not user.active:
        raise CounterError(_("用户 {name} 已停用").format(name=user.username))
    if Role.ADMIN in parse_roles(user.roles) and not _other_active_admins(session, user.id):
        raise CounterError(_("{name} 是唯一的管理员，不能停用").format(name=user.full_name))
    user.active = False
    record(
        session,
        actor,
        clock,
        "user.deactivate",
        "user",
        user.username,
        before={"active": True},
        after={"active": False},
        reason=reason.strip(),
    )
    session.flush()
    return user


def activate_user(session: Session, actor: Actor, clock: Clock, user_id: int) -> User:
    require(session, actor, Perm.ADMIN)
    user = _user(session, user_id)
    if user.active:
        return user
    user.active = True
    record(
        session,
        actor,
        clock,
        "user.activate",
        "user",
        user.username,
        before={"active": False},
        after={"active": True},
    )
    session.flush()
    return user


def reset_password(
    session: Session, actor: Actor, clock: Clock, user_id: int, password: str
) -> User:
    """Set a new password (the audit log records that it changed, never the password)."""
    require(session, actor, Perm.ADMIN)
    user = _user(session, user_id)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError([_("密码至少 {n} 个字符").format(n=MIN_PASSWORD_LENGTH)])
    user.password_hash = hash_password(password)
    record(session, actor, clock, "user.reset_password", "user", user.username)
    session.flush()
    return user
