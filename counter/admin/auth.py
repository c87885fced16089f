"""Users, roles and permissions; passwords hashed with argon2.

Permissions are checked here, in the domain, not only by hiding buttons:
every action that changes data takes an `Actor` and calls `require()`, which
re-reads the user's active flag and roles from the database.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.rules.roles import Actor, Perm, Role, parse_roles, perm_label
from counter.clock import Clock
from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.i18n import _
from db.models import User

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 8


def require(session: Session, actor: Actor, perm: Perm) -> None:
    """Refuse unless the user, as the database knows them now, may do `perm`.

    The actor was fixed at login; the user may since have been deactivated or
    lost a role.  One primary-key read per action keeps every action current.
    """
    row = session.execute(select(User.active, User.roles).where(User.id == actor.id)).first()
    if row is None or not row.active:
        raise PermissionDenied(
            _("{user} 的账号已停用，不能再操作；请联系管理员").format(user=actor.full_name)
        )
    current = Actor(actor.id, actor.username, actor.full_name, parse_roles(row.roles))
    if not current.can(perm):
        raise PermissionDenied(
            _("{user} 没有“{perm}”权限").format(user=actor.full_name, perm=perm_label(perm))
        )


def require_any(session: Session, actor: Actor, perms: frozenset[Perm]) -> None:
    """Refuse unless the user holds at least one of `perms` (checked as `require` does)."""
    held = [p for p in sorted(perms) if actor.can(p)]
    require(session, actor, held[0] if held else sorted(perms)[0])


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.username, user.full_name, parse_roles(user.roles))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _check_new_user(username: str, full_name: str, password: str) -> list[str]:
    problems = []
    if not username.strip():
        problems.append(_("用户名不能为空"))
    elif len(username) > 64:
        problems.append(_("用户名过长（最多 64 个字符）"))
    if not full_name.strip():
        problems.append(_("姓名不能为空"))
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_("密码至少 {n} 个字符").format(n=MIN_PASSWORD_LENGTH))
    return problems


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def create_user(
    session: Session,
    actor: Actor | None,
    clock: Clock,
    *,
    username: str,
    full_name: str,
    password: str,
    roles: frozenset[Role],
) -> User:
    """Create a user.  With no users yet, the first one (an administrator) needs no actor."""
    if actor is None:
        if has_users(session):
            raise PermissionDenied(_("已有用户，请由管理员创建新用户"))
        if Role.ADMIN not in roles:
            raise ValidationError([_("第一个用户必须是管理员")])
    else:
        require(session, actor, Perm.ADMIN)
    problems = _check_new_user(username, full_name, password)
    if not roles:
        problems.append(_("至少选择一个角色"))
    if session.scalar(select(User.id).where(User.username == username.strip())):
        problems.append(_("用户名 {name} 已存在").format(name=username.strip()))
    if problems:
        raise ValidationError(problems)
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        roles=",".join(sorted(roles)),
        active=True,
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()

    record(
        session,
        actor or actor_of(user),
        clock,
        "user.create",
        "user",
        user.username,
        after={"full_name": user.full_name, "roles": user.roles},
    )
    return user


#: a hash to verify against when there is no such user: made once with the hasher's
#: parameters (a test checks they are still the hasher's), so that verifying it costs what
#: verifying a user's password costs, without hashing anything at the first login
STAND_IN_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$bfbwQ8J6ntkapvolTPQeWQ"
    "$iLVGpXZO7V+Kp7+yVOhBJJqM9Dh9hanIXiS++3pjHpg"
)


def _stand_in_hash() -> str:
    return STAND_IN_HASH


def authenticate(session: Session, username: str, password: str) -> Actor:
    """The actor for a correct username and password; one message for every failure.

    An unknown or deactivated user costs the same password-hash work as a wrong
    password, so the answer's timing does not tell which user names exist.
    """
    stand_in = _stand_in_hash()
    name = username.strip().replace("\x00", "")
    user = session.scalar(select(User).where(User.username == name))
    known = user is not None and user.active
    try:
        _hasher.verify(user.password_hash if user is not None and known else stand_in, password)
    except (VerificationError, InvalidHashError):
        known = False
    if user is None or not known:
        raise CounterError(_("用户名或密码错误"))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return actor_of(user)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def users_with_role(session: Session, role: Role) -> list[User]:
    return [u for u in list_users(session) if u.active and role in parse_roles(u.roles)]
