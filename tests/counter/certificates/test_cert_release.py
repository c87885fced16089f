"""The release gate (rule 17): reviewed, passed, not by a signatory, defects resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from counter.certificates.rules import (
    Defect,
    FinalCheck,
    Override,
    check_certificate,
    may_release,
    release_defects,
)
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.samples import sample_context
from counter.clock import CHINA_TZ

AT = dt.datetime(2026, 11, 26, 10, 15, tzinfo=CHINA_TZ)
CTX = sample_context()


def reviewed(
    passed: bool = True,
    reviewer: str = "sunli",
    comment: str = "",
    blocking: tuple[str, ...] = (),
    overrides: tuple[Override, ...] = (),
) -> FinalCheck:
    return FinalCheck(reviewer, AT, passed, comment, blocking, overrides)


def codes(problems: Sequence[Defect]) -> list[str]:
    return [p.code for p in problems]


def test_not_reviewed_may_not_leave() -> None:
    ok, reasons = may_release(clean("scale"))
    assert not ok
    assert reasons == ["证书未经最终审核，不能放行"]


def test_passed_review_releases() -> None:
    cert = replace(clean("scale"), final_check=reviewed())
    assert may_release(cert) == (True, [])
    assert may_release(cert, check_certificate(cert, CTX)) == (True, [])


def test_review_sent_back() -> None:
    cert = replace(clean("scale"), final_check=reviewed(False, comment="请补充偏载误差"))
    ok, reasons = may_release(cert)
    assert not ok
    assert reasons == ["最终审核未通过（sunli，2026-11-26 10:15）：请补充偏载误差"]


def test_nobody_passes_what_they_signed() -> None:
    cert = replace(clean("scale"), final_check=reviewed(reviewer="liuyang"))
    assert codes(release_defects(cert)) == ["C17-REVIEWER-SIGNED"]


def test_overridable_defect_released_with_a_reason() -> None:
    cert = replace(clean("scale"), serial="A128")
    defects = check_certificate(cert, CTX)
    (key,) = [d.key for d in defects if d.blocking]
    override = Override(key, "收件登记笔误，铭牌为 A128，已核对实物", "sunli", AT)
    ok_cert = replace(cert, final_check=reviewed(blocking=(key,), overrides=(override,)))
    assert may_release(ok_cert, defects) == (True, [])
    assert may_release(ok_cert) == (True, [])


def test_override_needs_a_written_reason() -> None:
    cert = replace(clean("scale"), serial="A128")
    defects = check_certificate(cert, CTX)
    blank = Override("C07-INTAKE-MISMATCH@serial", "  ", "sunli", AT)
    cert = replace(cert, final_check=reviewed(overrides=(blank,)))
    ok, reasons = may_release(cert, defects)
    assert not ok
    assert reasons == [
        "阻断性问题未改正，也没有书面放行理由：出厂编号与收件登记不一致：登记 A123，证书 A128"
    ]


def test_override_by_a_signatory_does_not_count() -> None:
    cert = replace(clean("scale"), serial="A128")
    defects = check_certificate(cert, CTX)
    mine = Override("C07-INTAKE-MISMATCH@serial", "我核对过", "zhangwei", AT)
    cert = replace(cert, final_check=reviewed(overrides=(mine,)))
    assert codes(release_defects(cert, defects)) == ["C17-DEFECT-OPEN"]


def test_some_defects_cannot_be_overridden() -> None:
    cert = replace(clean("scale"), valid_until=None)
    defects = check_certificate(cert, CTX)
    (key,) = [d.key for d in defects]
    cert = replace(cert, final_check=reviewed(overrides=(Override(key, "客户急用", "sunli", AT),)))
    ok, reasons = may_release(cert, defects)
    assert not ok and reasons[0].startswith("阻断性问题不允许放行，必须改正：检定证书缺“有效期至”")


def test_recorded_blocking_keys_are_used_without_a_recheck() -> None:
    cert = replace(clean("scale"), final_check=reviewed(blocking=("C07-INTAKE-MISMATCH@serial",)))
    assert codes(release_defects(cert)) == ["C17-DEFECT-OPEN"]


def test_warnings_do_not_block() -> None:
    cert = replace(clean("scale"), final_check=reviewed())
    cert = replace(cert, standards=(replace(cert.standards[0], range=""),))
    defects = check_certificate(cert, CTX)
    assert codes(defects) == ["C19-STANDARD-RANGE"]
    assert may_release(cert, defects) == (True, [])
