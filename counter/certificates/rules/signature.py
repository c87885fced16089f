"""The signed QR payload of a certificate (pure: no database, no I/O).

    JLZS1|<number>|<digest>|<issued YYYYMMDD or "">|<key id>|<signature>

The signature is Ed25519 over the UTF-8 bytes of the payload up to, not including,
the last "|" (`signed_part`); it is written base64url without padding (86
characters).  The key id is the first 8 hex digits of the SHA-256 of the raw
32-byte public key.  See docs/certificate-qr.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "JLZS1"
LEGACY_PREFIX = "CERT:"
_FIELDS = 6  # prefix, number, digest, issued, key id, signature


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:8]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _day(issued: dt.date | None) -> str:
    return issued.strftime("%Y%m%d") if issued is not None else ""


def signed_part(number: str, digest: str, issued: dt.date | None, kid: str) -> str:
    return "|".join((PREFIX, number, digest, _day(issued), kid))


def sign_payload(private_raw: bytes, number: str, digest: str, issued: dt.date | None) -> str:
    """The whole QR text: the signed part, "|" and the signature."""
    key = Ed25519PrivateKey.from_private_bytes(private_raw)
    kid = key_id(key.public_key().public_bytes_raw())
    message = signed_part(number, digest, issued, kid)
    return f"{message}|{b64url(key.sign(message.encode('utf-8')))}"


class PayloadState(enum.StrEnum):
    SIGNED = "signed"  # the signature checks out with one of our keys
    NOT_OURS = "not_ours"  # not our format, or a key we never had
    LEGACY = "legacy"  # an unsigned "CERT:<number>:<digest>" of before signing
    ALTERED = "altered"  # our format and key, but the signature does not match


@dataclass(frozen=True)
class PayloadCheck:
    state: PayloadState
    number: str = ""
    digest: str = ""
    issued: dt.date | None = None
    key_id: str = ""


def _parse_day(text: str) -> dt.date | None:
    if not text:
        return None
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def check_payload(text: str, public_keys: Mapping[str, bytes]) -> PayloadCheck:
    """What the scanned text says and whether one of `public_keys` (by key id) signed it."""
    text = text.strip()
    if text.startswith(LEGACY_PREFIX):
        number, _sep, digest = text[len(LEGACY_PREFIX) :].rpartition(":")
        return PayloadCheck(PayloadState.LEGACY, number, digest)
    parts = text.split("|")
    if len(parts) < _FIELDS or parts[0] != PREFIX:
        return PayloadCheck(PayloadState.NOT_OURS)
    # the number sits in the middle: whatever it holds, the other fields are counted from the ends
    number = "|".join(parts[1 : len(parts) - 4])
    digest, day, kid, signature = parts[-4:]
    try:
        issued = _parse_day(day)
    except ValueError:
        return PayloadCheck(PayloadState.ALTERED, number, digest, key_id=kid)
    found = PayloadCheck(PayloadState.SIGNED, number, digest, issued, kid)
    public = public_keys.get(kid)
    if public is None:
        return PayloadCheck(PayloadState.NOT_OURS, number, digest, issued, kid)
    message = text[: text.rfind("|")].encode("utf-8")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(unb64url(signature), message)
    except (InvalidSignature, ValueError):
        return PayloadCheck(PayloadState.ALTERED, number, digest, issued, kid)
    return found
