"""Checking stored certificates in bulk, a page at a time (read only).

For a re-check of everything in the queue after a register changed (a standard's
certificate renewed, an authorisation withdrawn), for reports, and for the
benchmark.  Each page is read with one query (keyset on id), parsed, given one
shared context (`batch_context`) and checked with `check_batch`.

Reading, parsing and checking a page allocate many small objects and hardly any
reference cycles, so the cyclic garbage collector is paused for each page (whatever
cycles there are, it collects after): its passes over every object the program holds
would otherwise cost a fifth of the time.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.certificates.content import certificate_from_json
from counter.certificates.context import Registers, batch_context, load_registers
from counter.certificates.rules import Defect, check_batch
from db.models_certificates import CertificateRecord

PAGE = 500


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_page(
    session: Session,
    registers: Registers,
    today: dt.date,
    *,
    after_id: int = 0,
    limit: int = PAGE,
    statuses: Collection[str] | None = None,
) -> list[tuple[int, list[Defect]]]:
    """(certificate id, its defects) for the next `limit` certificates after `after_id`."""
    query = (
        select(CertificateRecord.id, CertificateRecord.content)
        .where(CertificateRecord.id > after_id)
        .order_by(CertificateRecord.id)
        .limit(limit)
    )
    if statuses is not None:
        query = query.where(CertificateRecord.status.in_(list(statuses)))
    with _gc_paused():
        rows = session.connection().execute(query).all()
        ids = [row[0] for row in rows]
        certs = [certificate_from_json(row[1]) for row in rows]
        ctx = batch_context(session, registers, certs, today, ids)
        checked = list(zip(ids, check_batch(certs, ctx), strict=True))
        del rows, certs, ctx  # freed now, so the collector's next pass need not look at them
    return checked


def check_stored(
    session: Session,
    today: dt.date,
    *,
    statuses: Collection[str] | None = None,
    page: int = PAGE,
) -> Iterator[list[tuple[int, list[Defect]]]]:
    """Every stored certificate (of `statuses`), checked page by page, in id order."""
    registers = load_registers(session)
    after = 0
    while True:
        checked = check_page(
            session, registers, today, after_id=after, limit=page, statuses=statuses
        )
        if not checked:
            return
        yield checked
        after = checked[-1][0]
