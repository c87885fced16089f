"""English for counter/release*.py (the return desk: gate, pickup, mail, exceptions, lists)."""

from __future__ import annotations

EN: dict[str, str] = {
    # release_gate.py
    "仍在检定中": "Still being verified in the lab",
    "暂停检定": "On hold",
    "暂停检定：{reason}": "On hold: {reason}",
    "可以领取": "Ready to collect",
    "{by} 批准欠费放行：{reason}": "{by} approved release before payment: {reason}",
    "可以领取（记账客户，{override}）": "Ready to collect (account customer; {override})",
    "已于 {at} 由 {to} 领取": "Collected by {to} on {at}",
    "已于 {at} 邮寄给 {to}（{courier} {tracking}）": (
        "Mailed to {to} on {at} ({courier} {tracking})"
    ),
    "退回未检：{note}": "Returned unprocessed: {note}",
    # release_scan.py
    "未找到交接单 {code}": "No handover slip {code}",
    # release_pickup.py
    "请填写领取人姓名": "Enter the collector's name",
    "领取人姓名过长（最多 64 个字符）": "The collector's name is too long (at most 64 characters)",
    "身份证后几位应为 4 到 6 位数字（末位可为 X）": (
        "The ID card's last digits must be 4 to 6 digits (the last may be X)"
    ),
    "签字板签名和纸质交接单只能选一种": "Either a signature on the pad or a paper slip, not both",
    "请领取人在签字板上签名，或打印纸质交接单签字": (
        "Ask the collector to sign on the pad, or print a paper slip to sign"
    ),
    "签名图像无效，请重新签名": "The signature image is not valid; please sign again",
    "请选择快递公司": "Choose the courier",
    "快递公司名称过长": "The courier's name is too long",
    "请填写或扫描快递单号": "Enter or scan the tracking number",
    "快递单号过长": "The tracking number is too long",
    "请填写收件人": "Enter the recipient",
    "收件人过长": "The recipient's name is too long",
    "请填写收件地址": "Enter the delivery address",
    "收件地址过长": "The delivery address is too long",
    "请填写收件人电话": "Enter the recipient's phone number",
    "器具 {item} 属于“{owner}”，不是“{customer}”的器具，不能一起领取": (
        "Item {item} belongs to “{owner}”, not to “{customer}”; it cannot be collected with these"
    ),
    "器具 {item} 不能发放：{reason}": "Item {item} cannot leave: {reason}",
    "领取": "Picked up",
    "快递单号 {tracking} 已用于交接单 {number}": (
        "Tracking number {tracking} is already used by handover {number}"
    ),
    # release_exceptions.py
    "退回未检需要填写原因": "Returning unprocessed needs a reason",
    "原因或告知客户的说明过长（最多 {n} 个字符）": (
        "The reason or the note for the customer is too long (at most {n} characters)"
    ),
    "欠费放行需要写明理由": "Releasing before payment needs a written reason",
    "请至少选择一件器具": "Choose at least one item",
    "{customer} 不是记账客户，器具 {item} 须结清费用后才能发放": (
        "{customer} is not an account customer; item {item} may leave only once its fees are paid"
    ),
    "器具 {item} {status}": "Item {item}: {status}",
    "器具 {item} 已批准欠费放行": "Item {item} is already approved to leave before payment",
    "器具没有退回未检的记录": "The item has no record of being returned unprocessed",
    # release_documents.py
    "交接单不存在": "No such handover",
    "交接单 {number} 不是邮寄": "Handover {number} was not mailed",
    # release_message.py
    "【{institute}】{customer}：您送检的器具暂无可领取的。": (
        "[{institute}] {customer}: none of your instruments is ready to collect yet."
    ),
    "【{institute}】{customer}：您送检的器具（委托单 {orders}）已完成": (
        "[{institute}] {customer}: your instruments (order {orders}) are ready"
    ),
    "{n} 件请凭取件回执到{counter}领取": "{n} to collect at the {counter} with your receipt",
    "{n} 件将按约定邮寄": "{n} will be mailed as agreed",
    "其中 {n} 件未能检定，原样退回": (
        "{n} of them could not be verified and are returned as they are"
    ),
    "领取前请先缴清检定费用": "please pay the fees before collecting",
    "。": ".",
    "咨询电话：{phone}。": " Enquiries: {phone}.",
}
