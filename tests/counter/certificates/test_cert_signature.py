"""The signed QR payload on its own: what is signed, and what any change does to it."""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter.certificates.rules.signature import (
    PayloadState,
    check_payload,
    key_id,
    sign_payload,
    signed_part,
)

ISSUED = dt.date(2026, 3, 20)


def _key() -> tuple[bytes, dict[str, bytes]]:
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    return private.private_bytes_raw(), {key_id(public): public}


def test_round_trip_gives_back_number_digest_date_and_key() -> None:
    private, keys = _key()
    text = sign_payload(private, "JL-2026-00017", "0123456789ab", ISSUED)
    [kid] = keys
    assert text.startswith(f"JLZS1|JL-2026-00017|0123456789ab|20260320|{kid}|")
    assert len(text.rsplit("|", 1)[1]) == 86 and len(text) < 150
    found = check_payload(text, keys)
    assert found.state is PayloadState.SIGNED
    assert (found.number, found.digest, found.issued, found.key_id) == (
        "JL-2026-00017",
        "0123456789ab",
        ISSUED,
        kid,
    )
    assert check_payload(f"  {text}\n", keys).state is PayloadState.SIGNED  # scanner whitespace


def test_the_signature_covers_everything_before_it() -> None:
    private, keys = _key()
    text = sign_payload(private, "20261000001001", "0123456789ab", ISSUED)
    message, signature = text.rsplit("|", 1)
    [kid] = keys
    assert message == signed_part("20261000001001", "0123456789ab", ISSUED, kid)
    for changed in (
        message.replace("20261000001001", "20261000001002"),
        message.replace("0123456789ab", "0123456789ac"),
        message.replace("20260320", "20260321"),
        message.replace("20260320", "2026032x"),
    ):
        assert check_payload(f"{changed}|{signature}", keys).state is PayloadState.ALTERED
    assert check_payload(f"{message}|{signature[:-2]}", keys).state is PayloadState.ALTERED
    assert check_payload(f"{message}|!!not base64!!", keys).state is PayloadState.ALTERED


def test_another_key_or_format_is_not_ours() -> None:
    private, _keys = _key()
    _other, theirs = _key()
    text = sign_payload(private, "N1", "0123456789ab", None)
    assert check_payload(text, theirs).state is PayloadState.NOT_OURS
    assert check_payload("", theirs).state is PayloadState.NOT_OURS
    assert check_payload("JLZS2|N1|d|20260101|k|s", theirs).state is PayloadState.NOT_OURS
    assert check_payload("20261000001002", theirs).state is PayloadState.NOT_OURS
    legacy = check_payload("CERT:20261000001001:0123456789ab", theirs)
    assert (legacy.state, legacy.number, legacy.digest) == (
        PayloadState.LEGACY,
        "20261000001001",
        "0123456789ab",
    )


def test_a_number_holding_the_separator_still_reads_back() -> None:
    private, keys = _key()
    found = check_payload(sign_payload(private, "A|B", "0123456789ab", None), keys)
    assert (found.state, found.number, found.issued) == (PayloadState.SIGNED, "A|B", None)
