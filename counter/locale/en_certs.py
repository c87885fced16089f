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
}
