"""JSON import: the documented format, every kind of bad input, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter import i18n
from counter.certificates.rules import (
    RULES,
    Certificate,
    CertType,
    EnvCondition,
    ImportResult,
    ResultRow,
    StandardUsed,
    Verdict,
    certificate_to_dict,
    certificates_to_json,
    check_certificate,
    parse_certificates,
)
from counter.certificates.rules.sample_certificates import KINDS, clean
from counter.certificates.rules.samples import sample_context

DOC = Path(__file__).parents[3] / "docs" / "certificate-json.md"


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("zh")


def parse(doc: Any) -> ImportResult:
    return parse_certificates(json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def problems(doc: Any) -> list[tuple[int | None, str]]:
    result = parse(doc)
    assert result.certificates == ()
    return [(p.index, p.field) for p in result.errors]


def minimal(**fields: Any) -> dict[str, Any]:
    return {"type": "verification_certificate", "number": "20261000123001",
            "item_number": "20261000123001", **fields}  # fmt: skip


def test_samples_round_trip() -> None:
    certs = [f() for f in KINDS.values()]
    result = parse_certificates(certificates_to_json(certs))
    assert result.ok and list(result.certificates) == certs


def test_one_certificate_on_its_own() -> None:
    result = parse(certificate_to_dict(clean("scale")))
    assert result.certificates == (clean("scale"),)


def test_documented_example_imports_clean() -> None:
    block = re.search(r"```json\n(.*?)```", DOC.read_text("utf-8"), re.S)
    assert block is not None
    result = parse_certificates(block.group(1).encode("utf-8"))
    assert result.ok, [str(e) for e in result.errors]
    (cert,) = result.certificates
    assert check_certificate(cert, sample_context()) == []


def test_documented_codes_are_the_codes() -> None:
    documented = set(re.findall(r"^\| `(C\d\d-[A-Z-]+)` \|", DOC.read_text("utf-8"), re.M))
    assert documented == set(RULES)


def test_references_for_the_database() -> None:
    reissue = certificate_to_dict(clean("sphygmomanometer"))
    reissue.update(number="20261000124005-001", supersedes="20261000124005")
    result = parse({"certificates": [certificate_to_dict(clean("scale")), reissue]})
    refs = result.references
    assert refs.item_numbers == {"20261000123001", "20261000124004"}
    assert refs.persons == {"zhangwei", "liuyang", "wangfang", "chenjing"}
    assert refs.numbers == {"20261000123001", "20261000124005-001"}
    assert refs.superseded == {"20261000124005"}
    assert refs.standards == {"STD-W-001", "STD-W-002", "STD-M-001"}


def test_minimal_certificate_imports_for_the_check_to_judge() -> None:
    (cert,) = parse(minimal()).certificates
    assert cert.verdict is Verdict.NONE and cert.results == ()


@pytest.mark.parametrize(
    ("conclusion", "verdict"),
    [("Ⅲ级合格", Verdict.PASS), ("不合格", Verdict.FAIL), ("", Verdict.NONE)],
)
def test_verdict_read_from_conclusion_when_absent(conclusion: str, verdict: Verdict) -> None:
    (cert,) = parse(minimal(conclusion=conclusion)).certificates
    assert cert.verdict is verdict


def test_chinese_type_names_and_numbers_kept_as_written() -> None:
    doc = json.dumps(minimal(type="检定结果通知书", environment=[{"quantity": "温度", "value": 0}]))
    data = doc.replace('"value": 0', '"value": 20.50').encode("utf-8")
    (cert,) = parse_certificates(data).certificates
    assert cert.type is CertType.VERIFICATION_NOTICE
    assert cert.environment == (EnvCondition("温度", "20.50"),)


def test_malformed_json_names_line_and_column() -> None:
    result = parse_certificates(b'{"type": "test_report",\n  "number": "1" "x"}')
    (error,) = result.errors
    assert (error.index, error.line, error.column) == (None, 2, 17)
    assert str(error) == "第 2 行第 17 列：JSON 格式错误：缺逗号"


def test_not_utf8() -> None:
    (error,) = parse_certificates('{"type": "检定证书"}'.encode("gbk")).errors
    assert "UTF-8" in error.message


def test_byte_order_mark_is_fine() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(minimal()).encode()
    assert parse_certificates(data).ok


@pytest.mark.parametrize(
    "doc", [[], "text", 3, {"certificates": {}}, {"certificates": []}, {"certificates": [], "x": 1}]
)
def test_file_shape(doc: Any) -> None:
    result = parse(doc)
    assert result.errors and result.certificates == ()
    assert all(p.index is None for p in result.errors)


def test_required_fields() -> None:
    assert problems({"type": "test_report"}) == [(0, "number"), (0, "item_number")]


def test_unknown_field_suggests_the_name() -> None:
    result = parse(minimal(serail="A123"))
    (error,) = result.errors
    assert (error.field, error.message) == ("serail", "未知字段（是否应为“serial”？）")


def test_unknown_type_lists_the_choices() -> None:
    (error,) = parse(minimal(type="verification_certficate")).errors
    assert error.field == "type" and "verification_certificate" in error.message


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [("number", 20261000123001, "number"), ("adjusted", "yes", "adjusted"),
     ("page_count", "3", "page_count"), ("page_numbers", [1, "2"], "page_numbers[1]"),
     ("page_numbers", 3, "page_numbers"), ("results", {"quantity": "x"}, "results"),
     ("results", ["x"], "results[0]"), ("standards", [{"range": "1 kg"}], "standards[0].name"),
     ("environment", [{"quantity": "温度", "value": True}], "environment[0].value"),
     ("verdict", "ok", "verdict")],
)  # fmt: skip
def test_wrong_types(field: str, value: Any, path: str) -> None:
    assert problems(minimal(**{field: value})) == [(0, path)]


@pytest.mark.parametrize(
    ("value", "message"),
    [("2026/11/24", "无法识别的日期“2026/11/24”，应写作 YYYY-MM-DD"),
     ("2026-02-30", "日期“2026-02-30”不存在"),
     ("24.11.2026", "无法识别的日期“24.11.2026”，应写作 YYYY-MM-DD")],
)  # fmt: skip
def test_dates_that_cannot_be_read(value: str, message: str) -> None:
    (error,) = parse(minimal(performed=value)).errors
    assert (error.field, error.message) == ("performed", message)


def test_standard_date_says_which_standard() -> None:
    doc = minimal(standards=[{"name": "砝码"}, {"name": "砝码", "valid_until": "2027-13-01"}])
    assert problems(doc) == [(0, "standards[1].valid_until")]


def test_duplicate_key() -> None:
    result = parse_certificates(b'{"type": "test_report", "number": "1", "number": "2",'
                                b' "item_number": "x"}')  # fmt: skip
    assert [(e.index, e.field) for e in result.errors] == [(None, "number")]


def test_number_twice_in_one_file() -> None:
    doc = {"certificates": [minimal(), minimal(item_number="20261000123002")]}
    (error,) = parse(doc).errors
    assert (error.index, error.field) == (1, "number")
    assert "与第 1 份相同" in error.message


def test_all_or_nothing() -> None:
    good = certificate_to_dict(clean("scale"))
    result = parse({"certificates": [good, good | {"number": "20261000123005", "issued": "soon"}]})
    assert result.certificates == ()
    assert [(e.index, e.field) for e in result.errors] == [(1, "issued")]
    assert result.references.item_numbers == frozenset()


def test_every_problem_in_one_pass() -> None:
    doc = {"certificates": [minimal(performed="x", serail=1), "no", {"type": "?"}]}
    assert problems(doc) == [
        (0, "serail"), (0, "performed"), (1, ""), (2, "number"), (2, "item_number"), (2, "type"),
    ]  # fmt: skip


def test_messages_in_english(english: None) -> None:
    (error,) = parse(minimal(performed="2026-02-30")).errors
    assert str(error) == "certificate 1，performed：There is no such date as “2026-02-30”"
    (error,) = parse_certificates(b"{").errors
    assert error.message.startswith("Malformed JSON")


_text = st.text(st.characters(codec="utf-8"), max_size=12)
_dates = st.none() | st.dates(
    dt.date(1900, 1, 1), dt.date(2199, 12, 31)
)  # what a certificate can carry
_rows = st.builds(ResultRow, _text, _text, _text, _text, _text, _text, _text)
_certs = st.builds(
    Certificate,
    type=st.sampled_from(CertType),
    number=_text,
    item_number=_text,
    customer=_text,
    serial=_text,
    verdict=st.sampled_from(Verdict),
    conclusion=_text,
    performed=_dates,
    valid_until=_dates,
    environment=st.lists(st.builds(EnvCondition, _text, _text, _text), max_size=3).map(tuple),
    standards=st.lists(
        st.builds(StandardUsed, _text, _text, _text, _text, _dates, _text), max_size=3
    ).map(tuple),
    results=st.lists(_rows, max_size=3).map(tuple),
    adjusted=st.booleans(),
    page_count=st.none() | st.integers(0, 50),
    page_numbers=st.lists(st.integers(0, 9), max_size=4).map(tuple),
)


@settings(max_examples=150)
@given(_certs)
def test_any_certificate_round_trips(cert: Certificate) -> None:
    result = parse_certificates(certificates_to_json([cert], indent=None))
    assert result.errors == ()
    assert result.certificates == (cert,)
