"""A certificate's content as stored: the JSON import format, compact, read back fast.

The content column holds `certificate_to_dict` as JSON with the fields left at their
default omitted (a reader of the import format fills them in).  It is written by this
program only, so reading it back (`certificate_from_dict`) trusts its shape and is
fast enough to load thousands of certificates per second for a batch check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from counter.certificates.rules import (
    Certificate,
    CertType,
    EnvCondition,
    ResultRow,
    StandardUsed,
    Verdict,
    certificate_to_dict,
)

_TYPES = {t.value: t for t in CertType}
_VERDICTS = {v.value: v for v in Verdict}
#: Values read back before, by what they were read from: a batch repeats few dates, and
#: its certificates list the same standards, conditions and result lines again and again
#: (the objects are frozen, so one may stand for every equal one).  Emptied when large.
_DATES: dict[str, dt.date] = {}
_PARTS: dict[type[Any], dict[tuple[Any, ...], Any]] = {
    EnvCondition: {},
    StandardUsed: {},
    ResultRow: {},
}
_LIMIT = 50_000


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    day = _DATES.get(value)
    if day is None:
        if len(_DATES) > _LIMIT:
            _DATES.clear()
        day = _DATES[value] = dt.date.fromisoformat(value)
    return day


def _parts(kind: type[Any], values: Iterable[dict[str, Any]]) -> tuple[Any, ...]:
    """`kind(**v)` for each of `values`, an equal one read before standing in for it."""
    out = []
    parts = _PARTS[kind]
    for v in values:
        key = (*v, *v.values())  # the names, then the values: equal keys, equal parts
        part = parts.get(key)
        if part is None:
            if len(parts) > _LIMIT:
                parts.clear()
            if kind is StandardUsed and "valid_until" in v:
                v = {**v, "valid_until": _date(v["valid_until"])}
            part = parts[key] = kind(**v)
        out.append(part)
    return tuple(out)


def certificate_from_dict(data: dict[str, Any]) -> Certificate:
    """The inverse of `certificate_to_dict` for content this program stored.

    `data` is consumed: its values are replaced by the converted ones.
    """
    get = data.get
    data["type"] = _TYPES[data["type"]]
    data["verdict"] = _VERDICTS[get("verdict") or "none"]
    for name in _DATE_FIELDS:
        if name in data:
            data[name] = _date(data[name])
    if "environment" in data:
        data["environment"] = _parts(EnvCondition, data["environment"])
    if "standards" in data:
        data["standards"] = _parts(StandardUsed, data["standards"])
    if "results" in data:
        data["results"] = _parts(ResultRow, data["results"])
    if "results_before" in data:
        data["results_before"] = _parts(ResultRow, data["results_before"])
    if "page_numbers" in data:
        data["page_numbers"] = tuple(data["page_numbers"])
    return Certificate(**data)


_DATE_FIELDS = ("received", "performed", "issued", "valid_until")


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
