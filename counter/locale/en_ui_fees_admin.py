"""English for the fee policy tab of the administration screen (ui/admin/fees.py)."""

from __future__ import annotations

EN: dict[str, str] = {
    "收费政策": "Fee policy",
    " 个月": " months",
    "本所修理后的重新检定免费": "Re-verification after our own repair is free",
    "保存收费政策": "Save fee policy",
    "删除所选行": "Remove selected row",
    "强制检定免费起始日期": "Compulsory verification free from",
    "新开办企业认定期限": "Counts as newly opened for",
    "清单上的收款信息": "Payment details printed on statements",
    "收款单位": "Payee",
    "开户银行": "Bank",
    "账号": "Account",
    "承诺时限（小时，≤）": "Promised within (hours, ≤)",
    "加收比例（%）": "Surcharge (%)",
    "逾期工作日（≥）": "Working days late (≥)",
    "减收比例（%）": "Waiver (%)",
    "器具名称（以、分隔）": "Instrument types (separated by commas)",
    "开始日期": "Start date",
    "结束日期": "End date",
    "原因（打印在清单上）": "Reason (printed on the statement)",
    "加急加收（仅非强制检定）": "Urgent surcharges (non-compulsory work only)",
    "逾期交付减收": "Late-delivery waivers",
    "免费活动": "Free campaigns",
    "加急加收": "Urgent surcharges",
    "收费政策已保存": "Fee policy saved",
    "{table}第 {row} 行：“{text}”不是百分比": "{table}, row {row}: “{text}” is not a percentage",
}
