"""Whether a recipient can be reached: mainland phone numbers and e-mail addresses.

A customer's phone field may hold several numbers ("0635-8888888 / 138 0013 8000");
the first usable one is taken.  Numbers come out as digits only (an extension after
"转" is kept for calls).
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

_SEPARATORS = re.compile(r"[,，;；/、|]+")
_NOISE = re.compile(r"[\s\-()（）]")
_PREFIX = re.compile(r"^(\+86|0086|86)(?=1\d{10}$)")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}|[48]00\d{7}")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _numbers(text: str) -> list[tuple[str, str]]:
    """(digits, extension) of each way to read a number in `text`, in order: each
    separated part whole, then runs of its space-separated pieces ("0635-8888888 139…")."""
    found = []
    for part in _SEPARATORS.split(text):
        number, _sep, extension = part.partition("转")
        pieces = number.split()
        runs = [number] + [
            "".join(pieces[i:j])
            for i in range(len(pieces))
            for j in range(i + 1, min(len(pieces), i + 4) + 1)
            if j - i < len(pieces)
        ]
        for run in runs:
            digits = _PREFIX.sub("", _NOISE.sub("", run))
            if digits:
                found.append((digits, _NOISE.sub("", extension)))
    return found


def mobile_number(text: str) -> str | None:
    """The first mainland mobile number in `text` (11 digits), or None."""
    for digits, _extension in _numbers(text):
        if _MOBILE.fullmatch(digits):
            return digits
    return None


def phone_number(text: str) -> str | None:
    """The first mainland mobile or landline number in `text` (extension after "转"), or None."""
    for digits, extension in _numbers(text):
        if _MOBILE.fullmatch(digits):
            return digits
        if _LANDLINE.fullmatch(digits):
            return f"{digits}转{extension}" if extension.isdigit() else digits
    return None


def email_address(text: str) -> str | None:
    """`text` as an address a mail client accepts, or None."""
    text = text.strip()
    if not _EMAIL.fullmatch(text) or ".." in text or len(text) > 254:
        return None
    local, _at, domain = text.rpartition("@")
    if (
        local.startswith(".")
        or local.endswith(".")
        or any(label.startswith("-") or label.endswith("-") for label in domain.split("."))
    ):
        return None
    try:
        Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError):
        return None
    return text
