"""A table cell longer than a page splits across pages instead of stopping the printout."""

from __future__ import annotations

from dataclasses import replace

from counter.certificates.rules.model import ResultRow
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.to_print import print_data
from printing.certificate import render_certificate
from printing.common import InstituteInfo
from tests.printing.pdftools import pdf_page_count, pdf_page_texts, squash

INSTITUTE = InstituteInfo(
    "聊城市计量测试所", "聊城市柳园路 66 号", "0635-8888666", "（鲁）法计", ""
)


def test_a_3000_character_result_cell_prints_whole_over_several_pages() -> None:
    long = "".join(str(i % 10) for i in range(3000))
    cert = replace(clean("scale"), results=(ResultRow("称量", "1", long, "0", "1", "", "g"),))
    rendered = render_certificate(print_data(cert, INSTITUTE))
    assert rendered.page_count == pdf_page_count(rendered.pdf) >= 3
    text = squash("".join(pdf_page_texts(rendered.pdf)))
    assert all(long[i : i + 200] in text for i in range(0, 3000, 200))
