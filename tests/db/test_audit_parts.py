"""The canonical bytes of an audit row, cut for the database to hash, join up exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from db.models import AuditEntry
from db.models_audit import canonical, canonical_parts

AT = dt.datetime(2026, 11, 23, 1, 30, 0, 123456, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "text",
    ["", "普通", 'a "quoted" \\ key', '"prev_hash":"x","seq":1,', "tab\there\nline", "\u2028ü"],
)
@pytest.mark.parametrize("key_cut", [False, True])
def test_the_parts_join_up_to_the_canonical_bytes(text: str, key_cut: bool) -> None:
    key = "20261000042" if key_cut else text
    entry = AuditEntry(
        at=AT,
        user_id=None if text else 7,
        action="order.create",
        entity="order",
        entity_key=key,
        before=text,
        after=f'{{"customer": "{text}"}}',
        reason=text,
    )
    prev, seq = "ab" * 32, 123456789012
    p1, p2, p3, p4 = canonical_parts(entry, key_cut=key_cut)
    joined = p1 + (key.encode() if key_cut else b"") + p2 + prev.encode() + p3
    joined += str(seq).encode() + p4
    expected = canonical(
        seq=seq,
        at=AT,
        user_id=entry.user_id,
        action=entry.action,
        entity=entry.entity,
        entity_key=key,
        before=entry.before,
        after=entry.after,
        reason=entry.reason,
        prev_hash=prev,
    )
    assert joined == expected
