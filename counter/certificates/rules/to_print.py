"""From a `Certificate` to what `printing.certificate` draws (names, titles, display text)."""

from __future__ import annotations

from collections.abc import Mapping

from counter.certificates.rules.context import Person, Regulation
from counter.certificates.rules.model import Certificate, CertType, ResultRow
from counter.certificates.rules.values import norm_regulation
from printing.certificate_data import CertificatePrint, ResultLine, StandardLine
from printing.common import InstituteInfo


def _line(row: ResultRow, calibration: bool) -> ResultLine:
    limit = (row.uncertainty or row.mpe) if calibration else (row.mpe or row.uncertainty)
    return ResultLine(row.quantity, row.nominal, row.measured, row.error, limit, row.unit)


def regulation_text(code: str, regulations: Mapping[str, Regulation] | None) -> str:
    """ "JJG 539-2016" → "JJG 539-2016《数字指示秤》" when the register knows the title."""
    if "《" in code or regulations is None:
        return code
    known = regulations.get(norm_regulation(code))
    return f"{code}《{known.title}》" if known is not None and known.title else code


def print_data(
    cert: Certificate,
    institute: InstituteInfo,
    persons: Mapping[str, Person] | None = None,
    regulations: Mapping[str, Regulation] | None = None,
    contacts: str = "",
) -> CertificatePrint:
    """The printable form of `cert`; people are shown by name when `persons` knows them."""

    def name(ref: str) -> str:
        known = persons.get(ref) if persons is not None else None
        return known.name if known is not None else ref

    calibration = cert.type is CertType.CALIBRATION_CERTIFICATE
    conformity = "；".join(
        x
        for x in (
            f"依据 {cert.specification.strip()}" if cert.specification.strip() else "",
            f"判定规则：{cert.decision_rule.strip()}" if cert.decision_rule.strip() else "",
        )
        if x
    )
    adjustment = "经调整和修理" if cert.adjusted and cert.repaired else (
        "经调整" if cert.adjusted else ("经修理" if cert.repaired else "")
    )  # fmt: skip
    return CertificatePrint(
        kind=cert.type.value,
        number=cert.number,
        item_number=cert.item_number,
        institute=institute,
        customer=cert.customer,
        instrument_name=cert.instrument_name,
        model=cert.model,
        serial=cert.serial,
        manufacturer=cert.manufacturer,
        accuracy_class=cert.accuracy_class,
        regulation=regulation_text(cert.regulation, regulations),
        conclusion=cert.conclusion,
        performed=cert.performed,
        valid_until=cert.valid_until if cert.type is CertType.VERIFICATION_CERTIFICATE else None,
        issued=cert.issued,
        verifier=name(cert.verifier),
        checker=name(cert.checker),
        approver=name(cert.approver),
        record_number=cert.record_number,
        standards=tuple(
            StandardLine(s.name, s.range, s.accuracy, s.certificate_number, s.valid_until)
            for s in cert.standards
        ),
        location=cert.location,
        environment=tuple((e.quantity, e.value, e.unit) for e in cert.environment),
        results=tuple(_line(r, calibration) for r in cert.results),
        results_before=tuple(_line(r, calibration) for r in cert.results_before),
        adjustment=adjustment,
        conformity=conformity,
        interval=cert.calibration_interval if calibration else "",
        statement=cert.statement,
        remarks=cert.remarks,
        supersedes=cert.supersedes,
        amendment_reason=cert.amendment_reason,
        contacts=contacts,
    )
