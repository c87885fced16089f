"""The ledger's spreadsheet columns: e-CQS's, in its order, then the counter's own.

No public exchange format is documented; institutes exchange spreadsheets with
these headings.  `VERIFY_MODES` and `USE_BY_NAME` translate the cells a
spreadsheet holds into the codes the ledger stores.
"""

from __future__ import annotations

from counter.intake.rules.uses import USE_NAMES_ZH, Use

#: (heading, ledger field) — the e-CQS ledger columns, in its order
ECQS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("器具名称", "name"),
    ("项别", "category"),
    ("种别", "kind"),
    ("型号规格", "model"),
    ("测量范围", "measuring_range"),
    ("准确度等级", "accuracy_class"),
    ("出厂编号", "serial"),
    ("生产厂家", "manufacturer"),
    ("产地", "origin"),
    ("安装/使用地点", "location"),
    ("行政区划", "division_code"),
    ("数量", "quantity"),
    ("用途", "use"),
    ("送检方式", "verify_mode"),
)

#: the counter's own columns after e-CQS's (optional on import; 下次检定日期 is always
#: computed again, never read)
EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("目录器具名称", "type_name"),
    ("强管唯一性号", "regulator_number"),
    ("最近检定日期", "last_verified"),
    ("检定结论", "last_result"),
    ("证书编号", "last_certificate"),
    ("有效期至", "valid_until"),
    ("下次检定日期", "next_due"),
    ("状态", "status"),
    ("状态日期", "status_date"),
    ("状态原因", "status_reason"),
)

#: 送检方式 as written → stored code
VERIFY_MODES: dict[str, str] = {"送检": "bring", "现场检定": "onsite", "": "bring"}
VERIFY_MODE_NAMES: dict[str, str] = {"bring": "送检", "onsite": "现场检定"}

#: 检定结论 as written → stored `last_result`
RESULTS: dict[str, str] = {"合格": "pass", "不合格": "fail", "": ""}
RESULT_NAMES: dict[str, str] = {"pass": "合格", "fail": "不合格", "": ""}

#: 状态 as written → stored status (the file's words stay Chinese, whatever the screen's language)
STATUSES: dict[str, str] = {
    "在用": "in_use",
    "停用": "out_of_use",
    "报废": "scrapped",
    "": "in_use",
}
STATUS_NAMES: dict[str, str] = {"in_use": "在用", "out_of_use": "停用", "scrapped": "报废"}

#: 用途 as written → stored `Use` code
USE_BY_NAME: dict[str, str] = {name: use.value for use, name in USE_NAMES_ZH.items()}


def is_division_code(text: str) -> bool:
    """A GB/T 2260 code: six digits, the first two a province (11–82)."""
    return len(text) == 6 and text.isascii() and text.isdigit() and 11 <= int(text[:2]) <= 82


def use_name(code: str) -> str:
    return USE_NAMES_ZH.get(Use(code), "") if code in set(Use) else ""
