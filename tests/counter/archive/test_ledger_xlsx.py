"""The ledger as a spreadsheet on SQLite and PostgreSQL: the e-CQS round trip, all-or-nothing
imports with an error per row, duplicates, and damaged files refused with a message."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from counter.archive import ledger_xlsx
from counter.archive.ledger import LedgerEntry, add_entry, customer_ledger, set_status
from counter.archive.ledger_xlsx import LedgerImportError, export_ledger_xlsx, import_ledger
from counter.archive.rules.ledger_columns import ECQS_COLUMNS, EXTRA_COLUMNS
from counter.archive.rules.ledger_form import EntryForm
from counter.customers.records import CustomerForm, create_customer
from counter.errors import ValidationError
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from db.models import AuditEntry, Instrument
from tests.conftest import Counter

TODAY = dt.date(2026, 11, 23)
HEADINGS = [h for h, _f in ECQS_COLUMNS]
#: what an import may not carry over: the entry's identity and history
NOT_COPIED = {"id", "customer_id", "source", "created_at", "updated_at"}


def _types(c: Counter) -> dict[str, int]:
    with c.db.session() as s:
        return {t.name: t.id for t in list_types(s)}


def _other_customer(c: Counter, name: str = "东昌府区农贸市场") -> int:
    with c.db.action() as s:
        return create_customer(s, c.clerk, c.clock, CustomerForm(name=name)).id


def _ledger(c: Counter, customer_id: int) -> list[LedgerEntry]:
    with c.db.session() as s:
        return customer_ledger(s, customer_id, TODAY)


def _comparable(entry: LedgerEntry) -> dict[str, object]:
    return {k: v for k, v in dataclasses.asdict(entry).items() if k not in NOT_COPIED}


def _import(c: Counter, customer_id: int, data: bytes, name: str = "台账.xlsx") -> object:
    with c.db.action() as s:
        return import_ledger(s, c.clerk, c.clock, customer_id, data, name)


def _csv(rows: list[list[str]], headings: list[str] = HEADINGS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _row(name: str = "电子计价秤", serial: str = "S1", **cells: str) -> list[str]:
    values = {"器具名称": name, "出厂编号": serial, "数量": "1", "用途": "贸易结算",
              "送检方式": "送检", "行政区划": "371502", **cells}  # fmt: skip
    return [values.get(h, "") for h in HEADINGS]


def _count(c: Counter) -> int:
    with c.db.session() as s:
        return s.scalar(select(func.count()).select_from(Instrument)) or 0


def _seed(c: Counter) -> None:
    """A ledger with every kind of entry: from intake, typed in, verified, scrapped."""
    types = _types(c)
    with c.db.action() as s:
        draft = ItemDraft(types["电子计价秤"], model="ACS-15", serial="007", use="trade")
        save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, (draft,)))
        for serial, changes in (
            ("P1", {"last_verified": dt.date(2026, 3, 1), "valid_until": dt.date(2026, 8, 31)}),
            ("P2", {"location": '=HYPERLINK("http://x")', "quantity": 12, "use": ""}),
            ("P3", {"verify_mode": "onsite", "regulator_number": "QG-1", "kind": "压力表"}),
        ):
            form = EntryForm(types["一般压力表"], serial=serial, origin="山东", location="锅炉房",
                             division_code="371502", use="safety", category="压力")  # fmt: skip
            entry = add_entry(s, c.clerk, c.clock, c.customer_id,
                              dataclasses.replace(form, **changes))  # type: ignore[arg-type]  # fmt: skip
        set_status(s, c.clerk, c.clock, entry.id, "scrapped", dt.date(2026, 11, 1), "表盘破损")
        tape = EntryForm(types["钢卷尺"], serial="", name="五米卷尺", quantity=30)
        add_entry(s, c.clerk, c.clock, c.customer_id, tape)


def test_export_then_import_into_another_customer_gives_identical_entries(
    counter: Counter,
) -> None:
    c = counter
    _seed(c)
    with c.db.session() as s:
        data = export_ledger_xlsx(s, c.customer_id)
    other = _other_customer(c)
    assert _import(c, other, data) == ledger_xlsx.LedgerImport(added=5, updated=0, unchanged=0)
    mine, theirs = _ledger(c, c.customer_id), _ledger(c, other)
    assert [_comparable(e) for e in theirs] == [_comparable(e) for e in mine]
    assert {e.source for e in theirs} == {"import"}
    # the same file again changes nothing; one changed cell updates one entry
    assert _import(c, other, data) == ledger_xlsx.LedgerImport(0, 0, 5)
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    location = HEADINGS.index("安装/使用地点") + 1
    sheet.cell(2, location).value = "新锅炉房"
    out = io.BytesIO()
    book.save(out)
    assert _import(c, other, out.getvalue()) == ledger_xlsx.LedgerImport(0, 1, 4)
    with c.db.session() as s:
        audits = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "ledger.import")))
    assert len(audits) == 3 and '"added": 5' in audits[0].after


def test_the_export_has_the_ecqs_columns_and_text_never_becomes_a_formula(
    counter: Counter,
) -> None:
    c = counter
    _seed(c)
    with c.db.session() as s:
        one, every = export_ledger_xlsx(s, c.customer_id), export_ledger_xlsx(s, None)
    sheet = load_workbook(io.BytesIO(one)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [h for h, _f in (*ECQS_COLUMNS, *EXTRA_COLUMNS)]
    formula = [cell for row in sheet.iter_rows() for cell in row
               if isinstance(cell.value, str) and cell.value.startswith("=")]  # fmt: skip
    assert formula and all(cell.data_type == "s" for cell in formula)
    assert {r[12] for r in rows[1:]} == {"贸易结算", "安全防护", None}  # empty: no cell
    assert {r[13] for r in rows[1:]} == {"送检", "现场检定"}
    everyone = load_workbook(io.BytesIO(every)).active
    assert everyone is not None
    header = next(everyone.iter_rows(values_only=True))
    assert header[-1] == "客户名称"
    assert everyone.max_row == 6
    with c.db.session() as s:  # an empty ledger: the headings, ready to fill in
        empty = export_ledger_xlsx(s, _other_customer(c, "空台账客户"))
    assert load_workbook(io.BytesIO(empty)).active.max_row == 1  # type: ignore[union-attr]


def test_a_malformed_row_is_refused_with_its_row_and_column_and_nothing_is_saved(
    counter: Counter,
) -> None:
    c = counter
    rows = [
        _row(serial="S1"),
        _row(serial="S2", 行政区划="3715"),
        _row(serial="S3", 用途="农业"),
        _row(serial="S4", 数量="0"),
        _row(serial="S5", 数量="两台"),
        _row(name="收银机", serial="S6"),
        _row(serial="S7", 型号规格="型" * 129),
    ]
    with pytest.raises(LedgerImportError) as refused:
        _import(c, c.customer_id, _csv(rows), "台账.csv")
    assert refused.value.problems == [
        "第 3 行 列 行政区划：“3715”不是行政区划代码（GB/T 2260，6 位数字，如 371502）",
        "第 4 行 列 用途：未知用途“农业”，应为 贸易结算/安全防护/医疗卫生/环境监测 之一，或留空",
        "第 5 行 列 数量：数量应为 1 到 100000 之间的整数",
        "第 6 行 列 数量：数量应为 1 到 100000 之间的整数",
        "第 7 行 列 器具名称：“收银机”不在器具目录中，种别和项别也没有对应目录中的器具",
        "第 8 行 列 型号规格：内容过长（最多 128 个字符）",
    ]
    assert _count(c) == 0
    with c.db.session() as s:
        assert not s.scalar(select(AuditEntry.id).where(AuditEntry.action == "ledger.import"))


def test_duplicates_in_the_file_are_named_and_existing_entries_are_updated(
    counter: Counter,
) -> None:
    c = counter
    with pytest.raises(LedgerImportError) as refused:
        _import(c, c.customer_id, _csv([_row(serial="S1"), _row(serial="S2"), _row(serial="S1")]),
                "台账.csv")  # fmt: skip
    assert refused.value.problems == [
        "第 4 行 列 出厂编号：与第 2 行是同一器具（同一器具名称和出厂编号“S1”）"
    ]
    assert _import(c, c.customer_id, _csv([_row(serial="S1")]), "a.csv") == (
        ledger_xlsx.LedgerImport(1, 0, 0)
    )
    again = [_row(serial="S1", **{"安装/使用地点": "二楼"}), _row(serial="S2")]
    again_headings = [h if h != "安装/使用地点" else "安装使用地点" for h in HEADINGS]  # a variant
    assert _import(c, c.customer_id, _csv(again, again_headings), "b.csv") == (
        ledger_xlsx.LedgerImport(1, 1, 0)
    )
    entries = {e.serial: e for e in _ledger(c, c.customer_id)}
    assert entries["S1"].location == "二楼" and entries["S1"].compulsory


def test_the_type_is_found_by_name_then_kind_then_category(counter: Counter) -> None:
    c = counter
    rows = [
        _row(name="收银台秤", serial="K1", 种别="电子计价秤"),
        _row(name="压力表", serial="K2", 项别="一般压力表", 用途="安全防护"),
        _row(name="钢卷尺", serial="", 数量="40", 用途="", 送检方式="现场检定"),
    ]
    assert _import(c, c.customer_id, _csv(rows), "台账.csv") == ledger_xlsx.LedgerImport(3, 0, 0)
    entries = {e.serial: e for e in _ledger(c, c.customer_id)}
    assert (entries["K1"].type_name, entries["K1"].name) == ("电子计价秤", "收银台秤")
    assert (entries["K2"].type_name, entries["K2"].compulsory) == ("一般压力表", True)
    assert (entries[""].quantity, entries[""].verify_mode, entries[""].compulsory) == (
        40, "onsite", False,
    )  # fmt: skip


def test_status_and_dates_are_read_and_a_status_needs_a_reason(counter: Counter) -> None:
    c = counter
    headings = [*HEADINGS, "最近检定日期", "有效期至", "状态", "状态原因", "下次检定日期"]
    good = [*_row(serial="D1"), "2026/3/1", "", "停用", "季节性停用", "1999-01-01"]
    bad = [*_row(serial="D2"), "2026-13-01", "2025-01-01", "报废", "", ""]
    with pytest.raises(LedgerImportError) as refused:
        _import(c, c.customer_id, _csv([good, bad], headings), "台账.csv")
    assert refused.value.problems == [
        "第 3 行 列 最近检定日期：“2026-13-01”不是日期，应写作 2024-01-31",
        "第 3 行 列 状态原因：停用或报废须写明原因",
    ]
    _import(c, c.customer_id, _csv([good], headings), "台账.csv")
    entry = _ledger(c, c.customer_id)[0]
    assert (entry.last_verified, entry.next_due) == (dt.date(2026, 3, 1), dt.date(2027, 3, 1))
    assert (entry.status, entry.status_date, entry.status_reason) == (
        "out_of_use", TODAY, "季节性停用",
    )  # fmt: skip


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _good_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADINGS)
    sheet.append(_row())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"\x00\x01 not a zip", "台账.xlsx", "无法读取 XLSX 文件"),
        (_good_xlsx()[:2000], "台账.xlsx", "无法读取 XLSX 文件"),
        (_zip_bytes({"hello.txt": b"hi"}), "台账.xlsx", "无法读取 XLSX 文件"),
        (_zip_bytes({"[Content_Types].xml": b"<Types"}), "台账.xlsx", "无法读取 XLSX 文件"),
        (b"a,b\n", "台账.txt", "只能导入 CSV 或 XLSX 文件"),
        ("器具名称\n".encode() + b"x" * 140_000 + b"\n", "台账.csv", "无法读取"),
        (b"\xff\xfe\x00garbage", "台账.csv", ""),
        (_csv([], ["序号", "名称"]), "台账.csv", "找不到表头"),
        (_csv([]), "台账.csv", "没有台账数据行"),
    ],
)
def test_a_damaged_or_foreign_file_is_refused_with_a_message(
    sqlite_counter: Counter, data: bytes, name: str, expected: str
) -> None:
    c = sqlite_counter
    with pytest.raises(ValidationError) as refused:
        _import(c, c.customer_id, data, name)
    assert expected in str(refused.value)
    assert _count(c) == 0


def test_a_file_too_big_or_inflating_too_far_is_refused(
    sqlite_counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sqlite_counter
    monkeypatch.setattr(ledger_xlsx, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(ValidationError, match="解压后过大"):
        _import(c, c.customer_id, _zip_bytes({"big.xml": b"0" * 20_000}))
    monkeypatch.setattr(ledger_xlsx, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValidationError, match="文件过大"):
        _import(c, c.customer_id, _good_xlsx())
    assert _count(c) == 0


def test_a_gbk_csv_with_a_title_row_is_read(sqlite_counter: Counter) -> None:
    c = sqlite_counter
    text = "某某市场计量器具台账\n" + ",".join(HEADINGS) + "\n" + ",".join(_row(serial="G1")) + "\n"
    done = _import(c, c.customer_id, text.encode("gb18030"), "台账.CSV")
    assert done == ledger_xlsx.LedgerImport(1, 0, 0)
