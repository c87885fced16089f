"""Certificates back to the JSON import format (docs/certificate-json.md).

`parse_certificates(certificates_to_json(certs))` gives the same certificates back
(the final check is the app's own record and is not part of the format).  The same
canonical form is what a stored copy or a digest of the content is taken from.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from counter.certificates.rules.model import Certificate

_NOT_EXPORTED = frozenset({"final_check"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value  # str (incl. StrEnum), bool, int, None


def certificate_to_dict(cert: Certificate) -> dict[str, Any]:
    """The certificate as a JSON object of the import format (every field written)."""
    return {
        f.name: _plain(getattr(cert, f.name)) for f in fields(cert) if f.name not in _NOT_EXPORTED
    }


def certificates_to_json(certs: Sequence[Certificate], indent: int | None = 2) -> bytes:
    """`{"certificates": [...]}` as UTF-8 JSON."""
    doc = {"certificates": [certificate_to_dict(c) for c in certs]}
    return json.dumps(doc, ensure_ascii=False, indent=indent).encode("utf-8")


def canonical_json(cert: Certificate) -> bytes:
    """Sorted keys, no whitespace: equal content gives equal bytes."""
    return json.dumps(
        certificate_to_dict(cert), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
