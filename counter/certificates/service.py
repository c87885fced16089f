"""Lab staff's side of certificates: save (from the form), reissue, void.

`save_certificate` proposes what the rules let the program propose (the number,
the received date from intake, valid-until from the catalogue's period, the page
count from the printed layout), runs the whole defect check against the database's
registers, stores the findings and moves the item along its life.  It works in the
caller's transaction and never commits.  The JSON import is in
`counter.certificates.imports`, the supervisor's side in `counter.certificates.review`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.print_fonts import printing_fonts
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import load_settings
from counter.certificates.context import Registers, batch_context, load_registers, numbers_in_use
from counter.certificates.pdf import print_certificate_data
from counter.certificates.rules import (
    Certificate,
    CertType,
    CheckContext,
    Defect,
    Verdict,
    check_certificate,
    propose_valid_until,
    reissue_number,
)
from counter.certificates.rules.values import base_number
from counter.certificates.store import (
    EDITABLE,
    LIVE,
    CertStatus,
    cert_status_label,
    certificate_of,
    copy_indexed,
    get_certificate,
    move_item,
    store_defects,
)
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.intake.numbering import classify, new_certificate_number
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Item
from db.models_certificates import CertificateRecord
from printing.certificate import render_certificate


@dataclass(frozen=True)
class SavedCertificate:
    certificate_id: int
    number: str
    status: str
    defects: tuple[Defect, ...]

    @property
    def blocking(self) -> int:
        return sum(1 for d in self.defects if d.blocking)

    @property
    def warnings(self) -> int:
        return len(self.defects) - self.blocking


def item_by_number(session: Session, item_number: str) -> Item:
    item = session.scalar(select(Item).where(Item.number == item_number.strip()))
    if item is None:
        raise NotFound(_("收件登记中没有器具编号 {item}").format(item=item_number.strip() or "—"))
    return item


def current_certificate(session: Session, item_id: int) -> CertificateRecord | None:
    """The item's live certificate (draft, awaiting review, returned or passed), if any."""
    query = (
        select(CertificateRecord)
        .where(CertificateRecord.item_id == item_id, CertificateRecord.status.in_(list(LIVE)))
        .order_by(CertificateRecord.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def propose_number(session: Session, year: int) -> str:
    """The next certificate number of the year (JD + year + 6 digits), never one in use."""
    while True:
        number = new_certificate_number(session, year)
        if not numbers_in_use(session, {number}):
            return number


def check_new_number(number: str) -> str:
    """Why `number` may not be given to a new certificate ("" when it may)."""
    kind = classify(number)
    if kind in ("item", "order", "statement"):
        return _(
            "证书编号 {number} 与收件编号、委托单号或收费清单号同形，扫码时会被认错；"
            "请留空由系统编号（JD + 年份 + 6 位序号）"
        ).format(number=number)
    return ""


def _complete(cert: Certificate, ctx: CheckContext) -> Certificate:
    """Fill what the counter knows and the lab left blank: received date, valid-until."""
    changes: dict[str, object] = {}
    intake = ctx.intake.get(cert.item_number) if ctx.intake is not None else None
    if cert.received is None and intake is not None:
        changes["received"] = intake.received
    entry = ctx.catalog_entry(intake.instrument_type) if intake is not None else None
    if (
        cert.type is CertType.VERIFICATION_CERTIFICATE
        and cert.verdict is Verdict.PASS
        and cert.valid_until is None
        and cert.performed is not None
        and entry is not None
        and entry.period_months
    ):
        changes["valid_until"] = propose_valid_until(cert.performed, entry.period_months)
    return dataclasses.replace(cert, **changes) if changes else cert  # type: ignore[arg-type]


def _paginate(session: Session, cert: Certificate, ctx: CheckContext) -> tuple[Certificate, str]:
    """The page count (when the lab gave none) and the digest, from the printed layout."""
    data = print_certificate_data(session, cert, ctx)
    with printing_fonts(load_settings(session)):
        rendered = render_certificate(data)
    if cert.page_count is None:
        cert = dataclasses.replace(cert, page_count=rendered.page_count)
    return cert, rendered.digest


def _superseded(
    session: Session, cert: Certificate, item: Item, existing: CertificateRecord | None
) -> CertificateRecord | None:
    """The passed certificate a reissue replaces (or already replaced, when saved again)."""
    old_number = cert.supersedes.strip()
    if not old_number:
        return None
    old = session.scalar(select(CertificateRecord).where(CertificateRecord.number == old_number))
    replaced_already = (
        old is not None
        and old.status == CertStatus.SUPERSEDED
        and existing is not None
        and existing.supersedes_id == old.id
    )
    if (
        old is None
        or old.item_id != item.id
        or not (old.status == CertStatus.PASSED or replaced_already)
    ):
        raise CounterError(
            _("被替代的证书 {number} 不是该器具已通过终审的证书").format(number=old_number)
        )
    return old


def save_certificate(
    session: Session,
    actor: Actor,
    clock: Clock,
    cert: Certificate,
    *,
    submit: bool = True,
    stage: str = "save",
    registers: Registers | None = None,
    withdraw: bool = False,
) -> SavedCertificate:
    """Store the lab's certificate for its item, check it, and (`submit`) queue it for review.

    An item has one live certificate: saving again changes it in place until it has
    passed the final check; after that only a reissue (`supersedes`) may replace it.
    Keeping a certificate that waits for review as a draft takes it out of the review
    queue: that is refused unless the caller asked for it (`withdraw`, after the user
    confirmed), and it is audited as ``certificate.withdraw``.
    """
    require(session, actor, Perm.LAB_WORK)
    item = item_by_number(session, cert.item_number)
    existing = current_certificate(session, item.id)
    old = _superseded(session, cert, item, existing)
    if existing is not None and existing.status not in EDITABLE and existing is not old:
        raise CounterError(
            _("器具 {item} 的证书 {number} {status}，要修改请换发证书").format(
                item=item.number, number=existing.number, status=cert_status_label(existing.status)
            )
        )
    row = existing if existing is not None and existing is not old else None
    withdrawn = row is not None and row.status == CertStatus.AWAITING_REVIEW and not submit
    if withdrawn and not withdraw:
        raise CounterError(
            _("证书 {number} 正在等待终审；存为草稿会把它撤出终审队列，之后须重新提交终审").format(
                number=row.number if row else ""
            )
        )
    if not cert.number.strip():
        cert = dataclasses.replace(
            cert,
            number=row.number if row else propose_number(session, local_date(clock.now()).year),
        )
    number = cert.number.strip()
    if numbers_in_use(session, {number}, [row.id] if row else []):
        raise ValidationError([_("证书编号 {number} 已被使用").format(number=number)])
    if (row is None or row.number != number) and (why := check_new_number(number)):
        raise ValidationError([why])
    registers = registers or load_registers(session)
    today = local_date(clock.now())
    ctx = batch_context(session, registers, [cert], today, [row.id] if row else [])
    cert = _complete(cert, ctx)
    cert, digest = _paginate(session, cert, ctx)
    defects = check_certificate(cert, ctx)
    now = clock.now()
    status = CertStatus.AWAITING_REVIEW if submit else CertStatus.DRAFT
    if row is None:
        row = CertificateRecord(item_id=item.id, status=status, created_by_id=actor.id,
                                created_at=now, revision=1, check_seq=0)  # fmt: skip
        session.add(row)
        action = "certificate.create"
    else:
        row.revision += 1
        row.status = status
        action = "certificate.update"
    copy_indexed(row, cert)
    row.digest, row.updated_at = digest, now
    if old is not None and old.status == CertStatus.PASSED:
        old.status, old.updated_at = CertStatus.SUPERSEDED, now
        row.supersedes_id = old.id
        record(session, actor, clock, "certificate.supersede", "certificate", old.number,
               after={"by": number}, reason=cert.amendment_reason.strip())  # fmt: skip
    session.flush()
    if withdrawn:
        record(session, actor, clock, "certificate.withdraw", "certificate", number,
               before={"status": CertStatus.AWAITING_REVIEW.value},
               after={"status": status.value})  # fmt: skip
    store_defects(session, row, defects, stage, now)
    if not (old is not None and item.status == ItemStatus.RELEASED):
        move_item(session, actor, clock, item,
                  ItemStatus.CERT_DRAFTED if submit else ItemStatus.IN_LAB)  # fmt: skip
    record(session, actor, clock, action, "certificate", number,
           after={"item": item.number, "status": status.value, "revision": row.revision,
                  "blocking": row.blocking_count, "warnings": row.warning_count})  # fmt: skip
    session.flush()
    return SavedCertificate(row.id, number, status.value, tuple(defects))


def reissue_certificate(
    session: Session,
    actor: Actor,
    clock: Clock,
    certificate_id: int,
    changes: Mapping[str, object],
    reason: str,
) -> SavedCertificate:
    """Replace a passed certificate: a new number refers to it, the old one (and its PDF) stays.

    `changes` are the corrected fields (names of `Certificate`).
    """
    require(session, actor, Perm.LAB_WORK)
    if not reason.strip():
        raise ValidationError([_("换发证书需要写明修改内容和原因")])
    old = get_certificate(session, certificate_id)
    if old.status != CertStatus.PASSED:
        raise CounterError(
            _("只有已通过终审的证书才能换发；证书 {number} {status}").format(
                number=old.number, status=cert_status_label(old.status)
            )
        )
    unknown = set(changes) - {f.name for f in dataclasses.fields(Certificate)}
    fixed = {"number", "item_number", "supersedes", "amendment_reason", "final_check"}
    if unknown or fixed & set(changes):
        raise ValidationError([_("不能更改的字段：{names}").format(
            names="、".join(sorted(unknown | (fixed & set(changes)))))])  # fmt: skip
    base = base_number(old.number)
    taken = set(
        session.scalars(
            select(CertificateRecord.number).where(CertificateRecord.number.startswith(base))
        )
    )
    new = dataclasses.replace(
        certificate_of(old),
        **changes,  # type: ignore[arg-type]
        number=reissue_number(old.number, taken),
        supersedes=old.number,
        amendment_reason=reason.strip(),
        page_count=None,
        page_numbers=(),
    )
    return save_certificate(session, actor, clock, new)


def void_certificate(
    session: Session, actor: Actor, clock: Clock, certificate_id: int, reason: str
) -> CertificateRecord:
    """Withdraw a certificate that has not passed the final check (kept, with the reason)."""
    require(session, actor, Perm.LAB_WORK)
    if not reason.strip():
        raise ValidationError([_("作废证书需要填写原因")])
    row = get_certificate(session, certificate_id)
    if row.status not in EDITABLE:
        raise CounterError(
            _("证书 {number} {status}，不能作废").format(
                number=row.number, status=cert_status_label(row.status)
            )
        )
    now = clock.now()
    row.status, row.void_reason = CertStatus.VOIDED, reason.strip()
    row.voided_at, row.voided_by_id, row.updated_at = now, actor.id, now
    if row.item.status == ItemStatus.CERT_DRAFTED:
        move_item(session, actor, clock, row.item, ItemStatus.IN_LAB, reason)
    record(session, actor, clock, "certificate.void", "certificate", row.number,
           reason=reason.strip())  # fmt: skip
    session.flush()
    return row


def certificate_for_item(session: Session, item_id: int) -> Certificate | None:
    """The content of the item's live certificate, for the form to open."""
    if session.get(Item, item_id) is None:
        raise NotFound(_("器具不存在"))
    row = current_certificate(session, item_id)
    return certificate_of(row) if row is not None else None
