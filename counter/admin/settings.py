"""Institute settings shared by every counter (stored in the database).

UI-only state (window geometry, the chosen local printer) lives in QSettings;
what every printout must show the same lives here.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from db.models import Setting
from printing.dpi import DPI_CHOICES
from printing.zpl_send import parse_printer_address

SERVICES = ("verification", "calibration", "testing", "repair")
URGENCIES = ("normal", "urgent", "same_day")

LABEL_PROTOCOLS = ("zpl", "tspl", "pdf")

_KEY = "institute"
#: the key of the settings row, for a caller that reads it together with other things
SETTINGS_KEY = _KEY
_PORT_AT_END = re.compile(r":\s*\d+$")


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
    # "host:port" of a thermal label printer; "" = print labels as PDF only
    label_printer: str = ""
    # how the label printer is spoken to: "zpl" (Zebra …), "tspl" (TSC, Gprinter …), "pdf"
    label_printer_protocol: str = "zpl"
    label_printer_dpi: int = 203
    # seconds allowed for each wait on the label printer (connect, take a label, answer)
    label_printer_timeout_s: float = 5.0
    receipt_page: str = "A5"
    # TrueType fonts the administrator picked ("" = the shipped ones): `counter.admin.print_fonts`
    document_font: str = ""
    label_font: str = ""
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
    problems += label_printer_problems(s)
    if s.document_font.strip() or s.label_font.strip():
        # imported here: reportlab loads only when a font was picked (cold start)
        from counter.admin.print_fonts import font_problems

        problems += font_problems(s)
    for service in SERVICES:
        for urgency in URGENCIES:
            days = s.turnaround.get(service, {}).get(urgency)
            if days is None or not 0 <= days <= 60:
                problems.append(_("约定工作日数应在 0 到 60 之间"))
                break
    return problems


def printer_address_problem(address: str) -> str | None:
    """Why ``address`` is not a usable ``host:port`` of a label printer (None when it is)."""
    text = address.strip()
    try:
        parse_printer_address(text)
        bare_ipv6 = text.count(":") > 1 and not text.startswith("[")
        if bare_ipv6 or not _PORT_AT_END.search(text):
            raise ValueError("the port is missing")
    except ValueError:
        if any(c.isspace() for c in text) or "/" in text or "\\" in text:
            return _(
                "标签打印机地址“{address}”不能含空格或斜杠，应为 主机:端口，例如 192.168.1.50:9100"
            ).format(address=address)
        return _("标签打印机地址“{address}”无效，应为 主机:端口，例如 192.168.1.50:9100").format(
            address=address
        )
    return None


def label_printer_problems(s: InstituteSettings) -> list[str]:
    problems = []
    if s.label_printer_protocol not in LABEL_PROTOCOLS:
        problems.append(_("标签打印机类型只能是 ZPL、TSPL 或 PDF"))
    if s.label_printer_dpi not in DPI_CHOICES:
        problems.append(_("标签打印机分辨率只能是 203 或 300 dpi"))
    if not 1 <= s.label_printer_timeout_s <= 60:
        problems.append(_("标签打印机等待时间应在 1 到 60 秒之间"))
    if s.label_printer and s.label_printer_protocol != "pdf":
        problem = printer_address_problem(s.label_printer)
        if problem:
            problems.append(problem)
    return problems


def label_printer_address(s: InstituteSettings) -> str:
    """The thermal label printer labels are sent to; "" when labels print as PDF."""
    return s.label_printer.strip() if s.label_printer_protocol != "pdf" else ""


def load_settings(session: Session) -> InstituteSettings:
    row = session.get(Setting, _KEY)
    return settings_from_text(row.value if row is not None else None)


def settings_from_text(value: str | None) -> InstituteSettings:
    """The settings stored as `value` (None: never saved, the defaults)."""
    if value is None:
        return InstituteSettings()
    data: dict[str, Any] = json.loads(value)
    known = {f.name for f in dataclasses.fields(InstituteSettings)}
    values = {k: v for k, v in data.items() if k in known}
    turnaround = _default_turnaround()
    for service, days in values.get("turnaround", {}).items():
        turnaround.setdefault(service, {}).update(days)
    values["turnaround"] = turnaround
    return InstituteSettings(**values)


def json_setting(session: Session, key: str) -> dict[str, Any] | None:
    """A setting stored as a JSON object (None when it was never saved)."""
    row = session.get(Setting, key)
    return json.loads(row.value) if row is not None else None


def put_json_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    """Store `value` as the JSON object of setting `key` (the caller audits the change)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def save_settings(
    session: Session, actor: Actor, clock: Clock, new: InstituteSettings
) -> InstituteSettings:
    require(session, actor, Perm.ADMIN)
    problems = validate_settings(new)
    if problems:
        raise ValidationError(problems)
    old = load_settings(session)
    before, after = changes(dataclasses.asdict(old), dataclasses.asdict(new))
    put_json_setting(session, _KEY, dataclasses.asdict(new))
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
