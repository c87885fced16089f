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
_DATES: dict[str, dt.date] = {}  # a batch repeats few dates: parse each once


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    day = _DATES.get(value)
    if day is None:
        if len(_DATES) > 50_000:
            _DATES.clear()
        day = _DATES[value] = dt.date.fromisoformat(value)
    return day


def _rows(values: Iterable[dict[str, Any]]) -> tuple[ResultRow, ...]:
    return tuple([ResultRow(**v) for v in values])


def certificate_from_dict(data: dict[str, Any]) -> Certificate:
    """The inverse of `certificate_to_dict` for content this program stored."""
    get = data.get
    return Certificate(
        **{k: v for k, v in data.items() if k not in _CONVERTED},
        type=_TYPES[data["type"]],
        verdict=_VERDICTS[get("verdict") or "none"],
        received=_date(get("received")),
        performed=_date(get("performed")),
        issued=_date(get("issued")),
        valid_until=_date(get("valid_until")),
        environment=tuple([EnvCondition(**e) for e in get("environment", ())]),
        standards=tuple(
            [
                StandardUsed(**{**s, "valid_until": _date(s.get("valid_until"))})
                for s in get("standards", ())
            ]
        ),
        results=_rows(get("results", ())),
        results_before=_rows(get("results_before", ())),
        page_numbers=tuple(get("page_numbers", ())),
    )


_CONVERTED = frozenset(
    {
        "type", "verdict", "received", "performed", "issued", "valid_until", "environment",
        "standards", "results", "results_before", "page_numbers",
    }
)  # fmt: skip


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
