"""English for issue 8 §6/§8: fee codes, confirmations, pickup status, zoom, pinyin search."""

from __future__ import annotations

EN: dict[str, str] = {
    # billing: a chargeable line without a fee-standard code
    "无收费代码的收费项目，原因：{reason}": "Charges without a fee-standard code, reason: {reason}",
    "第 {n} 行 {item} {name}：没有收费标准代码": "Line {n} {item} {name}: no fee-standard code",
    "请选择收费项目，或填写无收费代码的原因（将打印在清单上）": (
        "Choose a fee item, or give the reason there is no fee code (printed on the statement)"
    ),
    "以下收费项目没有收费标准代码：{lines}。\n如确需开具（合计 {total}），"
    "请填写原因，原因将打印在清单上：": (
        "These charges have no fee-standard code: {lines}.\nTo issue anyway (total {total}), "
        "give the reason; it is printed on the statement:"
    ),
    "开具收费清单：{n} 行，合计 {total}。开具后如需更正，须作废后重新开具。": (
        "Issue the fee statement: {n} lines, total {total}. "
        "Once issued, a correction means voiding and reissuing it."
    ),
    # orders list: status and payment
    "部分领取": "Partly collected",
    "付款": "Payment",
    "未开清单": "No statement",
    # review: passing asks first
    "通过证书 {number} 的终审？通过后证书即可发放给客户。": (
        "Pass the final check of certificate {number}? It can then be released to the customer."
    ),
    # registers: a new standard's validity is typed, not defaulted
    "按标准证书填写，如 2027-06-30": "As on the standard's certificate, e.g. 2027-06-30",
    "有效期“{text}”不是有效日期，请按 2027-06-30 的格式填写": (
        "Valid until “{text}” is not a date; write it like 2027-06-30"
    ),
    # python -m counter --help
    "查看数据库结构版本（status），或升级共享数据库（upgrade）": (
        "show the database's schema version (status), or upgrade a shared database (upgrade)"
    ),
    "创建演示数据库，列出其用户名和密码": "create a demo database and list its users and passwords",
    "创建管理员账号（密码在终端输入）": (
        "create an administrator account (the password is typed at the terminal)"
    ),
    "查询一个条码（委托单、器具、清单或证书编号）": (
        "look up a barcode (order, item, statement or certificate number)"
    ),
    "；无收费代码原因：{reason}": "; no fee code because: {reason}",
}

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
