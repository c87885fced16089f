"""Certificates from lab systems (JSON, docs/certificate-json.md): all or nothing.

The file's shape is judged by `parse_certificates`; then every reference is
resolved against the database — the item, the people, the number, the certificate a
reissue replaces, the standards — and each unresolved one is a problem of its
certificate.  Only a file without a single problem is saved, inside a savepoint
that is rolled back should any save still refuse, so nothing is ever half-saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.certificates.context import load_registers
from counter.certificates.rules import Certificate, ImportProblem, parse_certificates
from counter.certificates.service import SavedCertificate, check_new_number, save_certificate
from counter.certificates.store import EDITABLE, cert_status_label
from counter.clock import Clock
from counter.errors import CounterError
from counter.i18n import _
from db.models import Item, User
from db.models_certificates import CertificateRecord, StandardEntry

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class CertificateImport:
    saved: tuple[SavedCertificate, ...]
    problems: tuple[ImportProblem, ...]  # nothing was saved when there is any

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class FileProblem:
    """A problem of one file of several; `problem.index` is the certificate in that file."""

    file: str
    problem: ImportProblem
    number: str = ""  # the certificate number in the file, when it could be read


def _references(session: Session, certs: Sequence[Certificate]) -> list[ImportProblem]:
    """Every reference the database cannot resolve, per certificate."""
    items = {
        number: (item_id, status)
        for number, item_id, status in session.execute(
            select(Item.number, Item.id, Item.status).where(
                Item.number.in_({c.item_number for c in certs})
            )
        )
    }
    people = {p.strip() for c in certs for _r, p in c.signatories if p.strip()}
    known_people = set(
        session.scalars(select(User.username).where(User.username.in_(people), User.active))
    )
    numbers = {c.number.strip() for c in certs} | {c.supersedes.strip() for c in certs}
    used = {
        number: (item_id, status)
        for number, item_id, status in session.execute(
            select(CertificateRecord.number, CertificateRecord.item_id, CertificateRecord.status)
            .where(CertificateRecord.number.in_(numbers - {""}))
        )
    }  # fmt: skip
    refs = {s.ref for c in certs for s in c.standards if s.ref}
    known_refs = set(session.scalars(select(StandardEntry.ref).where(StandardEntry.ref.in_(refs))))
    problems: list[ImportProblem] = []
    first_of_item: dict[str, int] = {}
    for i, cert in enumerate(certs):

        def problem(field: str, message: str, i: int = i) -> None:
            problems.append(ImportProblem(i, field, message))

        item = items.get(cert.item_number)
        if item is None:
            problem("item_number", _("收件登记中没有器具编号 {item}").format(item=cert.item_number))
        if cert.item_number in first_of_item:
            problem("item_number", _("器具 {item} 在文件中出现两次（与第 {other} 份相同）").format(
                item=cert.item_number, other=first_of_item[cert.item_number] + 1))  # fmt: skip
        first_of_item.setdefault(cert.item_number, i)
        for role, person in cert.signatories:
            if person.strip() and person.strip() not in known_people:
                problem(role.value, _("人员“{person}”不在人员名册中").format(person=person))
        taken = used.get(cert.number.strip())
        if taken is None and cert.number.strip() and (why := check_new_number(cert.number.strip())):
            problem("number", why)
        if taken is not None and (item is None or taken[0] != item[0] or taken[1] not in EDITABLE):
            problem("number", _("证书编号 {number} 已被使用（{status}）").format(
                number=cert.number, status=cert_status_label(taken[1])))  # fmt: skip
        old = cert.supersedes.strip()
        if old and (used.get(old) is None or item is None or used[old][0] != item[0]):
            problem("supersedes", _("被替代的证书 {number} 不是该器具的证书").format(number=old))
        for k, std in enumerate(cert.standards):
            if std.ref and std.ref not in known_refs:
                problem(f"standards[{k}].ref",
                        _("计量标准“{ref}”不在标准台账中").format(ref=std.ref))  # fmt: skip
    return problems


def import_certificates_json(
    session: Session,
    actor: Actor,
    clock: Clock,
    data: bytes,
    progress: Progress | None = None,
) -> CertificateImport:
    """Parse, resolve and save every certificate of the file — or none of them."""
    require(session, actor, Perm.LAB_WORK)
    parsed = parse_certificates(data)
    if not parsed.ok:
        return CertificateImport((), parsed.errors)
    certs = [replace(c, item_number=c.item_number.strip()) for c in parsed.certificates]
    problems = _references(session, certs)
    if problems:
        return CertificateImport((), tuple(problems))
    registers = load_registers(session)
    saved: list[SavedCertificate] = []
    savepoint = session.begin_nested()
    for i, cert in enumerate(certs):
        try:
            saved.append(save_certificate(session, actor, clock, cert, stage="import",
                                          registers=registers))  # fmt: skip
        except CounterError as error:
            problems.append(ImportProblem(i, "", str(error)))
        if progress is not None:
            progress(i + 1, len(certs), cert.number)
    if problems:
        savepoint.rollback()
        return CertificateImport((), tuple(problems))
    savepoint.commit()
    return CertificateImport(tuple(saved), ())


def import_certificate_files(
    session: Session,
    actor: Actor,
    clock: Clock,
    files: Sequence[tuple[str, bytes]],
    progress: Progress | None = None,
) -> tuple[tuple[SavedCertificate, ...], tuple[FileProblem, ...]]:
    """Several files in one go: all of them are saved, or — with any problem — none."""
    require(session, actor, Perm.LAB_WORK)
    savepoint = session.begin_nested()
    saved: list[SavedCertificate] = []
    problems: list[FileProblem] = []
    for name, data in files:

        def step(done: int, total: int, number: str, name: str = name) -> None:
            if progress is not None:
                progress(done, total, f"{name}：{number}")

        result = import_certificates_json(session, actor, clock, data, step)
        saved += result.saved
        numbers = _numbers(data) if result.problems else []
        for p in result.problems:
            number = numbers[p.index] if p.index is not None and p.index < len(numbers) else ""
            problems.append(FileProblem(name, p, number))
    if problems:
        savepoint.rollback()
        return (), tuple(problems)
    savepoint.commit()
    return tuple(saved), ()


def _numbers(data: bytes) -> list[str]:
    """The certificate numbers of a file, as far as they can be read (for the problem list)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    items = doc.get("certificates", [doc]) if isinstance(doc, dict) else []
    if not isinstance(items, list):
        return []
    return [str(c.get("number", "")) if isinstance(c, dict) else "" for c in items]
