"""Rules 1–4: the document fits the result; conclusion, validity, calibration statements."""

from __future__ import annotations

from counter.certificates.rules.codes import defect
from counter.certificates.rules.common import (
    DOC,
    VERDICT,
    catalog_entry,
    effective_verdict,
    intake_of,
)
from counter.certificates.rules.context import CheckContext
from counter.certificates.rules.defects import Defect, Text, shown
from counter.certificates.rules.model import VERIFICATION_TYPES, Certificate, CertType, Verdict
from counter.certificates.rules.values import class_rank, magnitude, norm_text, propose_valid_until

VC, VN = CertType.VERIFICATION_CERTIFICATE, CertType.VERIFICATION_NOTICE
CAL, TEST = CertType.CALIBRATION_CERTIFICATE, CertType.TEST_REPORT


def check_type_result(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 1: failed as 检定证书, passed as 通知书, results over the MPE, compulsory calibrated."""
    out: list[Defect] = []
    verdict = effective_verdict(cert)
    if (cert.type is VC and verdict is Verdict.FAIL) or (
        cert.type is VN and verdict is Verdict.PASS
    ):
        right = DOC[VN if cert.type is VC else VC]
        out.append(
            defect(
                "C01-TYPE-RESULT",
                "检定结果为{verdict}，却出具了{doc}；应出具{right}",
                "type",
                verdict=VERDICT[verdict],
                doc=DOC[cert.type],
                right=right,
            )
        )
    if cert.type in VERIFICATION_TYPES and verdict is Verdict.PASS:
        for i, row in enumerate(cert.results):
            error = magnitude(row.error)
            if error is None:
                continue
            mpe = magnitude(row.mpe)
            if mpe is not None and error > mpe + 1e-12:
                out.append(
                    defect(
                        "C01-RESULT-EXCEEDS",
                        "第 {row} 行“{quantity}”误差 {error} 超出最大允许误差 {mpe}，结论却为合格",
                        f"results[{i}].error",
                        row=i + 1,
                        quantity=row.quantity,
                        error=row.error,
                        mpe=row.mpe,
                    )
                )
    if cert.type is CAL and (record := intake_of(cert, ctx)) is not None and record.compulsory:
        out.append(
            defect(
                "C01-COMPULSORY-CALIBRATION",
                "收件登记为强制检定器具，却只出具了校准证书；应检定并出具检定证书或检定结果通知书",
                "type",
            )
        )
    return out


def check_conclusion(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 2: "合格"/"<class>级合格" on a 检定证书, "不合格" on a 通知书, class not raised."""
    text = "".join(cert.conclusion.split())
    verdict = effective_verdict(cert)
    if (cert.type is VC and verdict is Verdict.FAIL) or (
        cert.type is VN and verdict is Verdict.PASS
    ):
        return []  # the wrong document: reported once, by rule 1
    if cert.type is VN:
        if "不合格" in text:
            return []
        return [
            defect(
                "C02-CONCLUSION-WORDING",
                "检定结果通知书的结论应写明“不合格”，现为“{conclusion}”",
                "conclusion",
                conclusion=shown(cert.conclusion),
            )
        ]
    if cert.type is not VC:
        return []
    certified = cert.conclusion_class
    if text != "合格" and not (certified and "不" not in certified):
        return [
            defect(
                "C02-CONCLUSION-WORDING",
                "检定证书的结论应写“合格”或“<准确度等级>级合格”，现为“{conclusion}”",
                "conclusion",
                conclusion=shown(cert.conclusion),
            )
        ]
    record = intake_of(cert, ctx)
    own = cert.accuracy_class or (record.accuracy_class if record is not None else "")
    if not certified or not own.strip():
        return []
    return _compare_classes(cert, certified, own)


def _compare_classes(cert: Certificate, certified: str, own: str) -> list[Defect]:
    a, b = class_rank(certified), class_rank(own)
    if a is None or b is None or a[0] != b[0]:
        if norm_text(certified) == norm_text(own):
            return []
        return [
            defect(
                "C02-CLASS-MISMATCH",
                "结论等级“{certified}”与器具的准确度等级“{own}”不同，请核对",
                "conclusion",
                certified=certified,
                own=own,
            )
        ]
    if a[1] < b[1]:
        return [
            defect(
                "C02-CLASS-BETTER",
                "结论“{conclusion}”高于器具本身的准确度等级 {own}",
                "conclusion",
                conclusion=cert.conclusion,
                own=own,
            )
        ]
    if a[1] > b[1] and "降级" not in cert.remarks + cert.conclusion:
        return [
            defect(
                "C02-CLASS-DOWNGRADE",
                "结论“{conclusion}”低于器具的准确度等级 {own}，备注未说明降级使用",
                "conclusion",
                conclusion=cert.conclusion,
                own=own,
            )
        ]
    return []


def check_validity(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 3: valid-until present, within the regulation's period, not on a 通知书."""
    valid = cert.valid_until
    if cert.type is VN:
        if valid is None:
            return []
        return [
            defect(
                "C03-VALID-ON-NOTICE",
                "检定结果通知书不应写有效期，现写有效期至 {valid}",
                "valid_until",
                valid=valid,
            )
        ]
    if cert.type is not VC:
        return []
    entry = catalog_entry(cert, ctx)
    period = entry.period_months if entry is not None else None
    performed = cert.performed
    if valid is None:
        if performed is not None and period:
            return [
                defect(
                    "C03-VALID-MISSING",
                    "检定证书缺“有效期至”，按检定周期 {months} 个月应为 {proposed}",
                    "valid_until",
                    months=period,
                    proposed=propose_valid_until(performed, period),
                )
            ]
        return [defect("C03-VALID-MISSING", "检定证书缺“有效期至”", "valid_until")]
    if performed is None:
        return []
    if valid < performed:
        return [
            defect(
                "C03-VALID-BEFORE",
                "有效期至 {valid} 早于检定日期 {performed}",
                "valid_until",
                valid=valid,
                performed=performed,
            )
        ]
    if period and valid > (latest := propose_valid_until(performed, period)):
        return [
            defect(
                "C03-VALID-TOO-LONG",
                "有效期至 {valid} 超过检定周期 {months} 个月："
                "检定日期 {performed}，最迟应为 {latest}",
                "valid_until",
                valid=valid,
                months=period,
                performed=performed,
                latest=latest,
            )
        ]
    return []


def states_conformity(cert: Certificate) -> bool:
    return effective_verdict(cert) is not Verdict.NONE or "符合" in cert.conclusion


def check_calibration_statements(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 4: no interval or pass/fail unless asked; a conformity statement names its basis."""
    out: list[Defect] = []
    conformity = states_conformity(cert)
    if cert.type is CAL:
        interval = cert.calibration_interval.strip() or (
            cert.valid_until.isoformat() if cert.valid_until else ""
        )
        if interval and not cert.customer_requested_interval:
            out.append(
                defect(
                    "C04-INTERVAL-UNREQUESTED",
                    "校准证书给出了复校间隔或有效期（{interval}），但没有客户要求的记录",
                    "calibration_interval" if cert.calibration_interval.strip() else "valid_until",
                    interval=interval,
                )
            )
        if conformity and not cert.customer_requested_conformity:
            out.append(
                defect(
                    "C04-CONFORMITY-UNREQUESTED",
                    "校准证书作了符合性判定（“{conclusion}”），但没有客户要求的记录",
                    "conclusion",
                    conclusion=shown(cert.conclusion)
                    if cert.conclusion.strip()
                    else VERDICT[effective_verdict(cert)],
                )
            )
    if conformity and cert.type in (CAL, TEST):
        missing = [
            label
            for value, label in (
                (cert.specification, Text("所依据的规范", "the specification")),
                (cert.decision_rule, Text("判定规则", "the decision rule")),
            )
            if not value.strip()
        ]
        if missing:
            both = Text("、".join(m.zh for m in missing), " and ".join(m.en for m in missing))
            out.append(
                defect(
                    "C04-CONFORMITY-BASIS",
                    "符合性声明未写明{missing}",
                    "specification" if not cert.specification.strip() else "decision_rule",
                    missing=both,
                )
            )
    return out
