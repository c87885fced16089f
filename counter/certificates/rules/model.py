"""A certificate's content as plain frozen data: what the lab states about one item.

Four documents come out of the lab (JJF 1069-2012, 《计量检定印、证管理办法》):
检定证书 (verification passed), 检定结果通知书 (verification failed, no validity date),
校准证书 (calibration) and 检测报告 (test report).  Every field is text or a date exactly
as it will be printed; the defect check (`counter.certificates.rules.check`) reads these and
nothing else.  People are referenced by their user name; the review (final check) is a
record on the certificate so the release gate needs nothing but the certificate.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class CertType(enum.StrEnum):
    VERIFICATION_CERTIFICATE = "verification_certificate"
    VERIFICATION_NOTICE = "verification_notice"
    CALIBRATION_CERTIFICATE = "calibration_certificate"
    TEST_REPORT = "test_report"


#: (Chinese title, English title) of each document.
TYPE_TITLES: dict[CertType, tuple[str, str]] = {
    CertType.VERIFICATION_CERTIFICATE: ("检定证书", "verification certificate"),
    CertType.VERIFICATION_NOTICE: ("检定结果通知书", "verification result notice"),
    CertType.CALIBRATION_CERTIFICATE: ("校准证书", "calibration certificate"),
    CertType.TEST_REPORT: ("检测报告", "test report"),
}

VERIFICATION_TYPES = frozenset({CertType.VERIFICATION_CERTIFICATE, CertType.VERIFICATION_NOTICE})


class Verdict(enum.StrEnum):
    """The outcome the lab decided: passed, failed, or no pass/fail stated (calibration)."""

    PASS = "pass"
    FAIL = "fail"
    NONE = "none"


class SignRole(enum.StrEnum):
    VERIFIER = "verifier"  # 检定员 / 校准员 / 检测员
    CHECKER = "checker"  # 核验员
    APPROVER = "approver"  # 批准人


@dataclass(frozen=True, slots=True)
class EnvCondition:
    """One environmental condition, e.g. ("温度", "20.5", "℃")."""

    quantity: str
    value: str
    unit: str = ""


@dataclass(frozen=True, slots=True)
class StandardUsed:
    """A measurement standard used, as printed; `ref` is its id in the standards register."""

    name: str
    range: str = ""
    accuracy: str = ""  # uncertainty / accuracy class / MPE, as printed
    certificate_number: str = ""
    valid_until: dt.date | None = None
    ref: str = ""


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One line of the results table; values are text as printed ("+0.5", "±1.0")."""

    quantity: str
    nominal: str = ""
    measured: str = ""
    error: str = ""
    mpe: str = ""  # maximum permissible error (verification)
    uncertainty: str = ""  # expanded uncertainty, e.g. "U=0.2 g (k=2)" (calibration)
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    """A supervisor's written decision to release despite one blocking defect."""

    key: str  # `Defect.key` of the defect overridden
    reason: str
    by: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class FinalCheck:
    """The recorded final check (最终审核) of this version of the certificate.

    `blocking` holds the keys of the blocking defects found at the check; each needs an
    `Override` with a reason before the certificate may leave.
    """

    reviewer: str
    checked_at: dt.datetime
    passed: bool
    comment: str = ""
    blocking: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True, slots=True)
class Certificate:
    type: CertType
    number: str
    item_number: str
    customer: str = ""
    instrument_name: str = ""
    model: str = ""
    serial: str = ""
    manufacturer: str = ""
    accuracy_class: str = ""  # the instrument's own class, e.g. "Ⅲ" or "1.6"
    regulation: str = ""  # e.g. "JJG 539-2016"
    verdict: Verdict = Verdict.NONE
    conclusion: str = ""  # as printed: "合格", "Ⅲ级合格", "不合格" …
    received: dt.date | None = None
    performed: dt.date | None = None
    issued: dt.date | None = None
    valid_until: dt.date | None = None
    location: str = ""
    environment: tuple[EnvCondition, ...] = ()
    standards: tuple[StandardUsed, ...] = ()
    results: tuple[ResultRow, ...] = ()
    adjusted: bool = False
    repaired: bool = False
    results_before: tuple[ResultRow, ...] = ()  # before adjustment/repair
    record_number: str = ""  # original record (原始记录) number
    verifier: str = ""
    checker: str = ""
    approver: str = ""
    customer_requested_conformity: bool = False
    customer_requested_interval: bool = False
    specification: str = ""  # the specification a conformity statement refers to
    decision_rule: str = ""
    calibration_interval: str = ""  # recommended interval, e.g. "12 个月"
    statement: str = ""  # "results relate only to the item" (ISO/IEC 17025 7.8.2.1 l)
    supersedes: str = ""  # number of the certificate this one replaces
    amendment_reason: str = ""
    page_count: int | None = None  # "共 y 页"
    page_numbers: tuple[int, ...] = ()  # "第 x 页" of each page, as read back; () = unread
    remarks: str = ""
    final_check: FinalCheck | None = None

    @property
    def title(self) -> str:
        return TYPE_TITLES[self.type][0]

    @property
    def signatories(self) -> tuple[tuple[SignRole, str], ...]:
        return (
            (SignRole.VERIFIER, self.verifier),
            (SignRole.CHECKER, self.checker),
            (SignRole.APPROVER, self.approver),
        )

    @property
    def conclusion_class(self) -> str:
        """The class in a "<class>级合格" conclusion ("" when there is none)."""
        text = "".join(self.conclusion.split())
        if text.endswith("级合格") and not text.endswith("不合格"):
            return text[: -len("级合格")]
        return ""


#: Statement that results relate only to the item, proposed per type (ISO/IEC 17025 7.8.2.1 l).
DEFAULT_STATEMENTS: dict[CertType, str] = {
    CertType.VERIFICATION_CERTIFICATE: "本证书的检定结果仅对所检器具有效。",
    CertType.VERIFICATION_NOTICE: "本通知书的检定结果仅对所检器具有效。",
    CertType.CALIBRATION_CERTIFICATE: "本证书的校准结果仅对所校准的器具有效。",
    CertType.TEST_REPORT: "本报告的检测结果仅对所检测的样品有效。",
}


def compose_conclusion(verdict: Verdict, accuracy_class: str = "") -> str:
    """The conclusion wording for a verification: "合格", "<class>级合格" or "不合格"."""
    if verdict is Verdict.PASS:
        return f"{accuracy_class.strip()}级合格" if accuracy_class.strip() else "合格"
    if verdict is Verdict.FAIL:
        return "不合格"
    return ""
