"""A certificate as `printing.certificate` draws it: plain frozen data, handed in by the caller."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from printing.common import InstituteInfo

TITLES: dict[str, tuple[str, str]] = {
    "verification_certificate": ("检 定 证 书", "VERIFICATION CERTIFICATE"),
    "verification_notice": ("检定结果通知书", "NOTIFICATION OF VERIFICATION RESULT"),
    "calibration_certificate": ("校 准 证 书", "CALIBRATION CERTIFICATE"),
    "test_report": ("检 测 报 告", "TEST REPORT"),
}


KINDS = tuple(TITLES)


@dataclass(frozen=True)
class StandardLine:
    name: str
    range: str = ""
    accuracy: str = ""  # uncertainty / accuracy class / MPE
    certificate_number: str = ""
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class ResultLine:
    quantity: str
    nominal: str = ""
    measured: str = ""
    error: str = ""
    limit: str = ""  # MPE (verification) or expanded uncertainty (calibration)
    unit: str = ""


@dataclass(frozen=True)
class CertificatePrint:
    """Everything printed on one certificate, as display text (people by name)."""

    kind: str  # one of KINDS
    number: str
    item_number: str
    institute: InstituteInfo
    customer: str
    instrument_name: str
    model: str = ""
    serial: str = ""
    manufacturer: str = ""
    accuracy_class: str = ""
    regulation: str = ""  # e.g. "JJG 539-2016《数字指示秤》"
    conclusion: str = ""
    performed: dt.date | None = None
    valid_until: dt.date | None = None  # printed on a 检定证书 only
    issued: dt.date | None = None
    verifier: str = ""
    checker: str = ""
    approver: str = ""
    record_number: str = ""
    standards: tuple[StandardLine, ...] = ()
    location: str = ""
    environment: tuple[tuple[str, str, str], ...] = ()  # (quantity, value, unit)
    results: tuple[ResultLine, ...] = ()
    results_before: tuple[ResultLine, ...] = ()  # before adjustment/repair
    adjustment: str = ""  # e.g. "经调整" — printed with the before/after tables
    limit_heading: str = ""  # "" = by kind: 最大允许误差 / 扩展不确定度
    conformity: str = ""  # specification and decision rule of a conformity statement
    interval: str = ""  # recommended calibration interval (only when the customer asked)
    statement: str = ""  # "results relate only to the item" — the first footnote
    remarks: str = ""
    supersedes: str = ""
    amendment_reason: str = ""
    footnotes: tuple[str, ...] | None = None  # None: the standard notes for the kind
    contacts: str = ""  # e.g. "邮编：252000　传真：…　E-mail：…"
    qr_text: str = ""  # what the QR code holds ("" = the unsigned CERT:<number>:<digest>)

    def __post_init__(self) -> None:
        if self.kind not in TITLES:
            raise ValueError(f"unknown certificate kind {self.kind!r}: use one of {KINDS}")


#: (Chinese title as printed, English subtitle) per document type.
