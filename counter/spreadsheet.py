"""Rows into an XLSX sheet as data: the one guard every export of the counter shares.

openpyxl refuses control characters, and a cell text starting with "=" would be a
formula (a customer named "=HYPERLINK(…)" must stay a name): `append_row` drops the
first and stores the second as text.  Dates get the sheet's date format when asked.
Pure: it is handed an openpyxl sheet and imports nothing of openpyxl itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

#: characters a spreadsheet cannot hold (tab, line feed and carriage return it can)
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(value: Any) -> Any:
    return ILLEGAL.sub("", value) if isinstance(value, str) else value


def append_row(sheet: Any, values: Sequence[Any], *, date_format: str = "") -> None:
    """Append one row of values as data (never formulas), dates in `date_format` if given."""
    cleaned = [clean(v) for v in values]
    sheet.append(cleaned)
    for cell, value in zip(sheet[sheet.max_row], cleaned, strict=False):
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        elif date_format and isinstance(value, dt.date):
            cell.number_format = date_format
