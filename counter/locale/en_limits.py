"""English for counter/limits.py (the database's limits, checked before it sees a value)."""

from __future__ import annotations

EN: dict[str, str] = {
    "联系电话": "Contact phone",
    "作废原因": "Reason for voiding",
    "强检变更原因": "Reason for changing the compulsory flag",
    "标题": "Title",
    "文件名": "File name",
    "交易参考号": "Transaction reference",
    "编号": "Number",
    "领取人姓名": "Collector's name",
    "领取人电话": "Collector's phone",
    "邮寄收件人": "Mail recipient",
    "准确度": "Accuracy",
    "意见": "Comment",
    "页数": "Page count",
    "收费标准": "Fee standard",
    "“{field}”含有不可见的控制字符，请删除后再保存": (
        "“{field}” contains invisible control characters; remove them and save again"
    ),
    "“{field}”超出范围（最大 {limit}）": "“{field}” is out of range (at most {limit})",
}
EN.update(
    {
        "数据库拒绝保存：{detail}。本次操作没有保存，请修改后重试或联系管理员。": (
            "The database refused to save: {detail}. Nothing was saved; change the input and "
            "try again, or call the administrator."
        ),
        "数值超出范围，本次操作没有保存": "A number is out of range; nothing was saved",
    }
)
EN.update(
    {"CSV 文件第 {row} 行无法读取：{error}": "Row {row} of the CSV file cannot be read: {error}"}
)
# ui/crash_dialog.py
EN.update(
    {
        "程序出错": "Unexpected error",
        "程序遇到了意外错误：{message}": "The program met an unexpected error: {message}",
        "已保存的数据不受影响。请把错误报告复制给管理员。": (
            "What was saved is not affected. Copy the error report for the administrator."
        ),
        "复制错误报告": "Copy error report",
    }
)
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
# counter/orders.py: the gate's papers
EN.update(
    {
        "器具 {number} 的证书没有通过终审的记录，不能设为“已终审”": (
            "Item {number} has no certificate that passed a recorded final check; "
            "it cannot be set “checked”"
        ),
        "器具 {number} 没有领取或邮寄的交接记录，不能设为“已发放”": (
            "Item {number} has no pickup or mail handover record; it cannot be set “released”"
        ),
    }
)
# counter/__main__.py: help of the hardening commands
EN.update(
    {
        "校验审计日志的哈希链（verify），报告第一处断裂": (
            "check the audit log's hash chain (verify) and report the first broken link"
        ),
        "备份数据库（SQLite 在线备份，PostgreSQL 用 pg_dump）": (
            "back up the database (SQLite online backup, pg_dump for PostgreSQL)"
        ),
        "把备份恢复到一个新文件，并逐表核对内容": (
            "restore a backup into a new file and check every table's content"
        ),
    }
)
