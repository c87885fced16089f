"""English for the return desk screens (ui/return_*.py and their dialogs and models)."""

from __future__ import annotations

EN: dict[str, str] = {
    # return_screen.py, return_desk.py
    "领取 / 邮寄": "Collect / mail",
    "快递单号查询": "Find a parcel",
    "待取 / 超期 / 退回": "Ready / overdue / returned",
    "扫码(&S)：": "&Scan:",
    "扫描取件回执、器具标签或收费清单；空行回车 = 确认领取": (
        "Scan the pickup receipt, an item label or a statement; Enter on an empty field = collect"
    ),
    "确认领取": "Collect",
    "邮寄…": "Mail…",
    "退回未检…": "Return unprocessed…",
    "欠费放行…": "Release unpaid…",
    "补打交接单": "Reprint slip",
    "导出证书 PDF…": "Save certificates as PDF…",
    "（记账客户）": " (account customer)",
    "<b>{customer}</b>{account}　委托单 {orders}　联系人 {contact}": (
        "<b>{customer}</b>{account}  Orders {orders}  Contact {contact}"
    ),
    "{code} 属于“{other}”，不是本次领取的“{current}”，未加入。接待下一位客户请先按 Esc 清空。": (
        "{code} belongs to “{other}”, not to “{current}” who is collecting now; nothing was "
        "added. Press Esc to clear the desk before serving the next customer."
    ),
    "器具 {item}：{reason}": "Item {item}: {reason}",
    "共 {n} 件，可领取 {ready} 件，已勾选 {ticked} 件": (
        "{n} items, {ready} ready to leave, {ticked} ticked"
    ),
    "请先扫码，并勾选要发放的器具": "Scan first, and tick the items that leave",
    "请先在列表中选中要退回的器具": "Select the item to return in the list first",
    "交接单 {number}：{n} 件已领取": "Handover {number}: {n} items collected",
    "交接单 {number}：{n} 件已邮寄": "Handover {number}: {n} items mailed",
    # return_flows.py
    "{customer}：{n} 件（委托单 {orders}）": "{customer}: {n} items (orders {orders})",
    "器具 {item} 已改为退回未检，可以交还客户": (
        "Item {item} is now returned unprocessed and may be handed back"
    ),
    "已批准 {n} 件欠费放行（记入审计日志）": (
        "{n} items approved to leave before payment (in the audit log)"
    ),
    "记账客户 {customer} 的 {n} 件器具费用未结清。欠费放行的书面理由：": (
        "The fees of {n} items of account customer {customer} are not settled. "
        "Written reason to release them before payment:"
    ),
    "欠费放行": "Release before payment",
    "批准放行": "Approve release",
    "快递面单 {number}": "Address label {number}",
    "交接单 {number}": "Handover slip {number}",
    "证书 PDF 保存到": "Save the certificate PDFs to",
    "已保存 {n} 份证书到 {path}": "{n} certificates saved to {path}",
    # collector_dialog.py, signature_pad.py
    "领取人(&N)：": "Collector's &name:",
    "电话(&P)：": "&Phone:",
    "身份证后几位(&I)：": "&ID card, last digits:",
    "身份证后 4 位（可不填）": "Last 4 digits of the ID card (optional)",
    "领取人签名：": "Collector's signature:",
    "清除签名": "Clear signature",
    "打印纸质交接单（纸上签字）": "Print a paper slip (signed on paper)",
    "请在此处签名": "Sign here",
    "领取人请在此签名": "Collector, please sign here",
    # mail_dialog.py
    "快递公司(&C)：": "&Courier:",
    "快递单号(&T)：": "&Tracking number:",
    "扫描或输入快递单号": "Scan or type the tracking number",
    "收件人(&R)：": "&Recipient:",
    "地址(&A)：": "&Address:",
    "寄出并打印面单": "Mail and print the label",
    # unprocessed_dialog.py
    "{item} 不能检定，原样退回客户：": "{item} cannot be verified and goes back as it is:",
    "原因（记入档案和审计日志）": "Reason (kept on file and in the audit log)",
    "告知客户的说明（印在交接单上；不填则同原因）": (
        "Note for the customer (printed on the handover slip; empty = the reason)"
    ),
    "告知客户：": "Note for the customer:",
    # return_lists.py, tracking_panel.py
    "待领取（按客户）": "Ready (by customer)",
    "待领取（按客户）{n}": "Ready (by customer) {n}",
    "超期": "Overdue",
    "超期 {n}": "Overdue {n}",
    "退回未检 {n}": "Returned unprocessed {n}",
    "通知客户（短信 / 微信）：": "Tell the customer (SMS / WeChat):",
    "复制通知文字": "Copy the message",
    "通知文字已复制，可粘贴到短信或微信": "Message copied; paste it into an SMS or WeChat",
    "完成后未取超过：": "Ready but not collected for more than:",
    " 天": " days",
    "快递单号(&K)：": "Trac&king number:",
    "扫描或输入快递单号（可输入一部分），回车查找": (
        "Scan or type a tracking number (or part of it), Enter to search"
    ),
    "没有快递单号含“{text}”的邮寄记录": "No parcel has a tracking number containing “{text}”",
    # models/return_model.py, models/release_lists_model.py
    "可否领取": "May leave",
    "说明": "Why",
    "最早完成": "Ready since",
    "费用": "Fees",
    "已结清": "Settled",
    "未结清": "Not settled",
    "记账客户，未结": "Account customer, not settled",
    "类别": "Kind",
    "超期未完成": "Late",
    "完成未取": "Not collected",
    "天数": "Days",
    "超期 {n} 个工作日": "{n} working days late",
    "已等 {n} 天": "Waiting {n} days",
    "告知客户": "Note for the customer",
    "经办人": "Clerk",
    "快递单号": "Tracking number",
    "快递公司": "Courier",
    "交接单号": "Handover no.",
    "收件人姓名": "Recipient",
    "寄出时间": "Mailed at",
    "器具": "Items",
}
