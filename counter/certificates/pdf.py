"""A certificate's PDF: rendered from its content, every version kept.

`certificate_pdf` renders the certificate as it stands and stores the PDF as a new
version when what is printed changed (same content, same PDF: the stored one is
returned).  A superseded or voided certificate is never rendered again: its last
PDF is the one that left the house.  Each version records the font it was drawn with;
one that records none (made before fonts were glyph-checked, perhaps with blanks where
digits belong) is rendered again when next shown or released, the old row kept.  The QR
code carries the number, the content digest and the issue date signed with the
institute's key (`counter.certificates.signing_keys`).
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.admin.print_fonts import printing_fonts
from counter.admin.settings import load_settings
from counter.certificates.context import load_certificate_settings
from counter.certificates.rules import Certificate, CheckContext, Person, Regulation
from counter.certificates.rules.to_print import print_data
from counter.certificates.rules.values import norm_regulation
from counter.certificates.signing_keys import sign_certificate_qr
from counter.certificates.store import CertStatus, certificate_of, get_certificate
from counter.clock import Clock, SystemClock
from counter.intake.documents import institute_info
from db.models import User
from db.models_certificates import CertificatePdf, CertificateRecord, RegulationEntry
from printing.certificate import RenderedCertificate, certificate_digest, render_certificate
from printing.certificate_data import CertificatePrint


def print_certificate_data(
    session: Session, cert: Certificate, ctx: CheckContext | None = None
) -> CertificatePrint:
    """What is printed: people by name, the regulation with its title, the institute."""
    if ctx is not None and ctx.persons is not None and ctx.regulations is not None:
        persons, regulations = ctx.persons, ctx.regulations
    else:
        names = {p.strip() for p in (cert.verifier, cert.checker, cert.approver) if p.strip()}
        persons = {
            u: Person(u, full)
            for u, full in session.execute(
                select(User.username, User.full_name).where(User.username.in_(names))
            )
        }
        regulations = {
            norm_regulation(r.code): Regulation(r.code, r.title)
            for r in session.scalars(select(RegulationEntry))
        }
    return print_data(
        cert,
        institute_info(load_settings(session)),
        persons,
        regulations,
        contacts=load_certificate_settings(session).contacts,
    )


def latest_pdf(session: Session, certificate_id: int) -> CertificatePdf | None:
    query = (
        select(CertificatePdf)
        .where(CertificatePdf.certificate_id == certificate_id)
        .order_by(CertificatePdf.version.desc())
        .limit(1)
    )
    return session.scalar(query)


def pdf_versions(session: Session, certificate_id: int) -> list[CertificatePdf]:
    """Every stored version, oldest first."""
    query = (
        select(CertificatePdf)
        .where(CertificatePdf.certificate_id == certificate_id)
        .order_by(CertificatePdf.version)
    )
    return list(session.scalars(query))


def certificate_pdf(session: Session, certificate_id: int, clock: Clock | None = None) -> bytes:
    """The certificate's PDF; rendered and stored as a new version when the print changed,
    or when the stored one does not record a glyph-checked font (it may show blanks)."""
    row = get_certificate(session, certificate_id)
    latest = latest_pdf(session, row.id)
    if latest is not None and row.status in (CertStatus.SUPERSEDED, CertStatus.VOIDED):
        return latest.pdf
    data = print_certificate_data(session, certificate_of(row))
    digest = certificate_digest(data)
    if (
        latest is not None
        and latest.digest == digest
        and latest.revision == row.revision
        and latest.font_fingerprint
    ):
        return latest.pdf
    clock = clock or SystemClock()
    signed = sign_certificate_qr(session, clock, data.number, digest, data.issued)
    with printing_fonts(load_settings(session)):
        rendered = render_certificate(dataclasses.replace(data, qr_text=signed))
    store_pdf_version(session, clock, row, rendered)
    session.flush()
    return rendered.pdf


def store_pdf_version(
    session: Session, clock: Clock, row: CertificateRecord, rendered: RenderedCertificate
) -> None:
    """Keep a rendering as the certificate's next PDF version; the QR digest follows it."""
    version = (
        session.scalar(
            select(func.max(CertificatePdf.version)).where(CertificatePdf.certificate_id == row.id)
        )
        or 0
    ) + 1
    session.add(
        CertificatePdf(
            certificate_id=row.id,
            version=version,
            revision=row.revision,
            pdf=rendered.pdf,
            digest=rendered.digest,
            page_count=rendered.page_count,
            created_at=clock.now(),
            font_family=rendered.font_family,
            font_fingerprint=rendered.font_fingerprint,
        )
    )
    row.digest = rendered.digest
