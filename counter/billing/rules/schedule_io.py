"""Reading a fee-standard table (CSV or XLSX bytes) into rows of text cells.

CSV is read as UTF-8 (with or without BOM) or, failing that, GB18030 — what
Chinese Excel writes.  XLSX is read with openpyxl in read-only mode, first
worksheet, cached values (no formulas evaluated).  Numbers from Excel are
turned into text at once, so no float reaches the fee rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from counter.i18n import _

#: Fields of the import format and the header texts accepted for each (compared
#: after NFKC, without spaces, case-insensitive).  The first is the canonical one.
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("收费代码", "code", "代码", "编号", "收费编号", "收费标准号", "项目编码"),
    "name": ("器具名称", "name", "名称", "仪器名称", "项目名称"),
    "tier": ("等级/规格", "tier", "准确度等级/规格", "准确度等级", "等级", "规格"),
    "range": ("测量范围", "range", "measuring_range", "范围"),
    "unit": ("计费单位", "unit", "单位"),
    "price": ("收费标准(元)", "price_yuan", "price", "单价(元)", "价格(元)", "收费标准", "单价"),
    "add_on": ("加收规则", "add_on", "add-on", "addon", "加收"),
    "source": ("来源", "source", "依据", "备注"),
}
REQUIRED = ("code", "name", "unit", "price")


def header_label(key: str) -> str:
    """The column's name as the administrator reads it."""
    labels = {
        "code": _("收费代码"),
        "name": _("器具名称"),
        "tier": _("等级/规格"),
        "range": _("测量范围"),
        "unit": _("计费单位"),
        "price": _("收费标准（元）"),
        "add_on": _("加收规则"),
        "source": _("来源"),
    }
    return labels[key]


class TableError(ValueError):
    """The file cannot be read as a table at all."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # Excel keeps numbers as binary floats; their shortest repr is what the cell shows.
        exact = Decimal(repr(value))
        return str(int(exact)) if exact == exact.to_integral_value() else str(exact)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            return [[c.strip() for c in row] for row in reader]
        except csv.Error as error:  # a cell over 131,072 characters, a NUL byte …
            raise TableError(
                _("CSV 文件第 {row} 行无法读取：{error}").format(row=reader.line_num, error=error)
            ) from error
    raise TableError(_("无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV"))


#: What a damaged or foreign XLSX file raises inside zipfile, zlib, XML parsing and openpyxl.
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    TypeError,
    NotImplementedError,
    SyntaxError,  # xml.etree's ParseError
)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # only when an XLSX file is imported

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DAMAGED as error:
        raise TableError(_("无法读取 XLSX 文件：{error}").format(error=error)) from error
    try:
        sheet = book.worksheets[0]
        rows: Iterable[tuple[Any, ...]] = sheet.iter_rows(min_row=1, values_only=True)
        return [[_text(v) for v in row] for row in rows]
    except DAMAGED as error:  # a damaged sheet shows only while its rows are read
        raise TableError(_("无法读取 XLSX 文件：{error}").format(error=error)) from error
    finally:
        book.close()


def read_table(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """Non-empty rows with their row number as a spreadsheet shows it (first row = 1)."""
    suffix = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if suffix == "csv":
        rows = _csv_rows(data)
    elif suffix in ("xlsx", "xlsm"):
        rows = _xlsx_rows(data)
    else:
        raise TableError(_("只能导入 CSV 或 XLSX 文件：{name}").format(name=filename))
    return [(n, row) for n, row in enumerate(rows, start=1) if any(c for c in row)]
