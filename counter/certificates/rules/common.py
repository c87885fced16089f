"""Small helpers the rule modules share: what a certificate is about, field names, wording."""

from __future__ import annotations

from counter.certificates.rules.context import CatalogEntry, CheckContext, IntakeRecord
from counter.certificates.rules.defects import Text
from counter.certificates.rules.model import Certificate, CertType, SignRole, Verdict

VERB: dict[CertType, Text] = {
    CertType.VERIFICATION_CERTIFICATE: Text("检定", "verification"),
    CertType.VERIFICATION_NOTICE: Text("检定", "verification"),
    CertType.CALIBRATION_CERTIFICATE: Text("校准", "calibration"),
    CertType.TEST_REPORT: Text("检测", "test"),
}

DOC: dict[CertType, Text] = {
    CertType.VERIFICATION_CERTIFICATE: Text("检定证书", "a verification certificate"),
    CertType.VERIFICATION_NOTICE: Text("检定结果通知书", "a verification result notice"),
    CertType.CALIBRATION_CERTIFICATE: Text("校准证书", "a calibration certificate"),
    CertType.TEST_REPORT: Text("检测报告", "a test report"),
}

VERDICT: dict[Verdict, Text] = {
    Verdict.PASS: Text("合格", "passed"),
    Verdict.FAIL: Text("不合格", "failed"),
    Verdict.NONE: Text("未判定", "no verdict"),
}

ROLE: dict[SignRole, Text] = {
    SignRole.VERIFIER: Text("检定员", "verifier"),
    SignRole.CHECKER: Text("核验员", "checker"),
    SignRole.APPROVER: Text("批准人", "approver"),
}

FIELD: dict[str, Text] = {
    "customer": Text("送检单位", "Customer"),
    "instrument_name": Text("器具名称", "Instrument name"),
    "model": Text("型号规格", "Model"),
    "serial": Text("出厂编号", "Serial number"),
    "manufacturer": Text("制造单位", "Manufacturer"),
    "received": Text("收件日期", "Date received"),
    "accuracy_class": Text("准确度等级", "Accuracy class"),
    "conclusion": Text("结论", "Conclusion"),
    "remarks": Text("备注", "Remarks"),
    "statement": Text("声明", "Statement"),
    "certificate_number": Text("证书编号", "certificate number"),
    "valid_until": Text("有效期", "validity"),
    "accuracy": Text("不确定度/准确度等级/最大允许误差", "uncertainty/class/MPE"),
    "quantity": Text("项目", "quantity"),
}


def verb(cert: Certificate) -> Text:
    return VERB[cert.type]


def effective_verdict(cert: Certificate) -> Verdict:
    """The stated verdict; when none is stated, what the conclusion's wording says."""
    if cert.verdict is not Verdict.NONE:
        return cert.verdict
    text = cert.conclusion
    if "不合格" in text:
        return Verdict.FAIL
    if "合格" in text:
        return Verdict.PASS
    return Verdict.NONE


def intake_of(cert: Certificate, ctx: CheckContext) -> IntakeRecord | None:
    intake = ctx.intake
    return None if intake is None else intake.get(cert.item_number)


def instrument_type(cert: Certificate, ctx: CheckContext) -> str:
    """The catalogue type of the item: from its intake record, else the certificate's name."""
    intake = ctx.intake
    record = None if intake is None else intake.get(cert.item_number)
    return cert.instrument_name if record is None else record.instrument_type


def catalog_entry(cert: Certificate, ctx: CheckContext) -> CatalogEntry | None:
    catalog = ctx.catalog
    return None if catalog is None else catalog.get(instrument_type(cert, ctx))


def person_label(person: str, ctx: CheckContext) -> str:
    """ "张三（zhangsan）" when the register knows the name, else the reference itself."""
    if ctx.persons is not None:
        known = ctx.persons.get(person)
        if known is not None and known.name and known.name != person:
            return f"{known.name}（{person}）"
    return person


def fmt_number(value: float) -> str:
    """15.0 → "15", 0.5 → "0.5"."""
    return f"{value:g}"


def has_digit(text: str) -> bool:
    return any(map(str.isdigit, text))
