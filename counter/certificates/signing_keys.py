"""The institute's certificate signing key (Ed25519), kept in the settings table.

The private key is created the first time a certificate is signed and is only read
by `sign_certificate_qr`; no function hands it out.  An administrator may generate
a new one (`rotate_signing_key`): from then on certificates are signed with it, and
every earlier public key stays (with its key id) so that certificates signed before
still verify.  Public keys are public: anyone may read and export them.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.certificates.rules.signature import key_id, sign_payload
from counter.clock import Clock
from db.models import Setting

_PRIVATE = "signing.private"  # {"key_id", "private" (base64 of the raw 32 bytes)}
_PUBLIC = "signing.public"  # [{"key_id", "public", "created", "retired"}, …] oldest first


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    public: bytes  # raw 32 bytes
    created: dt.datetime
    retired: dt.datetime | None = None

    @property
    def base64(self) -> str:
        return base64.b64encode(self.public).decode("ascii")

    @property
    def pem(self) -> str:
        key = Ed25519PublicKey.from_public_bytes(self.public)
        return key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")


def _load(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return None if row is None else json.loads(row.value)


def _store(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def public_keys(session: Session) -> list[PublicKey]:
    """Every public key the institute signed with, oldest first (the last one is current)."""
    return [
        PublicKey(
            k["key_id"],
            base64.b64decode(k["public"]),
            dt.datetime.fromisoformat(k["created"]),
            dt.datetime.fromisoformat(k["retired"]) if k.get("retired") else None,
        )
        for k in _load(session, _PUBLIC) or []
    ]


def _new_key(session: Session, clock: Clock) -> tuple[str, bytes]:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes_raw()
    public = private.public_key().public_bytes_raw()
    kid, now = key_id(public), clock.now()
    keys = _load(session, _PUBLIC) or []
    for k in keys:
        k["retired"] = k.get("retired") or now.isoformat()
    keys.append(
        {
            "key_id": kid,
            "public": base64.b64encode(public).decode("ascii"),
            "created": now.isoformat(),
            "retired": "",
        }
    )
    _store(session, _PUBLIC, keys)
    _store(session, _PRIVATE, {"key_id": kid, "private": base64.b64encode(raw).decode("ascii")})
    return kid, raw


def _signing_key(session: Session, clock: Clock) -> bytes:
    """The current private key, created on first need (another counter may race us to it)."""
    stored = _load(session, _PRIVATE)
    if stored is None:
        try:
            with session.begin_nested():
                _new_key(session, clock)
                session.flush()
        except IntegrityError:
            pass  # another counter created it first: use theirs
        stored = _load(session, _PRIVATE)
    return base64.b64decode(stored["private"])


def ensure_signing_key(session: Session, clock: Clock) -> PublicKey:
    """The current public key (creating the key pair when there is none yet)."""
    _signing_key(session, clock)
    return public_keys(session)[-1]


def sign_certificate_qr(
    session: Session, clock: Clock, number: str, digest: str, issued: dt.date | None
) -> str:
    """The signed QR text of a certificate (`counter.certificates.rules.signature`)."""
    return sign_payload(_signing_key(session, clock), number, digest, issued)


def rotate_signing_key(session: Session, actor: Actor, clock: Clock) -> PublicKey:
    """Generate a new signing key; earlier public keys stay so older certificates verify."""
    require(session, actor, Perm.ADMIN)
    old = public_keys(session)
    kid, _raw = _new_key(session, clock)
    record(
        session,
        actor,
        clock,
        "signing_key.rotate",
        "settings",
        _PUBLIC,
        before={"key_id": old[-1].key_id if old else ""},
        after={"key_id": kid},
    )
    session.flush()
    return public_keys(session)[-1]


def public_keys_pem(session: Session) -> str:
    """Every public key as PEM, each after a line naming its key id (the current one last)."""
    keys = public_keys(session)
    blocks = []
    for i, k in enumerate(keys):
        state = "current" if i == len(keys) - 1 else f"retired {k.retired:%Y-%m-%d}"
        blocks.append(f"# key id {k.key_id} ({state}, created {k.created:%Y-%m-%d})\n{k.pem}")
    return "".join(blocks)


def export_public_keys(session: Session, clock: Clock) -> str:
    """The PEM text to hand out (the key pair is created first when there is none yet)."""
    ensure_signing_key(session, clock)
    return public_keys_pem(session)
