"""Certificates and the registers they are checked against (same metadata as `db.models`).

A certificate row keeps its whole content as the JSON of the import format
(`counter.certificates.rules.certificate_to_dict`) and indexed copies of what lists and
searches need.  Nothing is deleted: a certificate is voided or superseded with a
reason; every rendered PDF version stays; every run of the defect check leaves its
snapshot; a final check, and each override a supervisor wrote, is a row of its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, InstrumentType, Item, User

# --- registers --------------------------------------------------------------


class RegulationEntry(Base):
    """A regulation or specification (检定规程 / 校准规范) and when it is in force."""

    __tablename__ = "regulations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # "JJG 539-2016"
    title: Mapped[str] = mapped_column(String(128), default="")
    effective: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    superseded_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    superseded_by: Mapped[str] = mapped_column(String(64), default="")


class StandardEntry(Base):
    """A measurement standard of the institute (计量标准 / 标准器) and its own certificate."""

    __tablename__ = "standards"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)  # register id, e.g. "STD-W-001"
    name: Mapped[str] = mapped_column(String(128))
    measuring_range: Mapped[str] = mapped_column(String(128), default="")
    # uncertainty / accuracy class / MPE, as printed on certificates
    accuracy: Mapped[str] = mapped_column(String(128), default="")
    certificate_number: Mapped[str] = mapped_column(String(64), default="")
    valid_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    inactive_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class SignAuthorisation(Base):
    """A person may sign certificates of an instrument type until `valid_until` (inclusive)."""

    __tablename__ = "authorisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"), index=True)
    # "" = any of verifier, checker, approver; else one `SignRole` value
    role: Mapped[str] = mapped_column(String(16), default="")
    certificate_no: Mapped[str] = mapped_column(String(64), default="")  # 检定员证号
    valid_until: Mapped[dt.date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    user: Mapped[User] = relationship()
    instrument_type: Mapped[InstrumentType] = relationship()


class EnvLimitEntry(Base):
    """Allowed range of one environmental quantity for an instrument type (检定条件)."""

    __tablename__ = "env_limits"

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"), index=True)
    quantity: Mapped[str] = mapped_column(String(32))  # "温度"
    low: Mapped[float | None] = mapped_column(Float, nullable=True)
    high: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(16), default="")


# --- certificates -------------------------------------------------------------


class CertificateRecord(Base):
    """One certificate of an item; a reissue is a new row that `supersedes` the old one."""

    __tablename__ = "certificates"
    __table_args__ = (Index("ix_certificates_item_status", "item_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    # `counter.certificates.rules.CertType` value
    type: Mapped[str] = mapped_column(String(32))
    # "draft" | "awaiting_review" | "returned" | "passed" | "superseded" | "voided"
    status: Mapped[str] = mapped_column(String(24), index=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), index=True)
    amendment_reason: Mapped[str] = mapped_column(Text, default="")
    # the whole certificate as JSON of the import format (docs/certificate-json.md)
    content: Mapped[str] = mapped_column(Text)
    # incremented whenever the content is saved again; overrides hold for one revision
    revision: Mapped[int] = mapped_column(Integer, default=1)
    performed: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issued: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    valid_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    verdict: Mapped[str] = mapped_column(String(8), default="none")
    regulation: Mapped[str] = mapped_column(String(64), default="")
    record_number: Mapped[str] = mapped_column(String(64), default="")
    verifier: Mapped[str] = mapped_column(String(64), default="", index=True)
    checker: Mapped[str] = mapped_column(String(64), default="")
    approver: Mapped[str] = mapped_column(String(64), default="")
    page_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    digest: Mapped[str] = mapped_column(String(16), default="")  # what the QR code carries
    # the latest run of the defect check (`CertificateDefect.check_seq`)
    check_seq: Mapped[int] = mapped_column(Integer, default=0)
    blocking_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[dt.datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    item: Mapped[Item] = relationship()
    supersedes: Mapped[CertificateRecord | None] = relationship(remote_side=[id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])


class CertificatePdf(Base):
    """Every rendered version of a certificate's PDF, kept (a superseded one's too)."""

    __tablename__ = "certificate_pdfs"
    __table_args__ = (
        UniqueConstraint(
            "certificate_id", "version", name="uq_certificate_pdfs_certificate_version"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"))
    version: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)  # the content revision rendered
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(16))
    page_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime]
    # the font it was drawn with (every character glyph-checked); "" = made before fonts
    # were recorded, perhaps with one that lacked digits: rendered again when next used
    font_family: Mapped[str] = mapped_column(String(128), default="", server_default="")
    font_fingerprint: Mapped[str] = mapped_column(String(40), default="", server_default="")


class CertificateDefect(Base):
    """One defect found by one run of the check (`check_seq`) of a certificate."""

    __tablename__ = "certificate_defects"
    __table_args__ = (
        Index("ix_certificate_defects_certificate_check", "certificate_id", "check_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"))
    check_seq: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    # "save" | "import" | "review"
    stage: Mapped[str] = mapped_column(String(16))
    checked_at: Mapped[dt.datetime]
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(16))
    field: Mapped[str] = mapped_column(String(128), default="")
    message_zh: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    clause: Mapped[str] = mapped_column(String(128), default="")
    overridable: Mapped[bool] = mapped_column(Boolean, default=False)


class FinalCheckRecord(Base):
    """The supervisor's final check (最终审核) of one revision: passed or returned."""

    __tablename__ = "final_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime]
    # "passed" | "returned"
    outcome: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    # keys of the blocking defects found at the check (JSON list)
    blocking_keys: Mapped[str] = mapped_column(Text, default="[]")

    reviewer: Mapped[User] = relationship()


class DefectOverride(Base):
    """A supervisor's written reason to release despite one blocking defect (one revision)."""

    __tablename__ = "defect_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    # set when the final check that relied on it is recorded
    final_check_id: Mapped[int | None] = mapped_column(ForeignKey("final_checks.id"), index=True)
    defect_key: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime]

    by: Mapped[User] = relationship()
