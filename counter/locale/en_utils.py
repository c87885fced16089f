"""English for counter/customers/rules/credit_code.py, workdays.py, search_keys.py and money.py."""

from __future__ import annotations

EN: dict[str, str] = {
    # counter/customers/rules/credit_code.py
    "第 {position} 位字符“{char}”不允许出现在统一社会信用代码中（不使用 I、O、Z、S、V）": (
        "Character “{char}” at position {position} is not allowed in a unified social credit code"
        " (I, O, Z, S and V are not used)"
    ),
    "计算校验位需要统一社会信用代码的前 17 位，当前为 {length} 位": (
        "The check character is computed from the first 17 characters of the code; got {length}"
    ),
    "统一社会信用代码校验位错误：第 18 位应为“{expected}”，实为“{actual}”": (
        "Wrong check character in the unified social credit code:"
        " the 18th character should be “{expected}”, not “{actual}”"
    ),
    "15 位旧工商注册号只能由数字组成": (
        "A legacy 15-digit business registration number must consist of digits only"
    ),
    "统一社会信用代码应为 18 位（旧工商注册号为 15 位），当前为 {length} 位": (
        "A unified social credit code has 18 characters (a legacy registration number 15);"
        " this one has {length}"
    ),
    # counter/admin/rules/workdays.py
    "同一天不能既是节假日又是工作日：{days}": (
        "A day cannot be both a holiday and a working day: {days}"
    ),
    "工作日数不能为负数": "The number of working days cannot be negative",
    "、": ", ",
    "{years} 年不在官方节假日数据中，按周一至周五及管理员录入的节假日计算": (
        "{years}: not in the official holiday data; working days were counted as Monday to Friday"
        " with the holidays entered by the administrator"
    ),
    # counter/money.py
    "金额必须是有限数值：{value}": "The amount must be a finite number: {value}",
    "金额超出范围：{value}": "The amount is out of range: {value}",
    "金额最多精确到分（两位小数）：{value}": "Amounts have at most two decimals (fen): {value}",
    "金额只能是字符串、Decimal 或整数，不能是 {type}": (
        "An amount must be a string, a Decimal or an int, not {type}"
    ),
    "金额格式错误：{value}": "Not a valid amount: {value}",
    "大写金额需要整数分": "Chinese capitals need a whole number of fen",
    "金额超出大写金额支持的范围（最大 9,999,999,999,999.99 元）": (
        "The amount is too large for Chinese capitals (at most ¥9,999,999,999,999.99)"
    ),
    "取整只接受 Decimal 或整数，不能是 {type}": "Rounding takes a Decimal or an int, not {type}",
}
