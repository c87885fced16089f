"""The message templates: built-in texts for every kind × channel, and the administrator's own.

A template the administrator has not set is the built-in one (in the language of the
session).  Setting one is audited; a placeholder the outbox cannot fill is refused
with its name, so a typo never reaches a customer as "{cusotmer}".
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.archive.rules.messages import CHANNELS, KINDS, Template, template_problems
from counter.clock import Clock
from counter.errors import ValidationError
from counter.i18n import _
from db.models_archive import MessageTemplate


def _short(kind: str) -> str:
    """SMS and WeChat: one short paragraph."""
    return {
        "recall": _(
            "【{institute}】{customer}：您单位的 {count} 件计量器具将于 {due} 起到期"
            "（{instruments}），请按期送检。咨询电话：{phone}。"
        ),
        "overdue": _(
            "【{institute}】{customer}：您单位的 {count} 件计量器具已超过检定有效期"
            "（{instruments}），请尽快送检。咨询电话：{phone}。"
        ),
        "escalation": _(
            "【{institute}】{customer}：您单位的 {count} 件计量器具超期未检已久"
            "（{instruments}），超期使用违反计量法规定，请立即停用并送检。咨询电话：{phone}。"
        ),
        "ready": _(
            "【{institute}】{customer}：您送检的器具（委托单 {order}）中 {count} 件已可领取"
            "（{instruments}）。{details}咨询电话：{phone}。"
        ),
        "appointment": _(
            "【{institute}】{customer}：已为您预约 {slot} 送检 {count} 台件（{instruments}），"
            "预约单号 {number}，请凭预约单到收发窗口办理。咨询电话：{phone}。"
        ),
        "appt_reminder": _(
            "【{institute}】{customer}：提醒您明天 {slot} 送检 {count} 台件（{instruments}），"
            "预约单号 {number}。如需改期请致电 {phone}。"
        ),
    }[kind]


def _call(kind: str) -> str:
    """What the clerk says on the phone."""
    return {
        "recall": _(
            "您好，这里是{institute}。{customer}的 {count} 件计量器具将于 {due} 起到期"
            "（{instruments}），请安排送检或预约现场检定。"
        ),
        "overdue": _(
            "您好，这里是{institute}。{customer}的 {count} 件计量器具已超过检定有效期"
            "（{instruments}），请尽快送检。"
        ),
        "escalation": _(
            "您好，这里是{institute}。{customer}的 {count} 件计量器具超期未检已久"
            "（{instruments}），请立即停用并送检；请记下对方的答复。"
        ),
        "ready": _(
            "您好，这里是{institute}。{customer}送检的器具（委托单 {order}）中 {count} 件"
            "已可领取（{instruments}）。{details}"
        ),
        "appointment": _(
            "您好，这里是{institute}。已为{customer}预约 {slot} 送检 {count} 台件"
            "（{instruments}），预约单号 {number}。"
        ),
        "appt_reminder": _(
            "您好，这里是{institute}。提醒{customer}明天 {slot} 送检 {count} 台件"
            "（{instruments}），预约单号 {number}；请记下是否改期。"
        ),
    }[kind]


def _long(kind: str) -> tuple[str, str]:
    """E-mail and letter: (subject, body)."""
    return {
        "recall": (
            _("计量器具周检提醒（{customer}）"),
            _(
                "{contact}：\n您好！根据我所的计量器具档案，贵单位以下 {count} 件计量器具"
                "将于 {due} 起陆续到期：\n{instruments}\n"
                "请在到期前送检，或与我们预约现场检定，以免超期使用。\n"
                "咨询电话：{phone}\n{institute}"
            ),
        ),
        "overdue": (
            _("计量器具超期提醒（{customer}）"),
            _(
                "{contact}：\n您好！贵单位以下 {count} 件计量器具已超过检定有效期：\n"
                "{instruments}\n请尽快送检。超期未检的强制检定计量器具不得继续使用。\n"
                "咨询电话：{phone}\n{institute}"
            ),
        ),
        "escalation": (
            _("计量器具超期未检催告（{customer}）"),
            _(
                "{contact}：\n贵单位以下 {count} 件计量器具超期未检已久：\n{instruments}\n"
                "依据《中华人民共和国计量法》，超期未检的强制检定计量器具不得使用。"
                "请立即停用并送检；如已停用或报废，请告知我们。\n"
                "咨询电话：{phone}\n{institute}"
            ),
        ),
        "ready": (
            _("送检器具已可领取（委托单 {order}）"),
            _(
                "{contact}：\n您好！{customer}送检的器具（委托单 {order}）中 {count} 件已可领取：\n"
                "{instruments}\n{details}\n咨询电话：{phone}\n{institute}"
            ),
        ),
        "appointment": (
            _("检定预约确认（预约单号 {number}）"),
            _(
                "{contact}：\n您好！已为{customer}预约 {slot} 送检以下 {count} 台件计量器具：\n"
                "{instruments}\n预约单号 {number}，请凭预约单到收发窗口办理。\n"
                "咨询电话：{phone}\n{institute}"
            ),
        ),
        "appt_reminder": (
            _("检定预约提醒（预约单号 {number}）"),
            _(
                "{contact}：\n您好！提醒您明天 {slot} 送检以下 {count} 台件计量器具：\n"
                "{instruments}\n预约单号 {number}。如需改期请致电 {phone}。\n{institute}"
            ),
        ),
    }[kind]


def default_template(kind: str, channel: str) -> Template:
    """The built-in text of `kind` on `channel`."""
    _check(kind, channel)
    if channel in ("email", "letter"):
        subject, body = _long(kind)
        return Template(kind, channel, subject, body)
    if channel == "phone":
        return Template(kind, channel, "", _call(kind))
    return Template(kind, channel, "", _short(kind))


def _check(kind: str, channel: str) -> None:
    problems = [p for p in template_problems(kind, channel, "", "-") if p]
    if problems:
        raise ValidationError(problems)


def template_for(session: Session, kind: str, channel: str) -> Template:
    """The text a message of `kind` on `channel` is written from."""
    _check(kind, channel)
    row = session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.kind == kind, MessageTemplate.channel == channel
        )
    )
    if row is None:
        return default_template(kind, channel)
    return Template(kind, channel, row.subject, row.body, custom=True)


def all_templates(session: Session) -> list[Template]:
    """Every kind × channel, the administrator's text where set."""
    rows = {(r.kind, r.channel): r for r in session.scalars(select(MessageTemplate))}
    found = []
    for kind in KINDS:
        for channel in CHANNELS:
            row = rows.get((kind, channel))
            found.append(
                Template(kind, channel, row.subject, row.body, custom=True)
                if row
                else default_template(kind, channel)
            )
    return found


def set_template(
    session: Session,
    actor: Actor,
    clock: Clock,
    kind: str,
    channel: str,
    subject: str,
    body: str,
) -> Template:
    """The administrator's text for `kind` on `channel` (audited); unknown placeholders refused."""
    require(session, actor, Perm.ADMIN)
    subject, body = subject.strip(), body.strip()
    problems = template_problems(kind, channel, subject, body)
    if problems:
        raise ValidationError(problems)
    old = template_for(session, kind, channel)
    row = session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.kind == kind, MessageTemplate.channel == channel
        )
    )
    if row is None:
        row = MessageTemplate(kind=kind, channel=channel)
        session.add(row)
    row.subject, row.body = subject, body
    row.updated_at, row.updated_by_id = clock.now(), actor.id
    session.flush()
    before, after = changes(
        {"subject": old.subject, "body": old.body}, {"subject": subject, "body": body}
    )
    record(
        session,
        actor,
        clock,
        "template.set",
        "message_template",
        f"{kind}/{channel}",
        before=before,
        after=after,
    )
    return Template(kind, channel, subject, body, custom=True)
