"""Clean sample certificates, one per realistic case, valid against `sample_context()`.

`clean(kind)` returns a certificate with no defect at all; tests derive defective ones
from it with `dataclasses.replace`, and the benchmark checks thousands of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from counter.certificates.rules.model import (
    DEFAULT_STATEMENTS,
    Certificate,
    CertType,
    EnvCondition,
    ResultRow,
    StandardUsed,
    Verdict,
)
from counter.certificates.rules.samples import (
    INTAKE,
    SCALE_RESULTS,
    STANDARDS,
    signers,
)

D = dt.date
_STD = {s.id: s for s in STANDARDS}
_INTAKE = {r.item_number: r for r in INTAKE}
ROOM_ENV = (EnvCondition("温度", "20.5", "℃"), EnvCondition("相对湿度", "55", "%RH"))


def standard(ref: str) -> StandardUsed:
    """A standard as printed, copied from the register."""
    s = _STD[ref]
    return StandardUsed(s.name, s.range, s.accuracy, s.certificate_number, s.valid_until, ref)


def _base(item: str, kind: CertType, number: str, **fields: object) -> Certificate:
    r = _INTAKE[item]
    verifier, checker, approver = signers(r.instrument_type)
    cert = Certificate(
        type=kind,
        number=number,
        item_number=item,
        customer=r.customer,
        instrument_name=r.instrument_name,
        model=r.model,
        serial=r.serial,
        manufacturer=r.manufacturer,
        accuracy_class=r.accuracy_class,
        received=r.received,
        verifier=verifier,
        checker=checker,
        approver=approver,
        statement=DEFAULT_STATEMENTS[kind],
        page_count=3,
        location="本所实验室",
        environment=ROOM_ENV,
    )
    return replace(cert, **fields)  # type: ignore[arg-type]


def scale() -> Certificate:
    """电子计价秤, Ⅲ class, passed: JJG 539-2016, 12 months."""
    return _base(
        "20261000123001",
        CertType.VERIFICATION_CERTIFICATE,
        "20261000123001",
        regulation="JJG 539-2016",
        verdict=Verdict.PASS,
        conclusion="Ⅲ级合格",
        performed=D(2026, 11, 24),
        issued=D(2026, 11, 25),
        valid_until=D(2027, 11, 23),
        location="本所衡器实验室（201 室）",
        standards=(standard("STD-W-001"), standard("STD-W-002")),
        results=SCALE_RESULTS,
        record_number="HQ-2026-11-0419",
    )


def sphygmomanometer() -> Certificate:
    """台式血压计 (mercury), passed: JJG 270-2008, 12 months."""
    rows = tuple(
        ResultRow("示值误差", nominal, measured, error, "±0.5", unit="kPa")
        for nominal, measured, error in (
            ("0", "0.0", "0.0"),
            ("6.7", "6.8", "+0.1"),
            ("13.3", "13.3", "0.0"),
            ("20.0", "19.9", "−0.1"),
            ("26.7", "26.8", "+0.1"),
            ("33.3", "33.2", "−0.1"),
        )
    )
    leak = ResultRow("气密性（压力下降）", "", "0.2", "", "≤0.5", unit="kPa/min")
    return _base(
        "20261000124004",
        CertType.VERIFICATION_CERTIFICATE,
        "20261000124001",
        regulation="JJG 270-2008",
        verdict=Verdict.PASS,
        conclusion="合格",
        performed=D(2026, 11, 24),
        issued=D(2026, 11, 26),
        valid_until=D(2027, 11, 23),
        location="本所医疗计量实验室（305 室）",
        environment=(EnvCondition("温度", "21.0", "℃"), EnvCondition("相对湿度", "48", "%RH")),
        standards=(standard("STD-M-001"),),
        results=(*rows, leak),
        record_number="YL-2026-11-1187",
    )


def pressure_gauge() -> Certificate:
    """一般压力表 (0～1.6) MPa, 1.6 class, passed: JJG 52-2013, 6 months."""
    rows = tuple(
        ResultRow("示值误差", nominal, measured, error, "±0.026", unit="MPa")
        for nominal, measured, error in (
            ("0", "0.000", "0.000"),
            ("0.4", "0.405", "+0.005"),
            ("0.8", "0.810", "+0.010"),
            ("1.2", "1.195", "−0.005"),
            ("1.6", "1.600", "0.000"),
        )
    )
    return _base(
        "20261000125006",
        CertType.VERIFICATION_CERTIFICATE,
        "20261000125001",
        regulation="JJG 52-2013",
        verdict=Verdict.PASS,
        conclusion="1.6级合格",
        performed=D(2026, 11, 25),
        issued=D(2026, 11, 26),
        valid_until=D(2027, 5, 24),
        location="本所压力实验室（112 室）",
        standards=(standard("STD-P-001"),),
        results=(*rows, ResultRow("回程误差", "0.8", "0.004", "", "≤0.026", unit="MPa")),
        record_number="YL-2026-11-0533",
    )


def fuel_dispenser() -> Certificate:
    """燃油加油机 on site, passed: JJG 443-2015, 6 months."""
    return _base(
        "20264000126009",
        CertType.VERIFICATION_CERTIFICATE,
        "20264000126001",
        regulation="JJG 443-2015",
        verdict=Verdict.PASS,
        conclusion="合格",
        performed=D(2026, 11, 23),
        issued=D(2026, 11, 24),
        valid_until=D(2027, 5, 22),
        location="客户现场：东关加油站 3 号加油机",
        environment=(EnvCondition("温度", "8.5", "℃"), EnvCondition("相对湿度", "62", "%RH")),
        standards=(standard("STD-F-001"),),
        results=(
            ResultRow("示值误差（大流量）", "20", "20.02", "−0.10%", "±0.30%", unit="L"),
            ResultRow("示值误差（小流量）", "20", "19.97", "+0.15%", "±0.30%", unit="L"),
            ResultRow("重复性", "20", "", "0.04%", "≤0.10%", unit="L"),
        ),
        record_number="RL-2026-11-0210",
    )


def infusion_pump_calibration() -> Certificate:
    """输液泵 calibrated (JJF 1259-2018), no conformity asked for."""
    return _base(
        "20261000124011",
        CertType.CALIBRATION_CERTIFICATE,
        "20261000124002",
        regulation="JJF 1259-2018",
        performed=D(2026, 11, 25),
        issued=D(2026, 11, 27),
        location="本所医疗计量实验室（305 室）",
        standards=(standard("STD-C-001"),),
        results=(
            ResultRow("流量", "25", "25.3", "+1.2%", uncertainty="U=0.8% (k=2)", unit="mL/h"),
            ResultRow("流量", "100", "99.1", "−0.9%", uncertainty="U=0.8% (k=2)", unit="mL/h"),
            ResultRow("阻塞报警压力", "", "62.5", "", uncertainty="U=1.5 kPa (k=2)", unit="kPa"),
        ),
        record_number="YL-2026-11-1190",
    )


def tape_test_report() -> Certificate:
    """钢卷尺 tested against a product standard at the customer's request."""
    return _base(
        "20261000125013",
        CertType.TEST_REPORT,
        "20261000125002",
        regulation="QB/T 2443-2011",
        verdict=Verdict.PASS,
        conclusion="所检项目符合 QB/T 2443-2011 Ⅱ级要求",
        customer_requested_conformity=True,
        specification="QB/T 2443-2011《钢卷尺》Ⅱ级",
        decision_rule="简单接受规则（ILAC-G8:09/2019 4.2.1）",
        performed=D(2026, 11, 25),
        issued=D(2026, 11, 26),
        location="本所长度实验室（108 室）",
        standards=(standard("STD-L-001"),),
        results=(
            ResultRow("示值误差", "1000", "1000.2", "+0.2", "±0.5", unit="mm"),
            ResultRow("示值误差", "5000", "4999.5", "−0.5", "±1.1", unit="mm"),
        ),
        record_number="CD-2026-11-0077",
    )


def scale_notice() -> Certificate:
    """电子计价秤 failed: a 检定结果通知书 without validity."""
    return _base(
        "20261000123014",
        CertType.VERIFICATION_NOTICE,
        "20261000123002",
        regulation="JJG 539-2016",
        verdict=Verdict.FAIL,
        conclusion="不合格",
        performed=D(2026, 11, 24),
        issued=D(2026, 11, 25),
        location="本所衡器实验室（201 室）",
        standards=(standard("STD-W-001"),),
        results=(
            ResultRow("称量示值误差", "2000", "2010", "+10.0", "±2.5", unit="g"),
            ResultRow("称量示值误差", "5000", "5010", "+10.0", "±5.0", unit="g"),
        ),
        record_number="HQ-2026-11-0431",
        remarks="不合格项目：称量示值误差超出最大允许误差。",
    )


def long_certificate(rows: int = 50) -> Certificate:
    """A clean 台式血压计 certificate with `rows` result lines (50 print on 3 pages)."""
    lines = tuple(
        ResultRow("示值误差", f"{n * 0.5:.1f}", f"{n * 0.5 + 0.1:.1f}", "+0.1", "±0.5", unit="kPa")
        for n in range(rows)
    )
    return replace(sphygmomanometer(), results=lines)


KINDS = {
    "scale": scale,
    "sphygmomanometer": sphygmomanometer,
    "pressure_gauge": pressure_gauge,
    "fuel_dispenser": fuel_dispenser,
    "infusion_pump_calibration": infusion_pump_calibration,
    "tape_test_report": tape_test_report,
    "scale_notice": scale_notice,
}


def clean(kind: str = "scale") -> Certificate:
    """A certificate with no defect against `sample_context()`."""
    return KINDS[kind]()
