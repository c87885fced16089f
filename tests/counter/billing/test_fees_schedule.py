"""Importing a fee standard (CSV, XLSX) row by row, and its versions by effective date."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from counter.billing.rules.addons import PerUnitOver
from counter.billing.rules.catalog_link import FeeIndex, propose_row
from counter.billing.rules.schedule import (
    FeeRow,
    RowError,
    ScheduleVersion,
    check_versions,
    import_schedule,
    starter_schedule,
    version_in_force,
    version_problems,
)
from counter.errors import ValidationError
from counter.money import yuan_to_fen

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "tests/data/fee_schedule_sample.csv"  # a copy of the published sample rows
DAY = dt.date(2026, 1, 1)
HEADER = "收费代码,器具名称,等级/规格,测量范围,计费单位,收费标准（元）,加收规则\n"


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def test_starter_schedule_holds_every_sample_row() -> None:
    result = starter_schedule(DAY)
    assert result.ok and result.errors == ()
    text = (ROOT / "counter/data/fee_schedule.csv").read_text(encoding="utf-8")
    shipped = list(csv.DictReader(io.StringIO(text)))
    assert len(result.rows) == len(shipped) == 65
    assert [(r.code, r.name, r.tier, r.price_fen) for r in result.rows] == [
        (s["收费代码"], s["器具名称"], s["等级/规格"], yuan_to_fen(s["收费标准（元）"]))
        for s in shipped
    ]
    tape = next(r for r in result.rows if r.code == "ZJ-GJC")
    assert tape.addons == (PerUnitOver(500, "m", Decimal(5)),)
    assert all(r.effective_from == DAY for r in result.rows)


def test_the_published_sample_with_english_headers_and_add_ons_imports_the_same() -> None:
    sample = import_schedule(SAMPLE.read_bytes(), "fee_schedule_sample.csv", DAY)
    assert sample.ok
    # the starter adds sample rows (codes SAMPLE-…) for the catalogue's instruments after them
    starter = tuple(r for r in starter_schedule(DAY).rows if not r.code.startswith("SAMPLE-"))
    # the starter copy names D-DLB's condition "交直流两用" (the sample: "AC/DC use") and
    # writes "基本量程" / "10个点" for "basic range" / "10 points"
    assert [(r.code, r.name, r.tier, r.unit, r.price_fen) for r in sample.rows] == [
        (r.code, r.name, r.tier, r.unit, r.price_fen) for r in starter
    ]
    differ = [r.code for r, s in zip(sample.rows, starter, strict=True) if r.addons != s.addons]
    assert differ == ["D-DLB"]


def test_every_catalogue_instrument_has_a_starter_fee_row_marked_when_a_sample() -> None:
    text = (ROOT / "counter/data/instrument_catalog.csv").read_text(encoding="utf-8")
    names = [row["name"] for row in csv.DictReader(io.StringIO(text))]
    rows = starter_schedule(DAY).rows
    index = FeeIndex.of(rows)
    missing = [name for name in names if propose_row(index, name) is None]
    assert len(names) == 26 and missing == []
    shipped = (ROOT / "counter/data/fee_schedule.csv").read_text(encoding="utf-8")
    sources = {r["收费代码"]: r["来源"] for r in csv.DictReader(io.StringIO(shipped))}
    samples = [r for r in rows if r.code.startswith("SAMPLE-")]
    assert len(samples) == 25 and all(r.price_fen > 0 for r in samples)
    assert {sources[r.code] for r in samples} == {"示例行（非收费标准，须由本所替换）"}
    assert propose_row(index, "电子计价秤") is not None
    assert propose_row(index, "血压计和血压表") is not None


def test_errors_are_listed_row_by_row_and_nothing_is_importable() -> None:
    data = _csv(
        "C001,量块,三/四等,≤100 mm,块,50,",
        ",量块,五/六等,≤100 mm,块,27,",  # row 3: no code
        "C003,测微计,,,台,-100,",  # row 4: negative price
        "C004,比较仪,,±30 μm,台,一百,",  # row 5: not a number
        "C001,量块,三/四等,≤100 mm,块,60,",  # row 6: duplicate of row 2
        "C-005-006,钢卷尺,,≤5 m,把,60,+3 per furlong",  # row 7: add-on not understood
        "C008,,,≤1 m,把,30.555,",  # row 8: no name, three decimals
    )
    result = import_schedule(data, "fees.csv", DAY)
    assert result.rows == ()
    assert not result.ok
    assert [(e.row_number, e.column) for e in result.errors] == [
        (3, "收费代码"),
        (4, "收费标准（元）"),
        (5, "收费标准（元）"),
        (6, "收费代码"),
        (7, "加收规则"),
        (8, "器具名称"),
        (8, "收费标准（元）"),
    ]
    messages = [e.message for e in result.errors]
    assert messages[0] == "收费代码不能为空"
    assert messages[1] == "收费标准不能为负数：-100"
    assert "一百" in messages[2]
    assert messages[3] == "与第 2 行重复（收费代码、等级/规格、测量范围都相同）"
    assert "+3 per furlong" in messages[4]


def test_same_code_and_tier_in_another_range_is_not_a_duplicate() -> None:
    result = import_schedule(
        _csv("C001,量块,三/四等,≤100 mm,块,50,", "C001,量块,三/四等,100–500 mm,块,100,"),
        "a.csv",
        DAY,
    )
    assert result.ok and len(result.rows) == 2


def test_missing_columns_are_named() -> None:
    data = _csv("C001,量块,三/四等,块", header="code,name,tier,unit\n")
    result = import_schedule(data, "fees.csv", DAY)
    assert result.rows == ()
    assert result.errors == (RowError(1, "收费标准（元）", "缺少列“收费标准（元）”"),)
    result = import_schedule(_csv("量块", header="器具名称\n"), "fees.csv", DAY)
    assert [e.column for e in result.errors] == ["收费代码", "计费单位", "收费标准（元）"]


def test_gbk_csv_from_chinese_excel() -> None:
    data = (HEADER + "C003,测微计,,,台,100,\n").encode("gbk")
    result = import_schedule(data, "收费标准.CSV", DAY)
    assert result.ok and result.rows[0].name == "测微计"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "fees.csv"),
        (b"not a zip", "fees.xlsx"),
        (b"x", "fees.pdf"),
        (HEADER.encode(), "a.csv"),
    ],
)
def test_unusable_files(data: bytes, name: str) -> None:
    result = import_schedule(data, name, DAY)
    assert result.rows == () and len(result.errors) == 1


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_round_trip() -> None:
    header = [
        "收费代码",
        "器具名称",
        "等级/规格",
        "测量范围",
        "计费单位",
        "收费标准（元）",
        "加收规则",
    ]
    data = _xlsx(
        [
            header,
            ["ZJ-GJC", "钢卷尺", None, "≤5 m", "把", 20, "超过5米每米加收5元"],
            ["D-DLB", "直流电流表", "0.1级", "基本量程", "台", 210.5, "交直流两用加收50%"],
            [1001, "测微计", None, None, "台", "100", None],  # a numeric code
        ]
    )
    result = import_schedule(data, "fees.xlsx", DAY)
    assert result.ok
    assert result.rows == (
        FeeRow(
            "ZJ-GJC", "钢卷尺", "", "≤5 m", "把", 2000, (PerUnitOver(500, "m", Decimal(5)),), DAY
        ),
        FeeRow("D-DLB", "直流电流表", "0.1级", "基本量程", "台", 21050, result.rows[1].addons, DAY),
        FeeRow("1001", "测微计", "", "", "台", 10000, (), DAY),
    )


def test_xlsx_errors_carry_the_row_numbers_the_sheet_shows() -> None:
    header = ["code", "name", "tier", "range", "unit", "price_yuan", "add_on"]
    data = _xlsx(
        [header, ["C001", "量块", "", "", "块", 50, ""], [], ["C002", "x", "", "", "套", -1, ""]]
    )
    result = import_schedule(data, "fees.xlsx", DAY)
    assert [(e.row_number, e.column) for e in result.errors] == [(4, "price_yuan")]
    assert result.rows == ()


def _version(day: dt.date, to: dt.date | None = None) -> ScheduleVersion:
    row = FeeRow("C003", "测微计", "", "", "台", 10000, (), day)
    return ScheduleVersion(day, (row,), to)


def test_version_in_force_on_a_date() -> None:
    old, new = _version(dt.date(2022, 1, 1)), _version(dt.date(2026, 3, 1))
    versions = [new, old]
    assert version_in_force(versions, dt.date(2021, 12, 31)) is None
    assert version_in_force(versions, dt.date(2022, 1, 1)) is old
    assert version_in_force(versions, dt.date(2026, 2, 28)) is old
    assert version_in_force(versions, dt.date(2026, 3, 1)) is new
    ended = _version(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert version_in_force([ended], dt.date(2023, 1, 1)) is None
    check_versions(versions)
    check_versions([ended, new])


def test_overlapping_or_duplicate_dates_are_refused() -> None:
    day = dt.date(2026, 3, 1)
    with pytest.raises(ValidationError) as error:
        check_versions([_version(day), _version(day)])
    assert error.value.problems == ["已有 2026-03-01 生效的收费标准，生效日期不能重复"]
    overlapping = [_version(dt.date(2022, 1, 1), dt.date(2026, 3, 1)), _version(day)]
    assert version_problems(overlapping) == [
        "2022-01-01 起的收费标准到 2026-03-01 截止，与 2026-03-01 起的收费标准重叠"
    ]
    backwards = ScheduleVersion(day, _version(day).rows, dt.date(2026, 2, 1))
    assert version_problems([backwards]) == ["2026-03-01 起的收费标准截止日期早于生效日期"]
    assert version_problems([ScheduleVersion(day, ())]) == ["2026-03-01 起的收费标准没有收费项目"]
    mixed = ScheduleVersion(day, _version(dt.date(2025, 1, 1)).rows)
    assert len(version_problems([mixed])) == 1
