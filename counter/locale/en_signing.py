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
    # __main__.py
    "公钥已导出到 {path}": "Public key exported to {path}",
}
