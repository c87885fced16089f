"""Certificates: the whole defect check over certificates read from the database, and a PDF.

Both run on the scratch copy of the dataset (on PostgreSQL: on the dataset, inside a
transaction rolled back at the end, `benchmarks.context.RolledBackDatabase`).  Once per
run the registers are set up there (regulations from the catalogue, the sample standards,
the sample people, three signatories authorised for every instrument type used) and
5,000 certificates are written for the dataset's newest items: the corpus of every
document type and defect kind (`benchmarks.cert_corpus`) in turn, each bound to its item's
intake record.

- ``cert_check_per_s``: `counter.certificates.batch.check_stored`: certificates read back
  in pages of 500 (keyset on id; on PostgreSQL, of the status awaiting review only, their
  ids listed once and read 500 at a time), parsed, cross-checked against intake, catalogue,
  regulations, standards, authorisations, people and the numbers in use (one
  `batch_context` per page) and checked (`check_batch`), in one read session;
  certificates per second of the FIRST pass (nothing warmed up before it).  On
  PostgreSQL the dataset already holds a year of passed certificates (the statistics'
  lab history): the pass checks the certificates awaiting review, the benchmark's 5,000.  The median
  of later passes is reported as ``cert_check_repeat_per_s``.
- ``cert_pdf_ms``: `print_data` + `render_certificate` of one 3-page certificate
  (50 result lines), median.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from benchmarks.cert_corpus import Corpus
from benchmarks.context import Bench, Case
from benchmarks.dataset import BENCH_USER, NOW
from benchmarks.measure import Metric, median, ms, time_repeat
from counter.admin.rules.roles import Actor
from counter.certificates.batch import check_stored
from counter.certificates.content import content_json
from counter.certificates.context import intake_records
from counter.certificates.registers import (
    AuthorisationForm,
    StandardForm,
    grant_authorisation,
    save_standard,
    seed_registers,
)
from counter.certificates.rules.sample_certificates import (
    long_certificate,
)
from counter.certificates.rules.samples import PERSONS, STANDARDS, sample_context
from counter.certificates.rules.to_print import print_data
from counter.certificates.store import CertStatus
from counter.clock import FixedClock, local_date
from counter.demo import DEMO_SETTINGS
from counter.intake.catalog import list_types
from counter.intake.documents import institute_info
from db.engine import Database
from db.models import Item, User
from db.models_certificates import CertificateRecord
from printing.certificate import render_certificate

N_CERTS, PAGE, RUNS, PDF_RUNS = 5000, 500, 5, 20
AWAITING = CertStatus.AWAITING_REVIEW.value


def _people(session: Session, clock: FixedClock) -> None:
    names = {p.id: p.name for p in PERSONS}
    have = set(session.scalars(select(User.username).where(User.username.in_(names))))
    for username in names:
        if username not in have:
            session.add(User(username=username, full_name=names[username], password_hash="-",
                             roles="lab", active=True, created_at=clock.now()))  # fmt: skip
    session.flush()


def _setup(bench: Bench, database: Database, clock: FixedClock) -> list[int]:
    """Registers, signatories and the benchmark's certificates; their ids in id order."""
    admin: Actor = bench.actor(database, BENCH_USER)
    with database.action() as session:
        seed_registers(session)
        _people(session, clock)
        for s in STANDARDS:
            form = StandardForm(
                s.id, s.name, s.range, s.accuracy, s.certificate_number, s.valid_until
            )
            save_standard(session, admin, clock, form)
        types = {t.name: t for t in list_types(session)}
        corpus = Corpus()
        kinds = [types[name].id for name in corpus.instrument_types]
        newest = (
            select(Item.number).where(Item.type_id.in_(kinds)).order_by(Item.id.desc())
        ).limit(N_CERTS)
        numbers = list(session.scalars(newest))
        records = [r for k in range(0, len(numbers), PAGE)
                   for r in intake_records(session, numbers[k:k + PAGE])]  # fmt: skip
        people = select(User.username, User.id).where(User.username.in_([p.id for p in PERSONS]))
        users = {name: uid for name, uid in session.execute(people)}
        for person, kind, until in corpus.authorisations():
            grant_authorisation(session, admin, clock, AuthorisationForm(
                users[person], types[kind].id, until))  # fmt: skip
        item_ids: dict[str, int] = {}
        for k in range(0, len(numbers), PAGE):
            chunk = select(Item.number, Item.id).where(Item.number.in_(numbers[k : k + PAGE]))
            item_ids.update((n, i) for n, i in session.execute(chunk))
        now = clock.now()
        rows = []
        for record in records:
            cert = corpus.certificate(record)
            row = {
                "number": cert.number,
                "item_id": item_ids[record.item_number],
                "type": cert.type.value,
                "status": CertStatus.AWAITING_REVIEW.value,
                "content": content_json(cert),
                "revision": 1,
                "performed": cert.performed,
                "issued": cert.issued,
                "valid_until": cert.valid_until,
                "verdict": cert.verdict.value,
                "regulation": cert.regulation,
                "record_number": cert.record_number,
                "verifier": cert.verifier,
                "checker": cert.checker,
                "approver": cert.approver,
                "page_count": 3,
                "digest": "",
                "check_seq": 0,
                "blocking_count": 0,
                "warning_count": 0,
                "created_by_id": admin.id,
                "created_at": now,
                "updated_at": now,
                "amendment_reason": "",
                "void_reason": "",
            }
            rows.append(row)
        session.execute(insert(CertificateRecord), rows)
        mine = select(CertificateRecord.id).where(CertificateRecord.status == AWAITING)
        return list(session.scalars(mine.order_by(CertificateRecord.id)))


def _check_all(
    database: Database, today: dt.date, statuses: tuple[str, ...] | None = None
) -> tuple[int, Counter[str], int]:
    """Read every certificate (of `statuses`) page by page and check it: (certificates,
    defects by code, certificates without a defect)."""
    checked, found, clean = 0, Counter[str](), 0
    with database.session() as session:
        for page in check_stored(session, today, page=PAGE, statuses=statuses):
            checked += len(page)
            found.update(d.code for _id, defects in page for d in defects)
            clean += sum(1 for _id, defects in page if not defects)
    return checked, found, clean


def certificates(bench: Bench) -> Iterator[Metric]:
    with bench.scratch_database() as database:
        clock = FixedClock(NOW + dt.timedelta(hours=3))
        ids = _setup(bench, database, clock)
        today = local_date(clock.now())
        # on PostgreSQL the lab history's passed certificates are left out
        statuses = (AWAITING,) if bench.engine == "postgresql" else None
        start = time.perf_counter()
        checked, found, clean = _check_all(database, today, statuses)  # the first pass: cold
        first = checked / (time.perf_counter() - start)
        with database.session() as session:
            contents = select(func.count(func.distinct(CertificateRecord.content))).where(
                CertificateRecord.status == AWAITING
            )
            distinct = session.scalar(contents)
        yield Metric("cert_check_per_s", round(first), "1/s", note="first pass over the corpus",
                     extra=(("certificates", len(ids)), ("page", PAGE),
                            ("distinct_contents", distinct), ("templates", len(Corpus().templates)),
                            ("clean", clean), ("defect_kinds", len(found)),
                            ("defects_found", sum(found.values()))))  # fmt: skip
        rates = []
        for _ in range(RUNS):
            start = time.perf_counter()
            checked, _found, _clean = _check_all(database, today, statuses)
            rates.append(checked / (time.perf_counter() - start))
        yield Metric("cert_check_repeat_per_s", round(median(rates)), "1/s",
                     note=f"median of {RUNS} later passes (caches warm)")  # fmt: skip
    ctx = sample_context()
    institute = institute_info(DEMO_SETTINGS)

    def pdf() -> int:
        data = print_data(long_certificate(), institute, ctx.persons, ctx.regulations)
        return render_certificate(data).page_count

    pages = pdf()
    times = time_repeat(pdf, PDF_RUNS, warmup=2)
    yield Metric("cert_pdf_ms", round(ms(median(times)), 1), "ms",
                 extra=(("pages", pages), ("runs", PDF_RUNS),
                        ("max_ms", round(ms(max(times)), 1))))  # fmt: skip


CASES = (
    Case(
        "certificates",
        ("cert_check_per_s", "cert_check_repeat_per_s", "cert_pdf_ms"),
        certificates,
        postgresql=True,
    ),
)
