"""Every defect rule: a certificate that trips it, and its clean twin that does not.

Each case starts from a clean sample certificate (no defect at all against the sample
registers) and changes one thing with `dataclasses.replace`; the test asserts the exact
set of codes found, so a rule that fires too widely fails as surely as one that is blind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from counter.certificates.rules import (
    RULES,
    Authorisation,
    Certificate,
    CertType,
    EnvCondition,
    ResultRow,
    Severity,
    SignRole,
    Verdict,
    check_certificate,
)
from counter.certificates.rules.sample_certificates import KINDS, clean, standard
from counter.certificates.rules.samples import INTAKE, sample_catalog, sample_context

D = dt.date
CTX = sample_context()


def _rows(kind: str, **changes: Any) -> dict[str, Any]:
    """`results` with the first numeric row changed."""
    rows = list(clean(kind).results)
    index = next(i for i, r in enumerate(rows) if r.unit)
    rows[index] = replace(rows[index], **changes)
    return {"results": tuple(rows)}


def _std(kind: str, **changes: Any) -> dict[str, Any]:
    first, *rest = clean(kind).standards
    return {"standards": (replace(first, **changes), *rest)}


def _intake_ctx(item: str, **changes: Any) -> dict[str, Any]:
    records = tuple(replace(r, **changes) if r.item_number == item else r for r in INTAKE)
    return {"intake": records}


PUMP_ITEM = "20261000124011"
REISSUE: dict[str, Any] = {"number": "20261000124005-001", "supersedes": "20261000124005"}
BP_EXPIRED = {"checker": "lina"}

# (id, sample kind, changes to the certificate, changes to the context, expected codes)
CASES: list[tuple[str, str, dict[str, Any], dict[str, Any], set[str]]] = [
    ("failed-as-certificate", "sphygmomanometer",
     {"verdict": Verdict.FAIL, "conclusion": "不合格"}, {}, {"C01-TYPE-RESULT"}),
    ("passed-as-notice", "sphygmomanometer",
     {"type": CertType.VERIFICATION_NOTICE, "valid_until": None}, {}, {"C01-TYPE-RESULT"}),
    ("result-over-mpe", "sphygmomanometer", _rows("sphygmomanometer", error="+0.7"), {},
     {"C01-RESULT-EXCEEDS"}),
    ("compulsory-calibrated", "infusion_pump_calibration", {},
     _intake_ctx(PUMP_ITEM, compulsory=True), {"C01-COMPULSORY-CALIBRATION"}),
    ("wording", "scale", {"conclusion": "符合Ⅲ级要求"}, {}, {"C02-CONCLUSION-WORDING"}),
    ("notice-wording", "scale_notice", {"conclusion": "超差"}, {}, {"C02-CONCLUSION-WORDING"}),
    ("class-better", "scale", {"conclusion": "Ⅱ级合格"}, {}, {"C02-CLASS-BETTER"}),
    ("class-better-numeric", "pressure_gauge", {"conclusion": "1.0级合格"}, {},
     {"C02-CLASS-BETTER"}),
    ("silent-downgrade", "pressure_gauge", {"conclusion": "2.5级合格"}, {},
     {"C02-CLASS-DOWNGRADE"}),
    ("class-incomparable", "scale", {"conclusion": "A级合格"}, {}, {"C02-CLASS-MISMATCH"}),
    ("no-validity", "scale", {"valid_until": None}, {}, {"C03-VALID-MISSING"}),
    ("validity-on-notice", "scale_notice", {"valid_until": D(2027, 11, 23)}, {},
     {"C03-VALID-ON-NOTICE"}),
    ("validity-one-day-long", "scale", {"valid_until": D(2027, 11, 24)}, {},
     {"C03-VALID-TOO-LONG"}),
    ("validity-before-verification", "scale", {"valid_until": D(2026, 11, 1)}, {},
     {"C03-VALID-BEFORE"}),
    ("interval-unrequested", "infusion_pump_calibration", {"calibration_interval": "12 个月"}, {},
     {"C04-INTERVAL-UNREQUESTED"}),
    ("validity-on-calibration", "infusion_pump_calibration", {"valid_until": D(2027, 11, 24)}, {},
     {"C04-INTERVAL-UNREQUESTED"}),
    ("conformity-unrequested", "infusion_pump_calibration",
     {"verdict": Verdict.PASS, "conclusion": "合格", "specification": "JJF 1259-2018",
      "decision_rule": "简单接受规则"}, {}, {"C04-CONFORMITY-UNREQUESTED"}),
    ("conformity-no-rule", "tape_test_report", {"decision_rule": ""}, {},
     {"C04-CONFORMITY-BASIS"}),
    ("no-checker", "scale", {"checker": ""}, {}, {"C05-SIGNATORY-MISSING"}),
    ("same-person", "scale", {"approver": "zhangwei"}, {}, {"C05-SIGNATORY-SAME"}),
    ("unknown-person", "scale", {"checker": "wuming"}, {}, {"C05-PERSON-UNKNOWN"}),
    ("not-authorised", "scale", {"checker": "chenjing"}, {}, {"C05-NOT-AUTHORISED"}),
    ("authorisation-expired", "sphygmomanometer", BP_EXPIRED, {}, {"C05-AUTH-EXPIRED"}),
    ("no-number", "scale", {"number": ""}, {}, {"C06-NUMBER-MISSING"}),
    ("malformed-number", "scale", {"number": "JL-2026-0001"}, {}, {"C06-NUMBER-FORMAT"}),
    ("number-used", "scale", {"number": "20261000123099"}, {}, {"C06-NUMBER-USED"}),
    ("number-other-order", "scale", {"number": "20261000124003"}, {}, {"C06-NUMBER-ORDER"}),
    ("no-page-count", "scale", {"page_count": None}, {}, {"C06-PAGES"}),
    ("pages-inconsistent", "scale", {"page_numbers": (1, 2)}, {}, {"C06-PAGES"}),
    ("unknown-item", "fuel_dispenser", {"item_number": "20264000126999"}, {},
     {"C07-INTAKE-MISSING"}),
    ("serial-differs", "scale", {"serial": "A128"}, {}, {"C07-INTAKE-MISMATCH"}),
    ("customer-differs", "scale", {"customer": "聊城市古楼农贸市场"}, {}, {"C07-INTAKE-MISMATCH"}),
    ("received-differs", "scale", {"received": D(2026, 11, 22)}, {}, {"C07-INTAKE-MISMATCH"}),
    ("class-differs", "sphygmomanometer", {"accuracy_class": "±0.8 kPa"}, {},
     {"C07-CLASS-MISMATCH"}),
    ("no-performed-date", "sphygmomanometer", {"performed": None}, {}, {"C08-DATE-MISSING"}),
    ("no-issue-date", "sphygmomanometer", {"issued": None}, {}, {"C08-DATE-MISSING"}),
    ("performed-before-received", "sphygmomanometer",
     {"performed": D(2026, 11, 22), "valid_until": D(2027, 11, 21)}, {}, {"C08-DATE-ORDER"}),
    ("issued-before-performed", "sphygmomanometer", {"issued": D(2026, 11, 23)}, {},
     {"C08-DATE-ORDER"}),
    ("issued-in-future", "sphygmomanometer", {"issued": D(2026, 12, 1)}, {}, {"C08-DATE-FUTURE"}),
    ("no-regulation", "scale", {"regulation": ""}, {}, {"C09-REGULATION-MISSING"}),
    ("unknown-regulation", "tape_test_report", {"regulation": "QB/T 9999-2020"}, {},
     {"C09-REGULATION-UNKNOWN"}),
    # on a verification certificate an unknown regulation must be fixed (not overridable)
    ("unknown-regulation-verification", "scale", {"regulation": "JJG 9999-2020"}, {},
     {"C09-REGULATION-UNKNOWN-VERIFICATION", "C09-REGULATION-NOT-CATALOGUE"}),
    ("not-catalogue-regulation", "scale", {"regulation": "JJG 99-2022"}, {},
     {"C09-REGULATION-NOT-CATALOGUE"}),
    ("superseded-regulation", "pressure_gauge", {"regulation": "JJG 52-1999"}, {},
     {"C09-REGULATION-NOT-CATALOGUE", "C09-REGULATION-SUPERSEDED"}),
    ("no-record-number", "sphygmomanometer", {"record_number": ""}, {}, {"C10-RECORD-MISSING"}),
    ("no-standards", "scale", {"standards": ()}, {}, {"C11-STANDARD-NONE"}),
    ("standard-no-certificate", "sphygmomanometer", _std("sphygmomanometer", certificate_number=""),
     {}, {"C11-STANDARD-CERT-MISSING"}),
    ("standard-no-validity", "sphygmomanometer", _std("sphygmomanometer", valid_until=None), {},
     {"C11-STANDARD-VALIDITY-MISSING"}),
    ("standard-expired", "scale", {"standards": (standard("STD-W-003"),)}, {},
     {"C11-STANDARD-EXPIRED"}),
    ("standard-unknown", "sphygmomanometer", _std("sphygmomanometer", ref="STD-X-999"), {},
     {"C11-STANDARD-UNKNOWN"}),
    ("standard-not-as-registered", "sphygmomanometer",
     _std("sphygmomanometer", certificate_number="YL2026-0920"), {}, {"C11-STANDARD-REGISTER"}),
    ("no-location", "sphygmomanometer", {"location": ""}, {}, {"C12-LOCATION-MISSING"}),
    ("no-environment", "sphygmomanometer", {"environment": ()}, {}, {"C12-ENVIRONMENT-MISSING"}),
    ("no-humidity", "sphygmomanometer", {"environment": (EnvCondition("温度", "21.0", "℃"),)}, {},
     {"C12-ENVIRONMENT-MISSING"}),
    ("too-warm", "sphygmomanometer",
     {"environment": (EnvCondition("温度", "25.5", "℃"), EnvCondition("相对湿度", "48", "%RH"))},
     {}, {"C12-ENVIRONMENT-LIMIT"}),
    ("no-results", "sphygmomanometer", {"results": ()}, {}, {"C13-RESULTS-MISSING"}),
    ("no-unit", "sphygmomanometer", _rows("sphygmomanometer", unit=""), {}, {"C13-UNIT-MISSING"}),
    ("no-uncertainty", "infusion_pump_calibration",
     _rows("infusion_pump_calibration", uncertainty=""), {}, {"C13-UNCERTAINTY-MISSING"}),
    ("adjusted-no-before", "sphygmomanometer", {"adjusted": True}, {},
     {"C14-ADJUSTMENT-RESULTS"}),
    ("repaired-no-before", "pressure_gauge", {"repaired": True}, {}, {"C14-ADJUSTMENT-RESULTS"}),
    ("no-statement", "sphygmomanometer", {"statement": ""}, {}, {"C15-ONLY-ITEM-STATEMENT"}),
    ("statement-says-nothing", "sphygmomanometer", {"statement": "本证书涂改无效。"}, {},
     {"C15-ONLY-ITEM-STATEMENT"}),
    ("reissue-no-reason", "sphygmomanometer", REISSUE, {}, {"C16-AMENDMENT-REASON"}),
    ("reason-no-reference", "sphygmomanometer", {"amendment_reason": "更正出厂编号"}, {},
     {"C16-AMENDMENT-REFERENCE"}),
    ("suffix-no-reference", "sphygmomanometer", {"number": "20261000124005-001"}, {},
     {"C16-AMENDMENT-REFERENCE"}),
    ("replaces-unknown", "sphygmomanometer",
     {"number": "20261000124077-001", "supersedes": "20261000124077", "amendment_reason": "更正"},
     {}, {"C16-AMENDMENT-UNKNOWN"}),
    ("reissue-new-number", "sphygmomanometer",
     {"number": "20261000124006", "supersedes": "20261000124005", "amendment_reason": "更正"}, {},
     {"C16-AMENDMENT-NUMBER"}),
    ("accuracy-wording", "pressure_gauge", {"accuracy_class": "准确度1.6级"}, {},
     {"C18-ACCURACY-WORDING"}),
    ("standard-accuracy-wording", "sphygmomanometer",
     _std("sphygmomanometer", accuracy="准确度0.05"), {}, {"C18-ACCURACY-WORDING"}),
    ("standard-no-range", "sphygmomanometer", _std("sphygmomanometer", range=""), {},
     {"C19-STANDARD-RANGE"}),
    ("record-value-differs", "scale",
     {"results": tuple(replace(r, measured="15010") if r.measured == "15005" else r
                       for r in clean("scale").results)}, {}, {"C20-RECORD-MISMATCH"}),
    ("record-date-differs", "scale", {"performed": D(2026, 11, 23), "valid_until": D(2027, 11, 22)},
     {}, {"C20-RECORD-MISMATCH"}),
    ("record-of-other-item", "scale", {"record_number": "HQ-2026-11-0420"}, {},
     {"C20-RECORD-MISMATCH"}),
]  # fmt: skip

# Near-identical certificates that must stay clean: the boundary on the right side.
CLEAN_TWINS: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    ("validity-last-day", "scale", {"valid_until": D(2027, 11, 23)}, {}),
    ("validity-shorter", "scale", {"valid_until": D(2027, 5, 23)}, {}),
    ("downgrade-noted", "pressure_gauge",
     {"conclusion": "2.5级合格", "remarks": "经客户同意降级使用"}, {}),
    ("result-at-mpe", "sphygmomanometer", _rows("sphygmomanometer", error="−0.5"), {}),
    ("interval-requested", "infusion_pump_calibration",
     {"calibration_interval": "12 个月", "customer_requested_interval": True}, {}),
    ("conformity-requested", "infusion_pump_calibration",
     {"verdict": Verdict.PASS, "conclusion": "合格", "specification": "JJF 1259-2018",
      "decision_rule": "简单接受规则", "customer_requested_conformity": True}, {}),
    ("serial-full-width", "scale", {"serial": "Ａ１２３"}, {}),
    ("serial-spaces", "scale", {"serial": " A123 "}, {}),
    ("performed-on-received-day", "fuel_dispenser", {"performed": D(2026, 11, 23)}, {}),
    ("issued-today", "sphygmomanometer", {"issued": D(2026, 11, 30)}, {}),
    ("standard-valid-on-the-day", "scale",
     {"standards": (replace(standard("STD-W-003"), valid_until=D(2026, 11, 24)),)},
     {"standards": None}),
    ("warm-at-limit", "sphygmomanometer",
     {"environment": (EnvCondition("温度", "25.0", "°C"), EnvCondition("相对湿度", "85", "%RH"))},
     {}),
    ("adjusted-with-before", "sphygmomanometer",
     {"adjusted": True, "results_before": (ResultRow("示值误差", "20.0", "20.9", "+0.9", "±0.5",
                                                     unit="kPa"),)}, {}),
    ("qualitative-row-no-unit", "scale", {}, {}),  # "外观检查 符合要求" has no unit
    ("reissue-complete", "sphygmomanometer", {**REISSUE, "amendment_reason": "更正出厂编号"}, {}),
    ("regulation-with-title", "scale", {"regulation": "JJG 539—2016《数字指示秤》"}, {}),
    ("regulation-successor", "fuel_dispenser", {},
     {"catalog": tuple(replace(c, regulation="JJG 443-2006") if c.instrument_type == "燃油加油机"
                       else c for c in sample_catalog())}),
    ("checker-in-time", "sphygmomanometer", {**BP_EXPIRED, "performed": D(2026, 6, 30),
                                             "received": D(2026, 6, 29), "issued": D(2026, 7, 1),
                                             "valid_until": D(2027, 6, 29)},
     _intake_ctx("20261000124004", received=D(2026, 6, 29))),
    ("no-registers", "scale", {"serial": "anything", "checker": "anyone"},
     {"intake": None, "persons": None, "authorisations": None, "records": None}),
]  # fmt: skip


def codes(cert: Certificate, **ctx_changes: Any) -> set[str]:
    ctx = sample_context(**ctx_changes) if ctx_changes else CTX
    return {d.code for d in check_certificate(cert, ctx)}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_sample_is_clean(kind: str) -> None:
    assert check_certificate(clean(kind), CTX) == []


@pytest.mark.parametrize(
    ("kind", "changes", "ctx_changes", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_rule_trips_on_its_defect_only(
    kind: str, changes: dict[str, Any], ctx_changes: dict[str, Any], expected: set[str]
) -> None:
    assert codes(clean(kind)) == set()  # the twin it was made from
    assert codes(replace(clean(kind), **changes), **ctx_changes) == expected


@pytest.mark.parametrize(
    ("kind", "changes", "ctx_changes"),
    [pytest.param(*case[1:], id=case[0]) for case in CLEAN_TWINS],
)
def test_near_identical_certificate_stays_clean(
    kind: str, changes: dict[str, Any], ctx_changes: dict[str, Any]
) -> None:
    assert codes(replace(clean(kind), **changes), **ctx_changes) == set()


def test_every_content_code_has_a_case() -> None:
    tested = set().union(*(case[4] for case in CASES))
    content = {code for code in RULES if not code.startswith("C17")}
    assert content == tested


def test_supervisor_reads_the_values() -> None:
    (found,) = check_certificate(replace(clean("scale"), serial="A128"), CTX)
    assert found.message_zh == "出厂编号与收件登记不一致：登记 A123，证书 A128"
    assert (
        found.message_en
        == "Serial number differs from intake record: registered A123, certificate A128"
    )
    assert (found.field, found.severity, found.overridable) == ("serial", Severity.BLOCKING, True)
    assert found.clause == RULES["C07-INTAKE-MISMATCH"].clause
    assert found.key == "C07-INTAKE-MISMATCH@serial"


def test_validity_message_proposes_the_date() -> None:
    (found,) = check_certificate(replace(clean("pressure_gauge"), valid_until=None), CTX)
    assert "按检定周期 6 个月应为 2027-05-24" in found.message_zh


def test_environment_message_names_the_limit() -> None:
    hot = (EnvCondition("温度", "28", "℃"), EnvCondition("相对湿度", "48", "%RH"))
    (found,) = check_certificate(replace(clean("sphygmomanometer"), environment=hot), CTX)
    assert found.message_zh == "温度 28 ℃ 超出规程要求的 15～25 ℃"
    assert found.field == "environment[0].value"


def test_authorisation_for_one_role_only() -> None:
    grants = [Authorisation("zhangwei", "电子计价秤", D(2029, 12, 31), role=None)]
    only_check = Authorisation("liuyang", "电子计价秤", D(2029, 12, 31), SignRole.CHECKER)
    approve = Authorisation("wangfang", "电子计价秤", D(2029, 12, 31), SignRole.APPROVER)
    ctx = {"authorisations": (*grants, only_check, approve)}
    assert codes(clean("scale"), **ctx) == set()
    swapped = replace(clean("scale"), checker="wangfang", approver="liuyang")
    assert codes(swapped, **ctx) == {"C05-NOT-AUTHORISED"}


def test_unknown_item_reports_once_without_intake_noise() -> None:
    found = check_certificate(replace(clean("fuel_dispenser"), item_number="20264000126999"), CTX)
    assert [d.code for d in found] == ["C07-INTAKE-MISSING"]


def test_number_register_unknown_or_empty() -> None:
    reissue = replace(clean("sphygmomanometer"), **REISSUE, amendment_reason="更正出厂编号")
    assert codes(reissue, used_numbers=None) == set()  # not known here: not judged
    assert codes(reissue, used_numbers=()) == {"C16-AMENDMENT-UNKNOWN"}
    assert codes(reissue, used_numbers=("20261000124005",)) == set()
