"""The rating short code on a handover slip: 8 characters of Crockford base32, shown as
"ABCD-2345"; what a customer types or a scanner reads is normalised before it is looked up."""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U
LENGTH = 8
QR_PREFIX = "RATE-"
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def new_code() -> str:
    """A random code (40 bits): unguessable enough that nobody rates an order not theirs."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """ABCD2345 → ABCD-2345."""
    return f"{code[:4]}-{code[4:]}" if len(code) == LENGTH else code


def qr_text(code: str) -> str:
    """What the slip's QR code holds."""
    return QR_PREFIX + code


def normalise(text: str) -> str:
    """The code in whatever a customer typed or a scanner read; "" if it cannot be one."""
    value = text.strip().upper()
    if value.startswith(QR_PREFIX):
        value = value[len(QR_PREFIX) :]
    value = "".join(_READ_AS.get(ch, ch) for ch in value if ch not in " -_")
    if len(value) != LENGTH or any(ch not in ALPHABET for ch in value):
        return ""
    return value
