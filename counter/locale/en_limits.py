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
