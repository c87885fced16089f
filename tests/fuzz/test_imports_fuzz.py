"""Whatever a file holds, an import answers with its problems listed and never crashes.

Each target runs 2,000 generated examples (issue 9: bad input gets a clear message, never a
raw exception): random and mutated CSV/XLSX fee standards, random and hostile certificate JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.billing.rules.schedule import import_schedule
from counter.certificates.rules import parse_certificates

DAY = dt.date(2026, 1, 1)
FUZZ = settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
HEADER = "收费代码,器具名称,等级/规格,测量范围,计费单位,收费标准（元）,加收规则\n"


def _valid_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(","))
    sheet.append(["C001", "量块", "三等", "≤100 mm", "块", 50, ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = _valid_xlsx()

cells = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", "=1+1", "-5", "1e999", "NaN", "¥1,230.50", "x" * 140_000, "\x00", '"', "5/m>5m"]
)
csv_rows = st.lists(st.lists(cells, min_size=1, max_size=8), max_size=6)


def _csv(rows: list[list[str]]) -> bytes:
    body = "\n".join(",".join(row) for row in rows)
    return (HEADER + body).encode("utf-8", "surrogatepass")


@FUZZ
@given(csv_rows)
def test_any_csv_fee_standard_is_answered(rows: list[list[str]]) -> None:
    result = import_schedule(_csv(rows), "standard.csv", DAY)
    assert result.ok or result.errors
    assert all(str(e.message) for e in result.errors)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["standard.csv", "standard.xlsx"]))
def test_any_bytes_are_answered(data: bytes, name: str) -> None:
    result = import_schedule(data, name, DAY)
    assert result.ok or result.errors


@FUZZ
@given(st.data())
def test_a_damaged_xlsx_is_answered(data: st.DataObject) -> None:
    damaged = bytearray(XLSX)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(damaged) // 2, len(damaged)))
    result = import_schedule(bytes(damaged[:cut]), "standard.xlsx", DAY)
    assert result.ok or result.errors


leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["9999-12-31", "2026-02-30", "0001-01-01", "2026-11-23", "x" * 3000])
)
json_values = (
    leaves
    | st.lists(leaves, max_size=4)
    | st.dictionaries(st.text(max_size=12), leaves, max_size=4)
    | st.lists(
        st.dictionaries(st.sampled_from(["name", "value", "unit", "ref"]), leaves), max_size=3
    )
)
FIELDS = [
    "type", "number", "item_number", "customer", "verdict", "performed", "issued",
    "valid_until", "page_count", "page_numbers", "standards", "results", "environment",
    "regulation", "signatories", "conclusion",
]  # fmt: skip


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=10))
def test_any_certificate_json_is_answered(doc: dict[str, object]) -> None:
    result = parse_certificates(json.dumps(doc).encode())
    assert result.certificates or result.errors


@settings(max_examples=100, deadline=None, database=None)  # four fixed files, varied tails
@given(
    st.sampled_from(
        [
            "[" * 100_000,
            '{"page_count": ' + "9" * 5000 + "}",
            '{"page_count": 1000000000000}',
            '{"performed": "9999-12-31", "valid_until": "9999-12-31"}',
        ]
    ),
    st.binary(max_size=20),
)
def test_hostile_certificate_files_are_answered(text: str, tail: bytes) -> None:
    result = parse_certificates(text.encode() + tail)
    assert result.certificates or result.errors
