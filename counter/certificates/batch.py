"""Checking stored certificates in bulk, a page at a time (read only).

For a re-check of everything in the queue after a register changed (a standard's
certificate renewed, an authorisation withdrawn), for reports, and for the
benchmark.  Each page is read with one query (keyset on id, or the page's ids when only
some statuses are checked), parsed, given one shared context (`batch_context`) and
checked with `check_batch`.

Reading, parsing and checking a page allocate many small objects and hardly any
reference cycles, so the cyclic garbage collector is paused for each page (whatever
cycles there are, it collects after): its passes over every object the program holds
would otherwise cost a fifth of the time.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from counter.certificates.content import certificate_from_json
from counter.certificates.context import Registers, among, batch_context, listed, load_registers
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


def _check_rows(
    session: Session,
    registers: Registers,
    today: dt.date,
    query: Select[int, str],
    params: dict[str, object],
) -> list[tuple[int, list[Defect]]]:
    """(certificate id, its defects) for the (id, content) rows of `query`."""
    with _gc_paused():
        rows = session.connection().execute(query, params).all()
        ids = [row[0] for row in rows]
        certs = [certificate_from_json(row[1]) for row in rows]
        ctx = batch_context(session, registers, certs, today, ids)
        checked = list(zip(ids, check_batch(certs, ctx), strict=True))
        del rows, certs, ctx  # freed now, so the collector's next pass need not look at them
    return checked


def check_page(
    session: Session,
    registers: Registers,
    today: dt.date,
    *,
    after_id: int = 0,
    limit: int = PAGE,
) -> list[tuple[int, list[Defect]]]:
    """(certificate id, its defects) for the next `limit` certificates after `after_id`."""
    query = (
        select(CertificateRecord.id, CertificateRecord.content)
        .where(CertificateRecord.id > after_id)
        .order_by(CertificateRecord.id)
        .limit(limit)
    )
    return _check_rows(session, registers, today, query, {})


@functools.cache
def _listed_query(dialect: str) -> Select[int, str]:
    return (
        select(CertificateRecord.id, CertificateRecord.content)
        .where(
            among(CertificateRecord.id, "ids", dialect),
            CertificateRecord.status.in_(bindparam("statuses", expanding=True)),
        )
        .order_by(CertificateRecord.id)
    )


def check_listed(
    session: Session,
    registers: Registers,
    today: dt.date,
    ids: Sequence[int],
    statuses: Collection[str],
) -> list[tuple[int, list[Defect]]]:
    """(certificate id, its defects) for those of `ids` still of `statuses`, in id order."""
    dialect = session.connection().dialect.name
    params = {"ids": listed(ids, dialect), "statuses": list(statuses)}
    return _check_rows(session, registers, today, _listed_query(dialect), params)


def check_stored(
    session: Session,
    today: dt.date,
    *,
    statuses: Collection[str] | None = None,
    page: int = PAGE,
) -> Iterator[list[tuple[int, list[Defect]]]]:
    """Every stored certificate (of `statuses`), checked page by page, in id order.

    All certificates are read a page at a time after the last page's id.  Of some statuses
    only, the ids of those certificates when the pass starts are listed first and read
    `page` of them at a time: PostgreSQL's status index does not give them in id order,
    so each keyset page read and sorted every certificate still to come."""
    registers = load_registers(session)
    if statuses is not None:
        wanted = list(statuses)
        of_status = CertificateRecord.status.in_(wanted)
        query = select(CertificateRecord.id).where(of_status).order_by(CertificateRecord.id)
        ids = list(session.scalars(query))
        for k in range(0, len(ids), page):
            checked = check_listed(session, registers, today, ids[k : k + page], wanted)
            if checked:
                yield checked
        return
    after = 0
    while True:
        checked = check_page(session, registers, today, after_id=after, limit=page)
        if not checked:
            return
        yield checked
        after = checked[-1][0]
