"""Institute settings shared by every counter (stored in the database).

UI-only state (window geometry, the chosen local printer) lives in QSettings;
what every printout must show the same lives here.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.audit import changes, record
from counter.auth import Actor, Perm, require
from counter.clock import Clock
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from db.models import Setting

SERVICES = ("verification", "calibration", "testing", "repair")
URGENCIES = ("normal", "urgent", "same_day")

_KEY = "institute"


def _default_turnaround() -> dict[str, dict[str, int]]:
    return {s: {"normal": 5, "urgent": 2, "same_day": 0} for s in SERVICES}


@dataclass(frozen=True)
class InstituteSettings:
    # who the institute is: asked on the first run, never a made-up placeholder
    institute_name: str = ""
    address: str = ""
    phone: str = ""
    authorisation_no: str = ""
    receipt_terms: str = (
        "1. 凭本回执取件，请妥善保管；遗失请持有效证件到收发室办理。\n"
        "2. 约定日期按工作日计算，法定节假日顺延。\n"
        "3. 器具完成后请于 30 日内取回。"
    )
    counter_name: str = "收发室"
    label_width_mm: float = 60.0
    label_height_mm: float = 40.0
    # "host:port" of a ZPL thermal printer; "" = print labels as PDF only
    label_printer: str = ""
    label_printer_font: str = "E:SIMSUN.TTF"
    receipt_page: str = "A5"
    # working days promised, by service then urgency
    turnaround: dict[str, dict[str, int]] = field(default_factory=_default_turnaround)

    def working_days(self, service: str, urgency: str) -> int:
        return self.turnaround.get(service, {}).get(urgency, 5)


def identity_labels() -> dict[str, str]:
    """The fields every printout shows the institute by, with their names."""
    return {
        "institute_name": _("机构名称"),
        "address": _("地址"),
        "phone": _("电话"),
        "authorisation_no": _("授权证书号"),
    }


def missing_identity(s: InstituteSettings) -> list[str]:
    """The names of the institute's details that are still empty."""
    return [label for name, label in identity_labels().items() if not getattr(s, name).strip()]


def require_identity(s: InstituteSettings) -> InstituteSettings:
    """Refuse to print for an institute whose name, address, phone or authorisation is unknown."""
    missing = missing_identity(s)
    if missing:
        raise CounterError(
            _(
                "机构信息不完整（缺{fields}），不能打印：请管理员在“系统管理 → 机构设置”中填写"
            ).format(fields=_("、").join(missing))
        )
    return s


def validate_settings(s: InstituteSettings) -> list[str]:
    problems = [_("{field}不能为空").format(field=field) for field in missing_identity(s)]
    for label, value in ((_("标签宽度"), s.label_width_mm), (_("标签高度"), s.label_height_mm)):
        if not 20 <= value <= 150:
            problems.append(_("{what}应在 20 到 150 毫米之间").format(what=label))
    if s.receipt_page not in ("A4", "A5"):
        problems.append(_("回执纸张只能是 A4 或 A5"))
    if s.label_printer:
        host, _sep, port = s.label_printer.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            problems.append(_("标签打印机地址应为 主机:端口，例如 192.168.1.50:9100"))
    for service in SERVICES:
        for urgency in URGENCIES:
            days = s.turnaround.get(service, {}).get(urgency)
            if days is None or not 0 <= days <= 60:
                problems.append(_("约定工作日数应在 0 到 60 之间"))
                break
    return problems


def load_settings(session: Session) -> InstituteSettings:
    row = session.get(Setting, _KEY)
    if row is None:
        return InstituteSettings()
    data: dict[str, Any] = json.loads(row.value)
    known = {f.name for f in dataclasses.fields(InstituteSettings)}
    values = {k: v for k, v in data.items() if k in known}
    turnaround = _default_turnaround()
    for service, days in values.get("turnaround", {}).items():
        turnaround.setdefault(service, {}).update(days)
    values["turnaround"] = turnaround
    return InstituteSettings(**values)


def save_settings(
    session: Session, actor: Actor, clock: Clock, new: InstituteSettings
) -> InstituteSettings:
    require(actor, Perm.ADMIN)
    problems = validate_settings(new)
    if problems:
        raise ValidationError(problems)
    old = load_settings(session)
    before, after = changes(dataclasses.asdict(old), dataclasses.asdict(new))
    row = session.get(Setting, _KEY)
    text = json.dumps(dataclasses.asdict(new), ensure_ascii=False, sort_keys=True)
    if row is None:
        session.add(Setting(key=_KEY, value=text))
    else:
        row.value = text
    if after:
        record(
            session, actor, clock, "settings.update", "settings", _KEY, before=before, after=after
        )
    session.flush()
    return new


def settings_row(settings: InstituteSettings) -> Setting:
    """The row that stores `settings`, for building a database outside any user's action
    (test and benchmark databases); users change settings through `save_settings`."""
    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, sort_keys=True)
    return Setting(key=_KEY, value=text)


def all_settings_rows(session: Session) -> list[Setting]:
    return list(session.scalars(select(Setting)))
