"""English for the lab's work list, certificate numbers, the regulations register and the
release gate's reasons (issue 8 §3)."""

from __future__ import annotations

EN: dict[str, str] = {
    # saving and withdrawing
    "证书 {number} 正在等待终审；存为草稿会把它撤出终审队列，之后须重新提交终审": (
        "Certificate {number} is waiting for the final check; keeping it as a draft takes it "
        "out of the review queue, and it must then be submitted again"
    ),
    "证书正在等待终审。存为草稿会把它撤出终审队列，改好后须重新提交终审。": (
        "The certificate is waiting for the final check. Keeping it as a draft takes it out "
        "of the review queue; submit it again when it is corrected."
    ),
    "撤出终审并存为草稿": "Withdraw from review and keep as draft",
    "已撤出终审队列并存为草稿，须重新提交终审": (
        "withdrawn from the review queue and kept as a draft; submit it again for review"
    ),
    # the form's other standards
    "准确度": "Accuracy",
    "台账编号": "Register id",
    "其他计量标准（导入的或不在标准台账中的，逐行删除才会去掉）": (
        "Other standards (imported or not in the register; removed only by deleting the row)"
    ),
    "计量标准“{name}”的有效期“{day}”不是日期（YYYY-MM-DD）": (
        "The validity “{day}” of standard “{name}” is not a date (YYYY-MM-DD)"
    ),
    "阻断性缺陷列在上表，须改正后才能通过终审。": (
        " The blocking defects are listed above; they must be fixed before the final check."
    ),
    # the release gate
    "证书有 {n} 项阻断性缺陷未处理：{defects}": (
        "the certificate has {n} open blocking defect(s): {defects}"
    ),
    "证书尚未终审，有 {n} 项阻断性缺陷：{defects}": (
        "the certificate has not passed the final check; {n} blocking defect(s): {defects}"
    ),
    # the work list
    "我的证书": "My certificates",
    "退回给我的": "Returned to me",
    "{by} 于 {day} 退回：{reason}": "Returned by {by} on {day}: {reason}",
    "打开": "Open",
    "证书状态": "Certificate status",
    "最后修改": "Last changed",
    "退回原因": "Reason returned",
    # the regulations register
    "请填写规程编号": "Enter the regulation number",
    "规程编号太长（最多 64 个字符）": "The regulation number is too long (64 characters at most)",
    "名称太长（最多 128 个字符）": "The title is too long (128 characters at most)",
    "废止日期早于实施日期": "Withdrawn before it came into force",
    "写了代替规程，也要写废止日期": "A replacement needs the day the old one was withdrawn",
    "规程不能被自己代替": "A regulation cannot replace itself",
    "规程不存在": "No such regulation",
    "规程 {code} 已在目录中": "Regulation {code} is already in the register",
    "{field}“{value}”不是日期（YYYY-MM-DD）": "{field} “{value}” is not a date (YYYY-MM-DD)",
    "文件是空的": "The file is empty",
    "第 1 行要有“规程编号”一列": "Row 1 must have a “规程编号” (regulation number) column",
    "第 {row} 行 列 {column}：“{value}”不是日期（YYYY-MM-DD）": (
        "Row {row}, column {column}: “{value}” is not a date (YYYY-MM-DD)"
    ),
    "第 {row} 行：规程 {code} 与第 {other} 行重复": (
        "Row {row}: regulation {code} repeats row {other}"
    ),
    "检定规程目录": "Regulations",
    "已导入规程目录：{n} 条有变化": "Regulations imported: {n} changed",
    "检定规程": "Regulation",
    "修改检定规程 {code}": "Change regulation {code}",
    "规程编号": "Regulation number",
    "实施日期": "In force from",
    "废止日期": "Withdrawn on",
    "代替规程": "Replaced by",
    "新增规程": "New regulation",
    "导入 CSV/XLSX…": "Import CSV/XLSX…",
    "检定规程已保存": "Regulation saved",
    "选择规程目录文件": "Choose a regulations file",
    "表格 (*.csv *.xlsx);;所有文件 (*)": "Tables (*.csv *.xlsx);;All files (*)",
    # certificate numbers
    "证书编号 {number} 与收件编号、委托单号或收费清单号同形，扫码时会被认错；"
    "请留空由系统编号（JD + 年份 + 6 位序号）": (
        "Certificate number {number} has the shape of an item, order or statement number and "
        "would be mistaken for it when scanned; leave it blank to be numbered "
        "(JD + year + 6 digits)"
    ),
    "未找到编号为 {code} 的证书": "No certificate numbered {code}",
    "留空则自动编号（JD + 年份 + 6 位序号）": "Leave blank to number it (JD + year + 6 digits)",
}
