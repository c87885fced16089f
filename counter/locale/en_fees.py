"""English for counter/fees/ (fee schedule, pricing, statements, payments)."""

from __future__ import annotations

EN: dict[str, str] = {
    # lines.py: extra charges
    "修理费": "Repair fee",
    "配件费": "Parts",
    "交通费": "Travel",
    "调试费": "Adjustment fee",
    "其他费用": "Other charges",
    # addons.py
    "米": "m",
    "毫米": "mm",
    "厘米": "cm",
    "千克": "kg",
    "吨": "t",
    "量程": "range",
    "检定点": "point",
    "{condition}加收{percent}%": "+{percent}% for {condition}",
    "超过{bound}{unit}每{unit}加收{amount}元": "+¥{amount} per {unit} over {bound} {unit}",
    "每增加一个{what}加收{amount}元": "+¥{amount} per extra {what}",
    "超出{n}{unit}": "{n} {unit} over",
    "增加{n}个": "{n} extra",
    "×{n}": " ×{n}",
    "（{detail}）": " ({detail})",
    "无法识别的加收规则：“{text}”": "Add-on rule not understood: “{text}”",
    "加收规则的单位不一致：“{text}”": "The units of the add-on rule do not match: “{text}”",
    # schedule_io.py / schedule.py
    "收费代码": "Fee code",
    "等级/规格": "Tier / spec",
    "计费单位": "Unit",
    "收费标准（元）": "Price (yuan)",
    "加收规则": "Add-on rule",
    "来源": "Source",
    "无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV": (
        "Unknown text encoding; save the CSV as UTF-8 or GBK"
    ),
    "无法读取 XLSX 文件：{error}": "Cannot read the XLSX file: {error}",
    "只能导入 CSV 或 XLSX 文件：{name}": "Only CSV or XLSX files can be imported: {name}",
    "文件中没有数据": "The file holds no data",
    "文件中没有收费项目": "The file holds no fee rows",
    "列“{name}”重复": "Column “{name}” appears twice",
    "缺少列“{name}”": "Column “{name}” is missing",
    "收费代码不能为空": "The fee code must not be empty",
    "器具名称不能为空": "The instrument name must not be empty",
    "收费标准不能为空": "The price must not be empty",
    "收费标准“{value}”不是有效金额（元，最多两位小数）": (
        "Price “{value}” is not an amount (yuan, at most two decimals)"
    ),
    "收费标准不能为负数：{value}": "The price must not be negative: {value}",
    "与第 {row} 行重复（收费代码、等级/规格、测量范围都相同）": (
        "Duplicate of row {row} (same fee code, tier and measuring range)"
    ),
    "{day} 起的收费标准截止日期早于生效日期": (
        "The fee standard from {day} ends before it takes effect"
    ),
    "{day} 起的收费标准没有收费项目": "The fee standard from {day} has no rows",
    "{day} 起的收费标准中有生效日期不同的收费项目": (
        "The fee standard from {day} holds rows with another effective date"
    ),
    "已有 {day} 生效的收费标准，生效日期不能重复": (
        "A fee standard taking effect on {day} exists already; effective dates must differ"
    ),
    "{first} 起的收费标准到 {end} 截止，与 {day} 起的收费标准重叠": (
        "The fee standard from {first} runs until {end} and overlaps the one from {day}"
    ),
    # policy.py
    "小微企业减收比例": "Small/micro enterprise reduction",
    "新开办企业减收比例": "Newly opened enterprise reduction",
    "逾期减收比例": "Late-delivery waiver",
    "{what}应在 0% 到 100% 之间": "{what} must be between 0% and 100%",
    "加急加收比例应在 0% 到 1000% 之间": "Urgent surcharges must be between 0% and 1000%",
    "加急时限应为正数小时且互不相同": "Urgent turnarounds must be distinct positive hours",
    "逾期天数应为正数且互不相同": "Late-delivery days must be distinct positive numbers",
    "新开办企业的认定期限应在 0 到 120 个月之间": (
        "An enterprise counts as newly opened for 0 to 120 months"
    ),
    "免费活动“{reason}”的结束日期早于开始日期": "Campaign “{reason}” ends before it starts",
    "免费活动需要填写原因并选择器具": "A campaign needs a reason and at least one instrument type",
    "收费政策设置无法读取：{error}": "The fee policy settings cannot be read: {error}",
    # pricing.py
    "强制检定免收费用（财税〔2017〕20号）": (
        "Compulsory verification free of charge (Caishui [2017] No. 20)"
    ),
    "本所修理后复检，免收费用": "Re-verification after our own repair, free of charge",
    "加急未按承诺时限完成，不收加急费": "Urgent promise missed: no urgent surcharge",
    "加急（{hours} 小时内出具）加收 {percent}%": "Urgent (within {hours} h) +{percent}%",
    "小微企业减收 {percent}%": "Small/micro enterprise −{percent}%",
    "新开办企业减收 {percent}%": "Newly opened enterprise −{percent}%",
    "逾期 {days} 个工作日，减收 {percent}%": "{days} working days late −{percent}%",
    "数量至少为 1，单价和逾期天数不能为负数": (
        "Quantity must be at least 1; price and days late must not be negative"
    ),
    "加急时限应为正数小时": "The urgent turnaround must be a positive number of hours",
    "数量至少为 1，单价不能为负数": "Quantity must be at least 1; the price must not be negative",
    # statement.py / printout.py / export.py
    "清单编号不能为空，且只能由字母、数字和符号组成": (
        "The statement number must not be empty and may hold only letters, digits and symbols"
    ),
    "清单至少要有一行收费项目": "A statement needs at least one line",
    "多张委托单合并开具清单仅限月结客户": (
        "Only account customers (monthly billing) get one statement for several orders"
    ),
    "重开清单需要填写原因": "Reissuing a statement needs a reason",
    "新清单编号不能与被替代的清单相同": "The new statement needs a number of its own",
    "本清单替代 {number}，原因：{reason}": "Replaces statement {number}; reason: {reason}",
    "检定费专用清单": "Itemised fee statement",
    "清单编号": "Statement no.",
    "送检单位": "Customer",
    "委托单号": "Order no.",
    "收件编号": "Item no.",
    "开具日期": "Issued on",
    "开票人": "Billing clerk",
    "数量": "Qty",
    "单位": "Unit",
    "单价（元）": "Unit price (yuan)",
    "加收（元）": "Add-ons (yuan)",
    "加收说明": "Add-ons for",
    "减免/加收（元）": "Reductions / surcharges (yuan)",
    "减免/加收原因": "Reasons",
    "金额（元）": "Amount (yuan)",
    "合计": "Total",
    "合计（大写）": "Total in words",
    "小计：{label}": "Subtotal: {label}",
    "；": "; ",
    # payments.py
    "现金": "Cash",
    "银行转账": "Bank transfer",
    "微信": "WeChat Pay",
    "支付宝": "Alipay",
    "POS 刷卡": "POS card",
    "未付款": "Unpaid",
    "部分付款": "Partly paid",
    "已付清": "Paid",
    "金额不能为零": "The amount must not be zero",
    "收款时间必须带时区": "The payment time must carry a time zone",
    "退款需要填写原因": "A refund needs a reason",
    "退款 {amount} 超过已收金额 {paid}": "Refund {amount} exceeds the {paid} received",
    "清单已作废，不能收款": "The statement is void; no payment can be taken",
    "收款 {amount} 超过应收余额 {due}": "Payment {amount} exceeds the {due} due",
    "{method}需要填写交易流水号": "{method} needs a transaction reference",
    "清单已付清，不能修改；如需更正，请作废后重新开具": (
        "The statement is paid and cannot be changed; void it and issue a new one"
    ),
    "清单已部分付款，不能修改；如需更正，请作废后重新开具": (
        "The statement is partly paid and cannot be changed; void it and issue a new one"
    ),
    "清单已作废，不能修改": "The statement is void and cannot be changed",
}
