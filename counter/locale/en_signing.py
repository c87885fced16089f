"""English for signed certificate QR codes: the signing key and verifying a certificate."""

from __future__ import annotations

EN: dict[str, str] = {
    # certificate_verify.py
    "有效": "Valid",
    "已被替代": "Superseded",
    "已作废": "Voided",
    "未签发": "Not issued",
    "非本所证书": "Not ours",
    "证书已被改动": "Altered",
    "已被证书 {number} 替代": "Superseded by certificate {number}",
    "证书编号：{number}": "Certificate number: {number}",
    "收件编号：{number}": "Item number: {number}",
    "委托单位：{name}": "Customer: {name}",
    "器具名称：{name}": "Instrument: {name}",
    "签发日期：{day}": "Issued: {day}",
    "有效期至：{day}": "Valid until: {day}",
    "二维码不是本所证书的格式": "The QR code is not in the format of our certificates",
    "签名密钥 {key} 不是本所的": "The signing key {key} is not one of ours",
    "这是签名启用前的旧二维码，没有签名，无法证明真伪": (
        "This is an old QR code from before signing; it carries no signature and cannot be"
        " proven genuine"
    ),
    "签名与二维码内容不符": "The signature does not match the QR code's content",
    "本所没有编号为 {number} 的证书": "We have no certificate numbered {number}",
    "这是该证书较早的打印版本，内容与登记的证书不一致": (
        "This is an earlier print of the certificate; its content differs from the"
        " registered certificate"
    ),
    "内容摘要与登记的证书不一致": "The content digest differs from the registered certificate",
    "作废原因：{reason}": "Reason for voiding: {reason}",
    "该证书尚未通过终审": "The certificate has not passed the final check",
    # __main__.py, ui/admin/signing_key_panel.py
    "公钥已导出到 {path}": "Public key exported to {path}",
    "验证扫描到的证书二维码：有效、已被替代、已作废、非本所或已被改动": (
        "Verify a scanned certificate QR code: valid, superseded, voided, not ours or altered"
    ),
    "导出本所证书签名公钥（PEM）": "Export the institute's certificate signing public keys (PEM)",
    "证书签名密钥": "Certificate signing key",
    "导出公钥…": "Export public key…",
    "导出公钥": "Export public key",
    "生成新签名密钥…": "Generate a new signing key…",
    "生成新密钥": "Generate new key",
    "生成新签名密钥": "New signing key generated",  # audit log action
    "已生成新签名密钥 {key}": "New signing key {key} generated",
    "生成新的签名密钥？此后打印的证书用新密钥签名；已打印的证书仍可用旧公钥验证。"
    "请把新公钥发给需要验证证书的单位。": (
        "Generate a new signing key? Certificates printed from now on are signed with it;"
        " certificates already printed still verify with the old public key. Send the new"
        " public key to whoever verifies our certificates."
    ),
    "当前密钥 {key}（Ed25519，{day} 生成）；共 {n} 个公钥，旧证书用旧公钥验证。": (
        "Current key {key} (Ed25519, generated {day}); {n} public key(s) in all, older"
        " certificates verify with the older keys."
    ),
    "PEM 公钥 (*.pem)": "PEM public key (*.pem)",
    "无法保存 {path}：{error}": "Cannot save {path}: {error}",
    # ui/certificates/verify_dialog.py, ui/shell/main_window.py, ui/shell/shortcuts_dialog.py
    "验证证书": "Verify a certificate",
    "验证证书…": "Verify a certificate…",
    "验证证书（扫描纸质证书的二维码）": (
        "Verify a certificate (scan the QR code of a paper certificate)"
    ),
    "扫描纸质证书上的二维码（或粘贴其文字）后回车": (
        "Scan the QR code of a paper certificate (or paste its text) and press Enter"
    ),
    "证书二维码(&Q)：": "Certificate &QR code:",
}
