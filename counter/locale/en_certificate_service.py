"""English for the certificate service: counter/certificate_*.py."""

from __future__ import annotations

EN: dict[str, str] = {
    # --- statuses (certificate_store) ---
    "草稿": "a draft",
    "待终审": "awaiting review",
    "已退回": "returned",
    "已通过终审": "passed",
    "已被替代": "superseded",
    "证书不存在": "No such certificate",
    # --- saving, reissue, void (certificate_service) ---
    "委托单 {order} 的证书编号已用完": "No certificate numbers left for order {order}",
    "被替代的证书 {number} 不是该器具已通过终审的证书": (
        "Certificate {number} is not a passed certificate of this item, so it cannot be replaced"
    ),
    "器具 {item} 的证书 {number} {status}，要修改请换发证书": (
        "Certificate {number} of item {item} is {status}; reissue it to change it"
    ),
    "证书编号 {number} 已被使用": "Certificate number {number} is already used",
    "换发证书需要写明修改内容和原因": "A reissue needs what was changed and why",
    "只有已通过终审的证书才能换发；证书 {number} {status}": (
        "Only a passed certificate can be reissued; certificate {number} is {status}"
    ),
    "不能更改的字段：{names}": "Fields that cannot be changed: {names}",
    "作废证书需要填写原因": "Voiding a certificate needs a reason",
    "证书 {number} {status}，不能作废": "Certificate {number} is {status} and cannot be voided",
    # --- import (certificate_import) ---
    "器具 {item} 在文件中出现两次（与第 {other} 份相同）": (
        "Item {item} appears twice in the file (same as certificate {other})"
    ),
    "人员“{person}”不在人员名册中": "“{person}” is not in the staff register",
    "证书编号 {number} 已被使用（{status}）": (
        "Certificate number {number} is already used ({status})"
    ),
    "被替代的证书 {number} 不是该器具的证书": (
        "The replaced certificate {number} is not a certificate of this item"
    ),
    "计量标准“{ref}”不在标准台账中": "Standard “{ref}” is not in the standards register",
    # --- review and release (certificate_review) ---
    "证书{status}，不在待终审状态": "The certificate is {status}; it is not awaiting review",
    "您在本证书上签了字，不能终审自己签的证书": (
        "You signed this certificate; nobody may pass a certificate they signed"
    ),
    "还有 {n} 项阻断性缺陷未处理（须改正或写明理由放行）": (
        "{n} blocking defect(s) still open (fix them, or override with a written reason)"
    ),
    "放行缺陷需要写明理由": "Overriding a defect needs a written reason",
    "您在本证书上签了字，不能为它放行缺陷": (
        "You signed this certificate; you cannot override its defects"
    ),
    "证书当前没有这项阻断性缺陷：{key}": "The certificate has no such blocking defect now: {key}",
    "{code} 这类缺陷不允许放行，必须由检定人员改正": (
        "Defects of type {code} cannot be overridden; the lab must fix them"
    ),
    "这项缺陷已写明放行理由": "This defect has already been overridden with a reason",
    "退回需要写明要改正的内容": "Sending back needs a comment saying what to correct",
    "证书尚未终审": "Certificate not yet through the final check",
    "证书由签字人本人终审，须另请他人终审": (
        "The certificate was reviewed by one of its signatories; someone else must review it"
    ),
    "证书有 {n} 项阻断性缺陷未处理": "Certificate has {n} blocking defect(s) not dealt with",
    "尚无证书": "No certificate yet",
    # --- registers (certificate_registers) ---
    "标准编号": "Register id",
    "标准名称": "Standard",
    "不确定度/准确度等级/最大允许误差": "Uncertainty / class / MPE",
    "证书编号": "Certificate number",
    "有效期至": "Valid until",
    "标准编号不能为空": "The register id cannot be empty",
    "标准名称不能为空": "The standard's name cannot be empty",
    "请填写计量标准的证书编号": "Enter the number of the standard's own certificate",
    "请填写计量标准的有效期": "Enter the date the standard's certificate is valid until",
    "标准编号 {ref} 已存在": "Register id {ref} already exists",
    "计量标准不存在": "No such standard",
    "停用计量标准需要填写原因": "Taking a standard out of use needs a reason",
    "人员不存在或已停用": "The person does not exist or is deactivated",
    "签字角色无效": "Invalid signing role",
    "证号过长（最多 64 个字符）": "Certificate no. too long (64 characters at most)",
    "授权不存在": "No such authorisation",
    "撤销授权需要填写原因": "Revoking an authorisation needs a reason",
    "该授权已撤销": "This authorisation has already been revoked",
}
