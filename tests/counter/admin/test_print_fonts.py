"""The fonts of printouts as the institute sets them: chosen, refused, recorded, re-rendered."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from counter.admin.settings import load_settings, save_settings
from counter.certificates.pdf import certificate_pdf, pdf_versions
from counter.certificates.service import save_certificate
from counter.errors import CounterError, ValidationError
from counter.intake.catalog import list_types
from counter.intake.documents import labels_pdf
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from db.models import Customer
from db.models_certificates import CertificateRecord
from printing.fonts import SANS_FONT_PATH, SERIF_FONT_PATH
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.printing.fontfakes import cjk_font_without_digits
from tests.printing.pdftools import pdf_page_texts, pdf_text_fonts, squash


@pytest.fixture(scope="module")
def droid_like_font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cjk_font_without_digits(tmp_path_factory.mktemp("fonts") / "droid-like.ttf")


@pytest.fixture
def world(counter: Counter) -> CertWorld:
    return make_world(counter)


def _save_certificate(w: CertWorld, s: Session) -> tuple[int, str]:
    saved = save_certificate(s, w.lab, w.counter.clock, w.scale())
    row = s.get(CertificateRecord, saved.certificate_id)
    assert row is not None
    return row.id, row.number


def _choose(counter: Counter, **fonts: str) -> None:
    with counter.db.action() as s:
        new = dataclasses.replace(load_settings(s), **fonts)
        save_settings(s, counter.admin, counter.clock, new)


def test_a_chosen_font_without_digits_is_refused_with_a_clear_message(
    counter: Counter, droid_like_font: Path, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as caught:
        _choose(counter, document_font=str(droid_like_font))
    assert caught.value.problems == [
        "文书字体：字体 droid-like.ttf 缺少必需的字符："
        + " ".join("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-.:/()%")
    ]
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"not a font" * 50)
    with pytest.raises(ValidationError) as caught:
        _choose(counter, label_font=str(garbage))
    assert caught.value.problems[0].startswith(
        "标签字体：字体 garbage.ttf 不是可嵌入 PDF 的 TrueType 字体"
    )
    with pytest.raises(ValidationError, match="找不到字体文件"):
        _choose(counter, label_font=str(tmp_path / "gone.ttf"))
    with counter.db.session() as s:
        assert load_settings(s).document_font == load_settings(s).label_font == ""


def test_a_certificate_pdf_records_its_font_and_an_old_one_is_rendered_again(
    world: CertWorld,
) -> None:
    w = world
    with w.counter.db.action() as s:
        cid, number = _save_certificate(w, s)
        pdf = certificate_pdf(s, cid, w.counter.clock)
        [first] = pdf_versions(s, cid)
        assert (first.font_family, first.font_fingerprint[-2:]) == ("AR PL UMing CN", "#0")
        assert certificate_pdf(s, cid, w.counter.clock) == pdf  # recorded: kept as it is
        # a PDF stored before fonts were recorded (here: one with blanks for digits)
        first.font_family, first.font_fingerprint, first.pdf = "", "", b"%PDF blank digits"
    with w.counter.db.action() as s:
        again = certificate_pdf(s, cid, w.counter.clock)
        old, new = pdf_versions(s, cid)
        assert old.pdf == b"%PDF blank digits"  # kept as history
        assert new.pdf == again and new.font_family == "AR PL UMing CN"
    text = squash("".join(pdf_page_texts(again)))
    assert w.item_numbers[0] in text and f"证书编号：{number}" in text


def test_a_chosen_complete_font_prints_and_is_recorded(world: CertWorld) -> None:
    w = world
    _choose(w.counter, document_font=f"{SANS_FONT_PATH}#0", label_font=str(SERIF_FONT_PATH))
    with w.counter.db.action() as s:
        cid, _number = _save_certificate(w, s)
        pdf = certificate_pdf(s, cid, w.counter.clock)
        [version] = pdf_versions(s, cid)
    assert version.font_family == "WenQuanYi Micro Hei"
    assert pdf_text_fonts(pdf) == {("WenQuanYiMicroHei", True)}


def test_a_character_no_font_has_stops_the_label_with_a_clear_message(counter: Counter) -> None:
    with counter.db.action() as s:
        customer = s.get(Customer, counter.customer_id)
        assert customer is not None
        customer.short_name = "㐀记五金"
        type_id = list_types(s)[0].id
        saved = save_order(
            s, counter.clerk, counter.clock, OrderDraft(counter.customer_id, (ItemDraft(type_id),))
        )
    with counter.db.session() as s, pytest.raises(CounterError) as caught:
        labels_pdf(s, saved.order_id)
    assert str(caught.value).startswith("字体 WenQuanYi Micro Hei（wqy-microhei.ttc） 缺少字符：㐀")
