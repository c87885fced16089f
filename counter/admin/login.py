"""Logging in at a counter: throttled, locked after repeated failures, audited.

Every attempt leaves an audit row — ``login.ok``, ``login.failed`` or
``login.refused`` (asked too soon) — under the user name typed, known or not.
The throttle is read back from those rows, so it holds across counters and
restarts: after `THROTTLE_AFTER` failures in a row the next attempt waits
`THROTTLE_WAIT`, after `LOCK_AFTER` the name is locked for `LOCK_TIME`.  An
unknown name is throttled like a real one, and costs the same hashing work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import actor_of, authenticate, create_user
from counter.admin.rules.roles import Actor, Role
from counter.admin.settings import InstituteSettings, save_settings
from counter.clock import CHINA_TZ, Clock
from counter.errors import CounterError
from counter.i18n import _
from counter.session import user_action
from db.engine import Database
from db.models import AuditEntry, User

THROTTLE_AFTER = 3
THROTTLE_WAIT = dt.timedelta(seconds=30)
LOCK_AFTER = 5
LOCK_TIME = dt.timedelta(minutes=15)


class LoginRefused(CounterError):
    pass


@dataclass(frozen=True)
class LoginAttempt:
    actor: Actor | None
    message: str  # why not; "" when logged in


def login_key(username: str) -> str:
    """The name an attempt is counted and audited under."""
    return username.strip().replace("\x00", "")[:64]


def _failures(session: Session, name: str, now: dt.datetime) -> list[dt.datetime]:
    """When the failures since the last success (within `LOCK_TIME`) happened, newest first."""
    query = (
        select(AuditEntry.action, AuditEntry.at)
        .where(
            AuditEntry.entity == "login",
            AuditEntry.entity_key == name,
            AuditEntry.action.in_(("login.ok", "login.failed")),
            AuditEntry.at >= now - LOCK_TIME,
        )
        .order_by(AuditEntry.seq.desc())
        .limit(LOCK_AFTER)
    )
    failures = []
    for action, at in session.execute(query):
        if action != "login.failed":
            break
        failures.append(at)
    return failures


def _refusal(failures: list[dt.datetime], now: dt.datetime) -> str:
    """Why an attempt now is refused before the password is even looked at ("" = go ahead)."""
    if len(failures) >= LOCK_AFTER and now < failures[0] + LOCK_TIME:
        until = (failures[0] + LOCK_TIME).astimezone(CHINA_TZ)
        return _("连续 {n} 次登录失败，该账号已锁定，请于 {time} 后再试").format(
            n=len(failures), time=until.strftime("%H:%M")
        )
    if len(failures) >= THROTTLE_AFTER and now < failures[0] + THROTTLE_WAIT:
        wait = failures[0] + THROTTLE_WAIT - now
        return _("登录失败次数过多，请 {seconds} 秒后再试").format(
            seconds=max(1, int(wait.total_seconds()))
        )
    return ""


def attempt_login(session: Session, clock: Clock, username: str, password: str) -> LoginAttempt:
    """Check the password unless throttled, and audit the outcome (commit even on failure)."""
    name = login_key(username)
    now = clock.now()
    user_id = session.scalar(select(User.id).where(User.username == name)) if name else None
    failures = _failures(session, name, now)
    refusal = _refusal(failures, now)
    if refusal:
        record(session, None, clock, "login.refused", "login", name, reason=refusal,
               user_id=user_id)  # fmt: skip
        return LoginAttempt(None, refusal)
    try:
        actor = authenticate(session, username, password)
    except CounterError as error:
        record(session, None, clock, "login.failed", "login", name,
               after={"failures": len(failures) + 1}, user_id=user_id)  # fmt: skip
        message = str(error)
        if len(failures) + 1 >= LOCK_AFTER:
            message = _refusal([now, *failures], now)
        return LoginAttempt(None, message)
    record(session, actor, clock, "login.ok", "login", name)
    return LoginAttempt(actor, "")


def log_in(database: Database, clock: Clock, username: str, password: str) -> Actor:
    """Log in as one action: the attempt is audited whatever its outcome."""
    with user_action(database) as session:
        attempt = attempt_login(session, clock, username, password)
    if attempt.actor is None:
        raise LoginRefused(attempt.message)
    return attempt.actor


def set_up_first_administrator(
    database: Database,
    clock: Clock,
    *,
    username: str,
    full_name: str,
    password: str,
    settings: InstituteSettings,
) -> Actor:
    """The first run, as one action: the administrator and the institute, or neither."""
    with user_action(database) as session:
        user = create_user(
            session,
            None,
            clock,
            username=username,
            full_name=full_name,
            password=password,
            roles=frozenset({Role.ADMIN}),
        )
        actor = actor_of(user)
        save_settings(session, actor, clock, settings)
    return actor
