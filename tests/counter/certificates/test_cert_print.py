"""From a checked certificate to the printed one: names, titles, what is left out."""

from __future__ import annotations

from dataclasses import replace

from counter.certificates.rules import ResultRow, check_certificate
from counter.certificates.rules.sample_certificates import clean, long_certificate
from counter.certificates.rules.samples import sample_context
from counter.certificates.rules.to_print import print_data, regulation_text
from printing.certificate import certificate_digest, render_certificate
from printing.common import InstituteInfo
from tests.printing.pdftools import pdf_barcode_results, pdf_page_texts, squash

CTX = sample_context()
INSTITUTE = InstituteInfo("聊城市计量测试所", authorisation_no="（鲁）法计（2023）01001号")


def test_people_by_name_and_regulation_with_title() -> None:
    data = print_data(clean("scale"), INSTITUTE, CTX.persons, CTX.regulations)
    assert (data.verifier, data.checker, data.approver) == ("张伟", "刘洋", "王芳")
    assert data.regulation == "JJG 539-2016《数字指示秤》"
    assert data.valid_until == clean("scale").valid_until
    assert data.results[1].limit == "±2.5"


def test_unknown_people_and_regulations_print_as_given() -> None:
    data = print_data(replace(clean("scale"), checker="nobody"), INSTITUTE)
    assert data.checker == "nobody" and data.regulation == "JJG 539-2016"
    assert regulation_text("JJG 1-2000《X》", CTX.regulations) == "JJG 1-2000《X》"


def test_calibration_prints_uncertainty_and_no_validity() -> None:
    cert = replace(clean("infusion_pump_calibration"), customer_requested_interval=True,
                   calibration_interval="12 个月")  # fmt: skip
    data = print_data(cert, INSTITUTE, CTX.persons, CTX.regulations)
    assert data.valid_until is None and data.interval == "12 个月"
    assert data.results[0].limit == "U=0.8% (k=2)"


def test_adjusted_instrument_prints_both_tables() -> None:
    before = (ResultRow("示值误差", "20.0", "20.9", "+0.9", "±0.5", unit="kPa"),)
    cert = replace(clean("sphygmomanometer"), adjusted=True, results_before=before)
    assert check_certificate(cert, CTX) == []
    data = print_data(cert, INSTITUTE, CTX.persons)
    assert data.adjustment == "经调整" and data.results_before[0].measured == "20.9"


def test_printed_certificate_scans_back() -> None:
    cert = clean("pressure_gauge")
    data = print_data(cert, INSTITUTE, CTX.persons, CTX.regulations)
    rendered = render_certificate(data)
    found = pdf_barcode_results(rendered.pdf, page=0, scale=3)
    assert (f"CERT:{cert.number}:{certificate_digest(data)}", "QRCode") in found
    assert (cert.item_number, "Code128") in found
    cover = squash(pdf_page_texts(rendered.pdf)[0])
    assert "检定结论1.6级合格" in cover and "有效期至2027年05月24日" in cover
    assert rendered.page_count == 2


def test_long_sample_prints_on_three_numbered_pages() -> None:
    cert = long_certificate()
    assert check_certificate(cert, CTX) == []
    rendered = render_certificate(print_data(cert, INSTITUTE, CTX.persons, CTX.regulations))
    texts = [squash(t) for t in pdf_page_texts(rendered.pdf)]
    assert rendered.page_count == len(texts) == 3
    assert all(f"第{i}页共3页" in t for i, t in enumerate(texts, start=1))
