"""Readable names for what the audit log stores as codes.

The log keeps the raw codes (`item.in_lab`, `{"status": "cert_drafted"}`), so
that it reads the same whatever the language; this module turns them into the
clerk's language at display time: the action, the kind of object, the changed
fields and the values that are codes themselves (item and certificate states,
roles, payment methods, yes/no).  A code without a name is shown as stored.

`tests/counter/admin/test_audit_names.py` fails when an audited action has no name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from counter.admin.rules.roles import Role, role_label
from counter.archive.rules.due import status_label as ledger_status_label
from counter.archive.rules.ledger_form import column_label as ledger_column_label
from counter.archive.rules.messages import channel_label, kind_label
from counter.archive.rules.messages import status_label as message_status_label
from counter.billing.rules.payments import PAYMENT_METHODS, method_label
from counter.certificates.registers import standard_field_label
from counter.certificates.store import CertStatus, cert_status_label
from counter.customers.records import field_label as customer_field_label
from counter.i18n import _
from counter.intake.receive import item_field_label
from counter.intake.rules.lifecycle import ItemStatus, status_label
from counter.onsite.rules.jobs import state_label as onsite_state_label

#: the ways a release is made (`release.<way>`)
RELEASE_WAYS = ("pickup", "mail", "handover")


def _fixed_actions() -> dict[str, str]:
    return {
        "appointment.book": _("预约送检"),
        "appointment.move": _("改约"),
        "appointment.cancelled": _("取消预约"),
        "appointment.no_show": _("预约未到"),
        "appointment.arrived": _("预约客户到达"),
        "slot.capacity": _("修改预约容量"),
        "slot.close": _("停约或减量"),
        "slot.reopen": _("撤销停约"),
        "sector.save": _("修改预约行业"),
        "sector.catalogue": _("修改预约目录"),
        "customer.appointment_prefs": _("修改客户预约偏好"),
        "customer.block_dates": _("客户不可预约日期"),
        "customer.unblock_dates": _("撤销客户不可预约日期"),
        "complaint.add": _("登记投诉"),
        "complaint.handling": _("投诉开始处理"),
        "complaint.answered": _("投诉已答复"),
        "complaint.called_back": _("投诉已回访"),
        "complaint.closed": _("投诉办结"),
        "complaint.withdrawn": _("投诉撤回"),
        "feedback.rate": _("记录客户评价"),
        "feedback.rate_correct": _("更正客户评价"),
        "authorisation.grant": _("授予签字授权"),
        "authorisation.revoke": _("撤销签字授权"),
        "calendar.set": _("修改工作日历"),
        "certificate.create": _("新建证书"),
        "certificate.update": _("修改证书"),
        "certificate.override": _("放行证书问题"),
        "certificate.pass": _("证书通过终审"),
        "certificate.return": _("证书退回检定人员"),
        "certificate.supersede": _("证书被新版本替代"),
        "certificate.withdraw": _("证书撤出终审，改为草稿"),
        "login.ok": _("登录成功"),
        "login.failed": _("登录失败"),
        "login.refused": _("登录被拒绝（次数过多或账号停用）"),
        "regulation.create": _("新增检定规程"),
        "regulation.update": _("修改检定规程"),
        "settings.backup": _("修改备份设置"),
        "certificate.void": _("作废证书"),
        "customer.create": _("新建客户"),
        "customer.update": _("修改客户"),
        "customer.note": _("客户档案添加备注"),
        "fee_payment.update": _("修改收款信息"),
        "fee_policy.update": _("修改收费规则"),
        "fee_schedule.import": _("导入收费标准"),
        "item.correct": _("更正器具信息"),
        "item.release_unpaid": _("批准未付款先发放"),
        "item.unprocessed_note": _("退回未检说明"),
        "label.printed": _("标签已由打印机确认打出"),
        "ledger.add": _("台账新增器具"),
        "ledger.update": _("修改台账器具"),
        "ledger.status": _("台账器具停用/报废/恢复在用"),
        "ledger.import": _("导入器具台账"),
        "ledger.rebuild_due": _("重算下次检定日期"),
        "label.print_failed": _("标签打印失败"),
        "label.no_printer": _("未设置标签打印机"),
        "label.printed_pdf": _("标签以 PDF 打印"),
        "receipt.printed_pdf": _("回执以 PDF 打印"),
        "reminder_rule.set": _("修改周检提醒规则"),
        "report.save": _("保存统计报表定义"),
        "report.retire": _("停用统计报表定义"),
        "order.create": _("新建委托单"),
        "outbox.draft": _("起草通知消息"),
        "outbox.sent": _("通知消息已发送"),
        "outbox.failed": _("通知消息发送失败"),
        "outbox.answered": _("登记客户答复"),
        "outbox.cancelled": _("取消通知消息"),
        "template.set": _("修改消息模板"),
        "order.void": _("作废委托单"),
        "onsite.create": _("新建上门任务"),
        "onsite.instruments": _("上门任务添加器具"),
        "onsite.scheduled": _("安排上门任务（日期、人员、车辆、标准）"),
        "onsite.in_progress": _("上门任务开始"),
        "onsite.done": _("上门任务完成"),
        "onsite.cancelled": _("取消上门任务"),
        "onsite.items": _("上门任务器具登记收件编号"),
        "vehicle.create": _("新增车辆"),
        "campaign.create": _("新建统检并生成上门任务"),
        "vehicle.update": _("修改车辆"),
        "release.pickup": _("客户领取"),
        "release.mail": _("邮寄寄出"),
        "release.handover": _("现场交付证书"),
        "settings.update": _("修改机构设置"),
        "signing_key.rotate": _("生成新签名密钥"),
        "standard.create": _("新建计量标准"),
        "standard.update": _("修改计量标准"),
        "standard.activate": _("恢复使用计量标准"),
        "standard.deactivate": _("停用计量标准"),
        "statement.issue": _("开具收费清单"),
        "statement.line_change": _("修改收费项目"),
        "statement.payment": _("登记收款"),
        "statement.refund": _("登记退款"),
        "statement.void": _("作废收费清单"),
        "user.create": _("新建用户"),
        "user.roles": _("修改用户角色"),
        "user.activate": _("启用用户"),
        "user.deactivate": _("停用用户"),
        "user.reset_password": _("重置密码"),
    }


def action_names() -> dict[str, str]:
    """Every action code the program records, with its name in the current language."""
    names = _fixed_actions()
    for status in ItemStatus:  # item.<status>: an item moved to that state
        names[f"item.{status.value}"] = _("器具状态：{status}").format(status=status_label(status))
    return names


def action_label(code: str) -> str:
    return action_names().get(code, code)


def codes_named(text: str) -> list[str]:
    """The action codes whose name (in the current language) contains `text`."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    return sorted(code for code, name in action_names().items() if wanted in name.casefold())


def _entity_formats() -> dict[str, str]:
    return {
        "authorisation": _("签字授权 {key}"),
        "calendar": _("工作日历 {key}"),
        "certificate": _("证书 {key}"),
        "customer": _("客户 {key}"),
        "fee_schedule": _("收费标准 {key}"),
        "item": _("器具 {key}"),
        "instrument": _("台账器具 {key}"),
        "order": _("委托单 {key}"),
        "onsite_job": _("上门任务 {key}"),
        "vehicle": _("车辆 {key}"),
        "campaign": _("统检 {key}"),
        "report": _("统计报表定义 {key}"),
        "appointment": _("预约 {key}"),
        "slot_capacity": _("预约容量 {key}"),
        "slot_closure": _("停约 {key}"),
        "sector": _("预约行业 {key}"),
        "sector_catalogue": _("预约目录行 {key}"),
        "complaint": _("投诉 {key}"),
        "outbox_message": _("通知消息 {key}"),
        "message_template": _("消息模板 {key}"),
        "regulation": _("检定规程 {key}"),
        "reminder_rule": _("周检提醒规则 {key}"),
        "login": _("登录 {key}"),
        "release": _("发放 {key}"),
        "settings": _("设置 {key}"),
        "standard": _("计量标准 {key}"),
        "statement": _("收费清单 {key}"),
        "user": _("用户 {key}"),
    }


def entity_text(entity: str, key: str) -> str:
    """The object of an entry: its kind by name and its key ("器具 20261000001001")."""
    form = _entity_formats().get(entity)
    return form.format(key=key) if form else f"{entity} {key}"


def _common_fields() -> dict[str, str]:
    return {
        "status": _("状态"),
        "roles": _("用户角色"),
        "full_name": _("姓名"),
        "active": _("启用状态"),
        "customer": _("客户"),
        "items": _("器具件数"),
        "item": _("收件编号"),
        "promised": _("约定日期"),
        "order": _("委托单号"),
        "to": _("交给"),
        "note_for_customer": _("给客户的说明"),
        "method": _("方式"),
        "amount": _("金额（分）"),
        "reference": _("交易流水号"),
        "file": _("文件"),
        "rows": _("行数"),
        "title": _("名称/文号"),
        "orders": _("委托单"),
        "lines": _("收费项目"),
        "total": _("合计（分）"),
        "user": _("被授权人"),
        "user_id": _("被授权人"),
        "type": _("器具类别"),
        "type_id": _("器具类别"),
        "role": _("角色"),
        "valid_until": _("有效期至"),
        "defect": _("问题"),
        "message": _("问题说明"),
        "blocking": _("阻止项"),
        "warnings": _("提醒项"),
        "overridden": _("已放行"),
        "revision": _("版本"),
        "by": _("替代为"),
        "institute_name": _("机构名称"),
        "authorisation_no": _("授权证书号"),
        "counter_name": _("收发室名称"),
        "receipt_terms": _("回执须知"),
        "receipt_page": _("回执纸张"),
        "label_printer": _("标签打印机"),
        "label_printer_font": _("打印机中文字体"),
        "turnaround": _("约定工作日数"),
        "lead_days": _("提前提醒天数"),
        "grace_days": _("宽限天数"),
        "escalate_after_days": _("升级天数"),
        "note": _("备注"),
        "pinned": _("置顶"),
        "site": _("现场地址"),
        "requested": _("要求日期"),
        "urgent": _("加急（绿色通道）"),
        "day": _("任务日期"),
        "crew": _("检定人员"),
        "vehicle": _("车辆"),
        "standards": _("计量标准"),
        "plate": _("车牌号"),
        "kind": _("类型"),
        "capacity_per_day": _("每日可检器具数"),
        "jobs": _("任务数"),
        "unplaced": _("未能安排的器具数"),
    }


def _message_field(key: str) -> str:
    """Fields of an outbox message or a message template."""
    return {
        "kind": _("消息类型"),
        "channel": _("发送渠道"),
        "recipient": _("收件人"),
        "text": _("原因/答复"),
        "instruments": _("器具"),
        "customer_id": _("客户编号"),
        "order_id": _("委托单编号"),
        "subject": _("标题"),
        "body": _("正文"),
    }.get(key, key)


_ENTITY_FIELDS: dict[str, Callable[[str], str]] = {
    "instrument": ledger_column_label,
    "item": item_field_label,
    "standard": standard_field_label,
    "customer": customer_field_label,
    "outbox_message": _message_field,
    "message_template": _message_field,
}


def field_label(entity: str, key: str) -> str:
    own = _ENTITY_FIELDS.get(entity)
    label = own(key) if own else key
    return label if label != key else _common_fields().get(key, key)


def value_text(entity: str, key: str, value: Any) -> str:
    """A stored value as the clerk reads it (states, roles and methods by name)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    text = str(value)
    if key == "status" and entity == "item" and text in set(ItemStatus):
        return status_label(text)
    if key == "status" and entity == "instrument":
        return ledger_status_label(text)
    if key == "status" and entity == "onsite_job":
        return onsite_state_label(text)
    if key == "status" and entity == "certificate" and text in set(CertStatus):
        return cert_status_label(text)
    if entity == "outbox_message" and key in ("status", "kind", "channel"):
        label = {"status": message_status_label, "kind": kind_label, "channel": channel_label}
        return label[key](text)
    if key == "roles" and text:
        roles = [r for r in text.split(",") if r]
        if all(r in set(Role) for r in roles):
            return _("、").join(role_label(Role(r)) for r in roles)
    methods = [m for m in PAYMENT_METHODS if m == text]
    if key == "method" and methods:
        return method_label(methods[0])
    return text


def _values(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"": text}
    return value if isinstance(value, dict) else {"": value}


def change_text(before: str, after: str, entity: str = "") -> str:
    """`field: old → new` for every stored field, joined with "; ", in the current language."""
    old, new = _values(before), _values(after)
    parts = []
    for key in list(dict.fromkeys([*old, *new])):
        left = value_text(entity, key, old.get(key))
        right = value_text(entity, key, new.get(key))
        prefix = _("{field}：").format(field=field_label(entity, key)) if key else ""
        if key in old and key in new:
            parts.append(f"{prefix}{left} → {right}")
        elif key in new:
            parts.append(f"{prefix}→ {right}")
        else:
            parts.append(f"{prefix}{left} →")
    return "; ".join(parts)
