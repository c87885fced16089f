"""English for the readable audit log (counter/reports/audit_names.py) and issue 8 §7."""

from __future__ import annotations

EN: dict[str, str] = {
    # counter/reports/audit_names.py: actions
    "授予签字授权": "Signing authorisation granted",
    "撤销签字授权": "Signing authorisation revoked",
    "修改工作日历": "Working calendar changed",
    "新建证书": "Certificate created",
    "修改证书": "Certificate changed",
    "放行证书问题": "Certificate problem overridden",
    "证书通过终审": "Certificate passed the final check",
    "证书退回检定人员": "Certificate sent back to the lab",
    "证书被新版本替代": "Certificate superseded",
    "作废证书": "Certificate voided",
    "修改客户": "Customer changed",
    "修改收款信息": "Payment details changed",
    "修改收费规则": "Fee policy changed",
    "批准未付款先发放": "Release before payment approved",
    "退回未检说明": "Note on a return unprocessed",
    "新建委托单": "Order created",
    "客户领取": "Collected by the customer",
    "邮寄寄出": "Sent by mail",
    "修改机构设置": "Institute settings changed",
    "新建计量标准": "Measurement standard created",
    "修改计量标准": "Measurement standard changed",
    "恢复使用计量标准": "Measurement standard back in use",
    "停用计量标准": "Measurement standard taken out of use",
    "开具收费清单": "Statement issued",
    "登记收款": "Payment recorded",
    "登记退款": "Refund recorded",
    "作废收费清单": "Statement voided",
    "修改用户角色": "User roles changed",
    "启用用户": "User activated",
    "停用用户": "User deactivated",
    "器具状态：{status}": "Item status: {status}",
    # counter/reports/audit_names.py: objects and fields
    "签字授权 {key}": "Signing authorisation {key}",
    "工作日历 {key}": "Working calendar {key}",
    "证书 {key}": "Certificate {key}",
    "客户 {key}": "Customer {key}",
    "收费标准 {key}": "Fee schedule {key}",
    "器具 {key}": "Item {key}",
    "委托单 {key}": "Order {key}",
    "发放 {key}": "Release {key}",
    "设置 {key}": "Settings {key}",
    "计量标准 {key}": "Measurement standard {key}",
    "收费清单 {key}": "Statement {key}",
    "用户 {key}": "User {key}",
    "启用状态": "Active",
    "器具件数": "Number of items",
    "被授权人": "Authorised person",
    "问题说明": "Message",
    "用户角色": "Roles",
    "交给": "Handed to",
    "给客户的说明": "Note for the customer",
    "方式": "Method",
    "金额（分）": "Amount (fen)",
    "交易流水号": "Transaction number",
    "行数": "Rows",
    "名称/文号": "Title / document",
    "收费项目": "Fee lines",
    "合计（分）": "Total (fen)",
    "器具类别": "Instrument type",
    "阻止项": "Blocking problems",
    "提醒项": "Warnings",
    "已放行": "Overridden",
    "版本": "Revision",
    "替代为": "Superseded by",
    "{field}：": "{field}: ",
    # ui/admin/audit_view.py, counter/reports/audit_export.py
    "操作人": "User",
    "操作对象": "Object",
    "导出 CSV…": "Export CSV…",
    "导出操作日志": "Export the audit log",
    "CSV 文件 (*.csv)": "CSV files (*.csv)",
    "操作代码": "Action code",
    "操作：名称（如“作废”）或代码（如 order.、item.void）": (
        "Action: a name (e.g. “void”) or a code (e.g. order., item.void)"
    ),
}

# audit names of the label printing outcomes
EN.update(
    {
        "标签已由打印机确认打出": "Labels confirmed printed by the printer",
        "标签打印失败": "Label printing failed",
        "标签以 PDF 打印": "Labels printed as PDF",
        "回执以 PDF 打印": "Receipt printed as PDF",
    }
)
EN.update({"未设置标签打印机": "No label printer set"})
# counter/reports/audit_names.py: actions added by the hardening and certificate work
EN.update(
    {
        "证书撤出终审，改为草稿": "Certificate withdrawn from review to draft",
        "登录成功": "Logged in",
        "登录失败": "Login failed",
        "登录被拒绝（次数过多或账号停用）": "Login refused (too many tries or account inactive)",
        "新增检定规程": "Regulation added",
        "修改检定规程": "Regulation changed",
        "修改备份设置": "Backup settings changed",
        "检定规程 {key}": "Regulation {key}",
        "登录 {key}": "Login {key}",
    }
)
