"""English for the billing screen and its dialogs (ui/billing_*.py, ui/fee_*_dialog.py,
the dialogs of ui/billing/ and their models)."""

from __future__ import annotations

EN: dict[str, str] = {
    # ui/billing/screen.py, ui/billing/actions.py
    "单号(&N)：": "&Number:",
    "扫描或输入委托单号、收件编号或清单编号，回车打开": (
        "Scan or type an order, item or statement number, then Enter"
    ),
    "月结合并…": "Monthly billing…",
    "导入收费标准…": "Import fee standard…",
    "修改收费项目/单价": "Change fee item / price",
    "添加其他费用": "Add other charge",
    "删除其他费用": "Remove other charge",
    "开具清单": "Issue statement",
    "预览/打印": "Preview / print",
    "导出 XLSX": "Export XLSX",
    "收款": "Payment",
    "退款": "Refund",
    "作废清单": "Void statement",
    "重开清单": "Reissue statement",
    "已开具清单 {number}": "Statement {number} issued",
    "请核对收费后按 Ctrl+S 开具新清单；清单 {number} 将在开具时作废": (
        "Check the fees, then press Ctrl+S to issue the new statement; {number} is voided then"
    ),
    # ui/billing/texts.py
    "请扫描或输入委托单号、收件编号或清单编号": "Scan or type an order, item or statement number",
    "客户：{customer}　委托单：{orders}": "Customer: {customer}   Orders: {orders}",
    "月结客户": "monthly account",
    "，": ", ",
    "（{tags}）": " ({tags})",
    "清单 {number}（{status}），{day} 由 {clerk} 开具": (
        "Statement {number} ({status}), issued {day} by {clerk}"
    ),
    "；替代清单 {number}（原因：{reason}）": "; replaces statement {number} (reason: {reason})",
    "；作废原因：{reason}": "; void because: {reason}",
    "；已由清单 {number} 替代": "; replaced by statement {number}",
    "草稿：尚未开具清单（Ctrl+S 开具）": "Draft: no statement issued yet (Ctrl+S issues it)",
    "；开具后替代清单 {number}（原因：{reason}）": (
        "; once issued it replaces statement {number} (reason: {reason})"
    ),
    "合计 {total}（大写：{capitals}）": "Total {total} (in words: {capitals})",
    "　已收 {paid}　应收余额 {due}": "   Received {paid}   Due {due}",
    "（{reason}）": " ({reason})",
    "收退款记录：": "Payments and refunds: ",
    # ui/billing/flows.py
    "收费清单 {number}": "Fee statement {number}",
    "Excel 工作簿 (*.xlsx)": "Excel workbook (*.xlsx)",
    "已导出到 {path}": "Exported to {path}",
    "作废清单 {number}。作废后清单保留、不可恢复。请填写作废原因：": (
        "Void statement {number}. It is kept and cannot be restored. Why is it voided?"
    ),
    "重新开具清单 {number}：原清单保留并注明被替代。请填写原因：": (
        "Reissue statement {number}: the old one is kept and marked as replaced. Reason:"
    ),
    "重新开具": "Reissue",
    "{customer} 不是月结客户，不能合并开具清单": (
        "{customer} is not a monthly account; orders cannot share a statement"
    ),
    # ui/billing/fee_lines_model.py
    "等级/范围": "Tier / range",
    "单价": "Unit price",
    "加收": "Add-ons",
    "减免/加收及原因": "Reductions / surcharges and why",
    "金额": "Amount",
    "未匹配": "not found",
    "人工改动：{reason}": "Changed by the clerk: {reason}",
    # ui/billing/fee_line_dialog.py
    "修改收费项目": "Change fee item",
    "（收费标准中没有此器具，请填写单价）": "(not in the fee standard; enter a unit price)",
    "改动收费项目或单价时必填": "Required when the fee item or price changes",
    "器具：": "Instrument:",
    "收费项目(&T)：": "Fee &item:",
    "单价（元）(&P)：": "Unit &price (yuan):",
    "原因(&R)：": "&Reason:",
    # ui/billing/extra_charge_dialog.py
    "例如：更换传感器、上门检定往返": "e.g. sensor replaced, on-site visit",
    "（不指定器具）": "(no particular instrument)",
    "费用类别(&K)：": "&Kind:",
    "说明(&D)：": "&Description:",
    "器具(&I)：": "&Instrument:",
    "数量(&Q)：": "&Quantity:",
    "请填写单价": "Enter the unit price",
    # ui/billing/payment_dialog.py
    "清单 {number}：应收 {total}，已收 {paid}，余额 {due}": (
        "Statement {number}: total {total}, received {paid}, due {due}"
    ),
    "银行转账、POS 刷卡必填": "Required for bank transfer and POS",
    "方式(&M)：": "&Method:",
    "退款金额（元）(&A)：": "Refund &amount (yuan):",
    "收款金额（元）(&A)：": "Payment &amount (yuan):",
    "交易流水号(&N)：": "Transaction &number:",
    "退款原因(&R)：": "&Reason for the refund:",
    "确认退款": "Refund",
    "确认收款": "Record payment",
    # ui/billing/statement_orders_dialog.py, ui/billing/unbilled_orders_model.py
    "月结：合并开具清单": "Monthly billing: one statement for several orders",
    "{customer} 尚未开具清单的委托单（空格勾选，回车确认）：": (
        "Orders of {customer} without a statement (Space ticks, Enter confirms):"
    ),
    "合并开具": "Bill together",
    "请至少勾选一张委托单": "Tick at least one order",
    "收件日期": "Received",
    # ui/billing/fee_schedule_dialog.py, ui/billing/schedule_errors_model.py
    "导入收费标准": "Import fee standard",
    "CSV 或 XLSX 文件": "CSV or XLSX file",
    "选择文件(&B)…": "&Browse…",
    "例如：粤价〔2012〕90号": "e.g. 粤价〔2012〕90号",
    "导入(&I)": "&Import",
    "文件(&F)：": "&File:",
    "生效日期(&E)：": "&Effective from:",
    "名称/文号(&T)：": "&Title / document:",
    "文件中的问题（有任何问题时不导入任何一行）：": (
        "Problems in the file (with any problem, no row is imported):"
    ),
    "选择收费标准文件": "Choose the fee standard file",
    "收费标准 (*.csv *.xlsx)": "Fee standard (*.csv *.xlsx)",
    "{start} 起（{rows} 项）{title}": "From {start} ({rows} items) {title}",
    "已有收费标准：": "Fee standards in the database:",
    "无法读取 {path}：{reason}": "Cannot read {path}: {reason}",
    "文件有 {n} 处问题，未导入任何内容": "The file has {n} problems; nothing was imported",
    "已导入 {rows} 项收费标准，自 {day} 起生效": "{rows} fee items imported, in force from {day}",
    "行": "Row",
    "列": "Column",
    "问题": "Problem",
    "文件": "File",
}
