"""Save the certificates that left with a release, without holding the database while rendering.

Rendering a certificate takes tens of milliseconds; doing it for every item of a release
inside one transaction (`documents.release_certificates`) kept the counter frozen and the
database locked for over a second.  Here the work comes in three steps:

1. `plan_export` — one short read: each certificate's stored PDF when it is still current,
   else what to print (the data, its digest and the signed QR text);
2. `render_planned` — no session at all: renders what the plan says, reporting progress;
3. `store_rendered` — one short write: keeps each new PDF as the certificate's next version,
   unless the certificate changed meanwhile (refused: nothing is stored, export again) or
   another counter stored the same version first (theirs is used).

`export_release_certificates` runs the three; it is what a screen calls off the UI thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.print_fonts import printing_fonts
from counter.admin.settings import InstituteSettings, load_settings
from counter.certificates.pdf import latest_pdf, print_certificate_data, store_pdf_version
from counter.certificates.signing_keys import (
    ensure_signing_key,
    public_keys,
    sign_certificate_qr,
)
from counter.certificates.store import CertStatus, certificate_of, get_certificate
from counter.clock import Clock
from counter.errors import CounterError
from counter.i18n import _
from counter.release.documents import get_release
from counter.session import read, run_action
from db.engine import Database
from db.models_certificates import CertificatePdf, CertificateRecord
from printing.certificate import RenderedCertificate, certificate_digest, render_certificate
from printing.certificate_data import CertificatePrint

#: progress(done, total, text), as `ui.common.worker` hands it to background work
Progress = Callable[[int, int, str], None]

_FINAL = (CertStatus.SUPERSEDED, CertStatus.VOIDED)


@dataclass(frozen=True)
class ToRender:
    """A certificate whose stored PDF is missing or out of date, as it stood when planned."""

    number: str
    certificate_id: int
    revision: int
    status: str
    digest: str  # of what is printed (`printing.certificate.certificate_digest`)
    data: CertificatePrint  # with the signed QR text


@dataclass(frozen=True)
class ExportPlan:
    release_number: str
    numbers: tuple[str, ...]  # every certificate of the release, in the release's order
    stored: dict[str, bytes]  # number -> its current stored PDF
    to_render: tuple[ToRender, ...]
    fonts: InstituteSettings
    needs_key: bool = False  # something to sign, and the institute has no signing key yet


@dataclass(frozen=True)
class ExportResult:
    release_number: str
    pdfs: list[tuple[str, bytes]]  # (certificate number, PDF) in the release's order
    rendered: int  # how many were rendered now (and stored as new versions)


def _current(row: CertificateRecord, latest: CertificatePdf | None, digest: str) -> bool:
    return (
        latest is not None
        and latest.digest == digest
        and latest.revision == row.revision
        and bool(latest.font_fingerprint)
    )


def plan_export(session: Session, clock: Clock, release_id: int) -> ExportPlan:
    """What to save for the release: stored PDFs, and what must be rendered first (reads only)."""
    release = get_release(session, release_id)
    numbers = tuple(ri.certificate_number for ri in release.items if ri.certificate_number)
    rows = session.scalars(select(CertificateRecord).where(CertificateRecord.number.in_(numbers)))
    by_number = {row.number: row for row in rows}
    can_sign = bool(public_keys(session))
    stored: dict[str, bytes] = {}
    to_render: list[ToRender] = []
    for number in numbers:
        row = by_number.get(number)
        if row is None:
            continue
        latest = latest_pdf(session, row.id)
        if latest is not None and row.status in _FINAL:
            stored[number] = latest.pdf
            continue
        data = print_certificate_data(session, certificate_of(row))
        digest = certificate_digest(data)
        if latest is not None and _current(row, latest, digest):
            stored[number] = latest.pdf
            continue
        signed = (
            sign_certificate_qr(session, clock, number, digest, data.issued) if can_sign else ""
        )
        to_render.append(ToRender(number, row.id, row.revision, row.status, digest,
                                  dataclasses.replace(data, qr_text=signed)))  # fmt: skip
    return ExportPlan(
        release.number,
        tuple(n for n in numbers if n in by_number),
        stored,
        tuple(to_render),
        load_settings(session),
        needs_key=bool(to_render) and not can_sign,
    )


def render_planned(plan: ExportPlan, progress: Progress | None = None) -> list[RenderedCertificate]:
    """Render what the plan says must be rendered, in no database session."""
    if plan.needs_key:
        raise ValueError("unsigned plan: make the signing key first, then plan again")
    total = len(plan.to_render)
    rendered: list[RenderedCertificate] = []
    with printing_fonts(plan.fonts):
        for done, todo in enumerate(plan.to_render):
            if progress is not None:
                progress(done, total, _("正在生成证书 {number}（{done}/{total}）").format(
                    number=todo.number, done=done + 1, total=total))  # fmt: skip
            rendered.append(render_certificate(todo.data))
    if progress is not None:
        progress(total, total, "")
    return rendered


def store_rendered(
    session: Session, clock: Clock, plan: ExportPlan, rendered: Sequence[RenderedCertificate]
) -> list[tuple[str, bytes]]:
    """Keep each rendered PDF as the certificate's next version; every PDF of the release."""
    pdfs = dict(plan.stored)
    for todo, new in zip(plan.to_render, rendered, strict=True):
        row = get_certificate(session, todo.certificate_id)
        digest = certificate_digest(print_certificate_data(session, certificate_of(row)))
        if (row.revision, row.status, digest) != (todo.revision, todo.status, todo.digest):
            raise CounterError(
                _("证书 {number} 在导出期间被修改，没有保存任何文件，请重新导出。").format(
                    number=todo.number
                )
            )
        latest = latest_pdf(session, row.id)
        if latest is not None and _current(row, latest, digest):
            pdfs[todo.number] = latest.pdf  # another counter stored this version first
            continue
        store_pdf_version(session, clock, row, new)
        pdfs[todo.number] = new.pdf
    session.flush()
    return [(n, pdfs[n]) for n in plan.numbers if n in pdfs]


def export_release_certificates(
    database: Database, clock: Clock, release_id: int, progress: Progress | None = None
) -> ExportResult:
    """Every certificate PDF of the release: read briefly, render outside, store briefly."""
    plan = read(database, lambda s: plan_export(s, clock, release_id))
    if plan.needs_key:  # the institute's first signature: the key is made in its own write
        run_action(database, lambda s: ensure_signing_key(s, clock))
        plan = read(database, lambda s: plan_export(s, clock, release_id))
    rendered = render_planned(plan, progress) if plan.to_render else []
    if not rendered:
        return ExportResult(plan.release_number, [(n, plan.stored[n]) for n in plan.numbers], 0)
    pdfs = run_action(database, lambda s: store_rendered(s, clock, plan, rendered))
    return ExportResult(plan.release_number, pdfs, len(rendered))
