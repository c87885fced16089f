"""Outbox messages as plain rules: kinds and channels, templates and their placeholders,
the SMS length count, which reminder a due state calls for, and the status moves.

A template is text with `{placeholders}` from `PLACEHOLDERS`; rendering replaces the
known ones and nothing else: no attribute access, no format specs, a value is never
read as a template again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from counter.archive.rules.due import DueState
from counter.i18n import _

KINDS = ("recall", "overdue", "escalation", "ready", "appointment", "appt_reminder")
CHANNELS = ("sms", "wechat", "email", "phone", "letter")
#: channels whose text is short: the instrument list is cut after a few names
SHORT_CHANNELS = frozenset({"sms", "wechat", "phone"})
STATUSES = ("drafted", "sent", "failed", "answered", "cancelled")
#: statuses that mean "this reminder is out or on its way": no second one is drafted
LIVE_STATUSES = ("drafted", "sent", "answered")
#: statuses a batch may send (a failed message may be sent again)
SENDABLE = frozenset({"drafted", "failed"})
PLACEHOLDERS = (
    "customer",
    "contact",
    "count",
    "instruments",
    "due",
    "institute",
    "phone",
    "order",
    "details",
    "slot",
    "number",
)
SUBJECT_MAX = 128
BODY_MAX = 4000

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def kind_label(kind: str) -> str:
    labels = {
        "recall": _("周检提醒"),
        "overdue": _("超期提醒"),
        "escalation": _("超期催告"),
        "ready": _("取件通知"),
        "appointment": _("预约确认"),
        "appt_reminder": _("预约提醒"),
    }
    return labels.get(kind, kind)


def channel_label(channel: str) -> str:
    labels = {
        "sms": _("短信"),
        "wechat": _("微信"),
        "email": _("电子邮件"),
        "phone": _("电话"),
        "letter": _("信函"),
    }
    return labels.get(channel, channel)


def status_label(status: str) -> str:
    labels = {
        "drafted": _("待发送"),
        "sent": _("已发送"),
        "failed": _("发送失败"),
        "answered": _("已答复"),
        "cancelled": _("已取消"),
    }
    return labels.get(status, status)


@dataclass(frozen=True)
class Template:
    """The text of one kind of message on one channel; `custom` = set by the administrator."""

    kind: str
    channel: str
    subject: str
    body: str
    custom: bool = False


@dataclass(frozen=True)
class DueEntry:
    """One ledger entry on a customer's due list."""

    instrument_id: int
    name: str
    due: dt.date | None
    state: DueState


@dataclass(frozen=True)
class DueCustomer:
    """A customer with the entries to remind them of (the recall due list, grouped)."""

    customer_id: int
    entries: tuple[DueEntry, ...]


def placeholders_in(text: str) -> list[str]:
    """The names written in braces in `text`, each once, in order."""
    return list(dict.fromkeys(m.group(1) for m in _PLACEHOLDER.finditer(text)))


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in placeholders_in(text) if name not in PLACEHOLDERS]


def template_problems(kind: str, channel: str, subject: str, body: str) -> list[str]:
    problems: list[str] = []
    if kind not in KINDS:
        problems.append(_("消息类型无效：{kind}").format(kind=kind))
    if channel not in CHANNELS:
        problems.append(_("发送渠道无效：{channel}").format(channel=channel))
    if not body.strip():
        problems.append(_("模板正文不能为空"))
    if len(subject) > SUBJECT_MAX:
        problems.append(_("模板标题过长（最多 {n} 个字符）").format(n=SUBJECT_MAX))
    if len(body) > BODY_MAX:
        problems.append(_("模板正文过长（最多 {n} 个字符）").format(n=BODY_MAX))
    unknown = unknown_placeholders(subject) + unknown_placeholders(body)
    if unknown:
        problems.append(
            _("模板中有未知的占位符：{names}；可用的占位符：{known}").format(
                names=_("、").join("{" + n + "}" for n in dict.fromkeys(unknown)),
                known=" ".join("{" + n + "}" for n in PLACEHOLDERS),
            )
        )
    return problems


def render(text: str, values: Mapping[str, object]) -> str:
    """`text` with each known `{placeholder}` replaced by its value; anything else kept as is."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in PLACEHOLDERS and name in values:
            return str(values[name])
        return match.group(0)

    return _PLACEHOLDER.sub(one, text)


# GSM 03.38: the basic set (one septet each) and the extension table (two each)
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsLength:
    """How an SMS text is counted: characters (as the network counts them) and parts."""

    chars: int
    parts: int
    unicode: bool  # UCS-2 (any Chinese character): 70 per message, 67 per part when split

    @property
    def per_part(self) -> int:
        if self.unicode:
            return 70 if self.parts <= 1 else 67
        return 160 if self.parts <= 1 else 153


def sms_length(text: str) -> SmsLength:
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        chars = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, part, unicode = 160, 153, False
    else:
        chars = len(text.encode("utf-16-le")) // 2  # characters outside the BMP count twice
        single, part, unicode = 70, 67, True
    parts = 1 if chars <= single else -(-chars // part)
    return SmsLength(chars, parts if chars else 0, unicode)


_KIND_OF_STATE = {DueState.ESCALATED: "escalation", DueState.OVERDUE: "overdue"}
_SEVERITY = {"recall": 0, "overdue": 1, "escalation": 2}


def kind_for(states: Iterable[DueState]) -> str:
    """The reminder a customer's entries call for: the most pressing of their states."""
    kinds = [_KIND_OF_STATE.get(s, "recall") for s in states]
    return max(kinds, key=_SEVERITY.__getitem__, default="recall")


def remindable(entry: DueEntry) -> bool:
    """An entry out of use or scrapped, or one nobody can date, is not reminded of."""
    return entry.state not in (DueState.RESTING, DueState.UNKNOWN)


def instruments_text(entries: Sequence[DueEntry], channel: str, short_limit: int = 3) -> str:
    """A short channel: "电子台秤（2026-03-01）、…等 N 件"; e-mail and letter: one per line."""
    if channel not in SHORT_CHANNELS:
        return "\n".join(
            _("{n}. {name}（到期 {due}）").format(n=n, name=e.name, due=e.due.isoformat())
            if e.due
            else f"{n}. {e.name}"
            for n, e in enumerate(entries, 1)
        )
    shown = entries[:short_limit]
    text = _("、").join(
        _("{name}（{due}）").format(name=e.name, due=e.due.isoformat()) if e.due else e.name
        for e in shown
    )
    if len(shown) < len(entries):
        text += _("等 {n} 件").format(n=len(entries))
    return text


#: status → the statuses it may move to
MOVES: dict[str, frozenset[str]] = {
    "drafted": frozenset({"sent", "failed", "cancelled"}),
    "failed": frozenset({"sent", "failed", "cancelled"}),
    "sent": frozenset({"answered", "failed"}),  # failed: a bounce or an unreachable number
    "answered": frozenset(),
    "cancelled": frozenset(),
}


def move_problem(current: str, new: str) -> str | None:
    """Why a message in `current` cannot become `new`; None when it can."""
    if new in MOVES.get(current, frozenset()):
        return None
    return _("消息{current}，不能改为{new}").format(
        current=status_label(current), new=status_label(new)
    )
