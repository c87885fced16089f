"""English for counter/billing*.py (fee standards in the database, statements, payments)."""

from __future__ import annotations

EN: dict[str, str] = {
    # billing_schedule.py
    "第 {row} 行 列 {column}：{message}": "Row {row}, column {column}: {message}",
    "第 {row} 行：{message}": "Row {row}: {message}",
    "内容过长（最多 {n} 个字符）": "Too long (at most {n} characters)",
    "收费标准名称过长（最多 128 个字符）": (
        "The fee standard's title is too long (at most 128 characters)"
    ),
    # billing_settings.py
    "可现金、微信、支付宝、POS 刷卡或银行转账": (
        "Cash, WeChat, Alipay, POS card or bank transfer accepted"
    ),
    "收款单位不能为空": "The payee cannot be empty",
    # billing_draft.py
    "单价不能为负数": "The unit price cannot be negative",
    "改动收费项目或单价需要填写原因": "Changing the fee item or unit price needs a reason",
    "请先选择委托单": "Choose an order first",
    "委托单 {number} 已作废，不能开具清单": "Order {number} is void; no statement can be issued",
    "不同客户的委托单不能合并开具清单": "Orders of different customers cannot share a statement",
    "{day} 没有生效的收费标准": "No fee standard is in force on {day}",
    "收费标准中没有“{name}”，请选择收费项目或填写单价": (
        "The fee standard has no “{name}”; choose a fee item or enter a unit price"
    ),
    # billing_lines.py
    "器具 {number} 不属于这些委托单，或不需收费": (
        "Item {number} is not in these orders or is not billed"
    ),
    "器具 {number} 重复": "Item {number} appears twice",
    "器具 {numbers} 不在清单中": "Items {numbers} are not on the statement",
    "{what}：委托单 {number} 不在本清单中": "{what}: order {number} is not on this statement",
    "{what}：器具 {number} 不在本清单中": "{what}: item {number} is not on this statement",
    "{what}：内容过长（最多 {n} 个字符）": "{what}: too long (at most {n} characters)",
    "第 {n} 行 {item} {name}：": "Line {n} {item} {name}: ",
    "收费标准中没有此器具，请选择收费项目或填写单价及原因": (
        "The fee standard has no such instrument; choose a fee item or enter a unit price"
        " and the reason"
    ),
    # billing_statements.py
    "委托单 {order} 已开具清单 {number}；如需更正，请作废后重新开具": (
        "Order {order} already has statement {number}; to correct it, void it and issue a new one"
    ),
    "被替代的清单 {number} 尚未作废": "Statement {number}, to be replaced, is not void",
    "清单 {old} 已由 {new} 替代": "Statement {old} has already been replaced by {new}",
    "收费清单不存在": "No such fee statement",
    "作废清单需要填写原因": "Voiding a statement needs a reason",
    "清单 {number} 已作废": "Statement {number} is already void",
    "清单 {number} 已收款 {paid}，请先退款再作废": (
        "Statement {number} has received {paid}; refund it before voiding"
    ),
    # billing_print.py
    "本清单已于 {day} 作废，原因：{reason}": "This statement was voided on {day}; reason: {reason}",
    "本清单已由 {number} 替代": "This statement has been replaced by {number}",
    # billing_payments.py
    "付款方式无效": "Unknown payment method",
    "交易流水号过长（最多 {n} 个字符）": (
        "The transaction reference is too long (at most {n} characters)"
    ),
    "收款金额应大于零；退款请用“退款”": (
        "A payment must be above zero; use “Refund” to give money back"
    ),
    "退款金额应大于零": "A refund must be above zero",
    "费用已结清：清单 {number} 已付清 {total}": (
        "Fees settled: statement {number} paid in full, {total}"
    ),
    "费用未结清：清单 {number} 应收 {total}，已收 {paid}": (
        "Fees not settled: statement {number} is {total}, {paid} received"
    ),
    "收费为 ¥0": "charged ¥0",
    "免收费用：{reasons}": "Free of charge: {reasons}",
    "费用未结清：清单 {number} 已作废，尚未重新开具": (
        "Fees not settled: statement {number} is void and has not been reissued"
    ),
    "费用未结清：委托单 {number} 尚未开具收费清单": (
        "Fees not settled: no fee statement has been issued for order {number}"
    ),
}
