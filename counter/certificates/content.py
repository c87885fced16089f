"""A certificate's content as stored: the JSON import format, compact, read back fast.

The content column holds `certificate_to_dict` as JSON with the fields left at their
default omitted (a reader of the import format fills them in).  It is written by this
program only, so reading it back (`certificate_from_json`) trusts its shape: msgspec
decodes it straight into the frozen dataclasses, without the dictionaries in between
(half the time of `json.loads` and building the dataclasses from its dictionaries).
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from counter.certificates.rules import Certificate, certificate_to_dict

_DECODER = msgspec.json.Decoder(Certificate)


def certificate_from_json(content: str | bytes) -> Certificate:
    """The certificate of stored `content` (the inverse of `content_json`)."""
    return _DECODER.decode(content)


def _compact(value: Any) -> Any:
    """Without the values a reader fills in anyway: "", null, false, [] (import format)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if not _is_empty(v)}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _is_empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == []


def content_json(cert: Certificate) -> str:
    """The content as stored: the JSON import format, fields left at their default omitted."""
    data = _compact(certificate_to_dict(cert))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
