"""The certificate PDF, read back the way a customer and an auditor read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from printing.certificate import (
    certificate_digest,
    qr_payload,
    render_certificate,
    render_certificate_pdf,
)
from printing.certificate_data import CertificatePrint, ResultLine, StandardLine
from printing.common import InstituteInfo
from tests.printing.pdftools import pdf_barcode_results, pdf_page_count, pdf_page_texts, squash

D = dt.date
INSTITUTE = InstituteInfo(
    name="聊城市计量测试所",
    address="山东省聊城市东昌府区柳园南路 88 号",
    phone="0635-8888888",
    authorisation_no="（鲁）法计（2023）01001号",
)
ROWS = (
    ResultLine("外观检查", measured="符合要求"),
    ResultLine("称量示值误差", "100", "100", "0.0", "±2.5", "g"),
    ResultLine("称量示值误差", "5000", "5000", "+1.5", "±5.0", "g"),
    ResultLine("称量示值误差", "15000", "15005", "+3.0", "±7.5", "g"),
)


def scale(**changes: object) -> CertificatePrint:
    data = CertificatePrint(
        kind="verification_certificate",
        number="20261000123001",
        item_number="20261000123001",
        institute=INSTITUTE,
        customer="聊城市东昌府区古楼农贸市场经营管理有限公司",
        instrument_name="电子计价秤",
        model="ACS-15",
        serial="A123",
        manufacturer="上海大华电子秤厂",
        accuracy_class="Ⅲ",
        regulation="JJG 539-2016《数字指示秤》",
        conclusion="Ⅲ级合格",
        performed=D(2026, 11, 24),
        valid_until=D(2027, 11, 23),
        issued=D(2026, 11, 25),
        verifier="张伟",
        checker="刘洋",
        approver="王芳",
        record_number="HQ-2026-11-0419",
        standards=(
            StandardLine("M1 等级砝码", "(1～20) kg", "M1级", "ZJ2026-0312", D(2027, 3, 14)),
        ),
        location="本所衡器实验室（201 室）",
        environment=(("温度", "20.5", "℃"), ("相对湿度", "55", "%RH")),
        results=ROWS,
        statement="本证书的检定结果仅对所检器具有效。",
        contacts="邮编：252000　传真：0635-8888899",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def three_pages() -> CertificatePrint:
    rows = tuple(
        ResultLine("称量示值误差", f"{n * 100}", f"{n * 100}", "+0.5", "±2.5", "g")
        for n in range(50)
    )
    return scale(results=rows)


def test_cover_and_inner_pages_say_what_the_certificate_says() -> None:
    data = scale()
    cover, inner = (squash(t) for t in pdf_page_texts(render_certificate_pdf(data)))
    for expected in (
        "聊城市计量测试所", "检定证书", "VERIFICATIONCERTIFICATE", "证书编号：20261000123001",
        "送检单位", data.customer, "计量器具名称电子计价秤", "型号/规格ACS-15", "出厂编号A123",
        "制造单位上海大华电子秤厂", "检定依据JJG539-2016《数字指示秤》", "检定结论Ⅲ级合格",
        "批准人王芳", "核验员刘洋", "检定员张伟", "检定日期2026年11月24日",
        "有效期至2027年11月23日", "签发日期2026年11月25日",
        "计量检定机构授权证书号：（鲁）法计（2023）01001号",
        "地址：山东省聊城市东昌府区柳园南路88号", "电话：0635-8888888", "邮编：252000",
        "本证书的检定结果仅对所检器具有效。", "未经本机构书面批准，不得部分复制本证书。",
        "收件编号20261000123001",
    ):  # fmt: skip
        assert squash(expected) in cover, expected
    for expected in (
        "原始记录编号：HQ-2026-11-0419", "检定地点：本所衡器实验室（201室）",
        "环境条件：温度20.5℃，相对湿度55%RH", "检定使用的计量标准器具",
        "M1等级砝码(1～20)kgM1级ZJ2026-03122027-03-14", "检定结果",
        "最大允许误差", "4称量示值误差1500015005+3.0±7.5g", "以下空白",
    ):  # fmt: skip
        assert squash(expected) in inner, expected


def test_every_page_numbered() -> None:
    rendered = render_certificate(three_pages())
    texts = pdf_page_texts(rendered.pdf)
    assert rendered.page_count == len(texts) == pdf_page_count(rendered.pdf) == 3
    for i, text in enumerate(texts, start=1):
        assert f"第{i}页共3页" in squash(text)
        assert "证书编号：20261000123001" in squash(text)
    assert "以下空白" in texts[-1] and "以下空白" not in texts[1]
    assert "序号项目标称值" in squash(texts[2])  # the results header repeats


def test_qr_carries_number_and_digest_and_barcode_the_item() -> None:
    data = scale(item_number="20261000123007")
    rendered = render_certificate(data)
    found = pdf_barcode_results(rendered.pdf, page=0, scale=3)
    digest = certificate_digest(data)
    assert rendered.digest == digest and len(digest) == 12
    assert (f"CERT:20261000123001:{digest}", "QRCode") in found
    assert ("20261000123007", "Code128") in found
    assert qr_payload(data) == f"CERT:20261000123001:{digest}"


def test_digest_follows_the_content() -> None:
    assert certificate_digest(scale()) == certificate_digest(scale())
    assert certificate_digest(scale()) != certificate_digest(scale(serial="A128"))
    assert certificate_digest(scale()) != certificate_digest(scale(results=ROWS[:-1]))


def test_notice_has_no_validity() -> None:
    data = scale(kind="verification_notice", conclusion="不合格", valid_until=D(2027, 11, 23))
    cover = squash(pdf_page_texts(render_certificate_pdf(data))[0])
    assert "检定结果通知书" in cover and "检定结论不合格" in cover
    assert "有效期至" not in cover and "本通知书" in cover


def test_calibration_certificate() -> None:
    rows = (ResultLine("流量", "25", "25.3", "+1.2%", "U=0.8% (k=2)", "mL/h"),)
    statement = "本证书的校准结果仅对所校准的器具有效。"
    data = scale(kind="calibration_certificate", conclusion="", valid_until=None, results=rows,
                 regulation="JJF 1259-2018", statement=statement)  # fmt: skip
    cover, inner = (squash(t) for t in pdf_page_texts(render_certificate_pdf(data)))
    assert "校准证书" in cover and "委托单位" in cover and "校准员张伟" in cover
    assert "校准结论" not in cover and "有效期至" not in cover
    assert "扩展不确定度" in inner and "U=0.8%(k=2)" in inner and "校准结果" in inner


def test_test_report() -> None:
    data = scale(kind="test_report", conclusion="所检项目符合 QB/T 2443-2011 要求",
                 conformity="依据 QB/T 2443-2011；判定规则：简单接受规则")  # fmt: skip
    cover, inner = (squash(t) for t in pdf_page_texts(render_certificate_pdf(data)))
    assert "检测报告" in cover and "样品名称" in cover and "检测结论所检项目符合" in cover
    assert "符合性判定依据：依据QB/T2443-2011；判定规则：简单接受规则" in inner


def test_adjustment_before_and_after_and_amendment() -> None:
    before = (ResultLine("称量示值误差", "5000", "5010", "+10.0", "±5.0", "g"),)
    data = scale(results_before=before, adjustment="经调整", supersedes="20261000123001",
                 number="20261000123001-001", amendment_reason="更正出厂编号")  # fmt: skip
    inner = squash(pdf_page_texts(render_certificate_pdf(data))[1])
    assert "检定结果（经调整，调修前）" in inner and "检定结果（调修后）" in inner
    assert inner.index("50005010+10.0") < inner.index("调修后")
    assert "本证书替代编号为20261000123001的原件，原件作废。修改原因：更正出厂编号" in inner


def test_long_values_fit() -> None:
    long_name = "某某省某某市某某区某某街道某某社区卫生服务中心（第二门诊部）设备科计量管理组"
    data = scale(customer=long_name, standards=(), results=())
    texts = pdf_page_texts(render_certificate_pdf(data))
    assert len(texts) == 2 and "以下空白" in texts[1]


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown certificate kind"):
        scale(kind="receipt")
