"""What a release writes on the ledger, and the next due dates computed again.

`record_verifications` runs inside the release's transaction (`counter.release.handover`):
for every released item linked to a ledger entry and holding a certificate that passed
the final check, the entry takes the verification date, the result, the certificate
number and its valid-until, and its next due date is computed again.  An older
certificate never overwrites a newer verification already on the entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.archive.ledger import recompute_due
from counter.archive.rules.ledger_form import due_after
from counter.clock import Clock
from db.models import Instrument, InstrumentType, Item
from db.models_certificates import CertificateRecord

_RESULTS = {"pass": "pass", "fail": "fail"}
_BATCH = 5000


def record_verifications(session: Session, clock: Clock, item_ids: Sequence[int]) -> int:
    """Record each item's latest passed certificate on its ledger entry; how many entries."""
    ids = list(item_ids)
    if not ids:
        return 0
    latest = (
        select(func.max(CertificateRecord.id))
        .where(CertificateRecord.item_id.in_(ids), CertificateRecord.status == "passed")
        .group_by(CertificateRecord.item_id)
    )
    rows = session.execute(
        select(Item.instrument_id, CertificateRecord)
        .join(Item, Item.id == CertificateRecord.item_id)
        .where(CertificateRecord.id.in_(latest), Item.instrument_id.is_not(None))
        .order_by(CertificateRecord.performed, CertificateRecord.id)
    ).all()
    now = clock.now()
    touched: set[int] = set()
    for instrument_id, cert in rows:
        entry = session.get(Instrument, instrument_id)
        performed = cert.performed or cert.issued
        if entry is None or performed is None:
            continue
        if entry.last_verified is not None and entry.last_verified > performed:
            continue
        entry.last_verified = performed
        entry.last_result = _RESULTS.get(cert.verdict, "")
        entry.last_certificate = cert.number
        entry.valid_until = cert.valid_until
        recompute_due(entry)
        entry.updated_at = now
        touched.add(entry.id)
    session.flush()
    return len(touched)


def rebuild_due(session: Session, clock: Clock) -> int:
    """Compute every entry's next due date again (after the catalogue's periods changed);
    how many changed.  Audited as one system action."""
    changed = 0
    last_id = 0
    while True:
        rows = session.execute(
            select(
                Instrument.id,
                Instrument.last_verified,
                Instrument.valid_until,
                Instrument.last_result,
                Instrument.next_due,
                InstrumentType.period_months,
            )
            .join(InstrumentType, InstrumentType.id == Instrument.type_id)
            .where(Instrument.id > last_id)
            .order_by(Instrument.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        last_id = rows[-1].id
        updates = []
        for row in rows:
            due = due_after(row.last_verified, row.last_result, row.period_months, row.valid_until)
            if due != row.next_due:
                updates.append({"id": row.id, "next_due": due})
        if updates:
            session.execute(update(Instrument), updates)
            changed += len(updates)
    record(
        session,
        None,
        clock,
        "ledger.rebuild_due",
        "instrument",
        "*",
        after={"changed": changed},
    )
    return changed
