"""A defect: what is wrong with a certificate, in words a supervisor acts on.

Every defect carries a stable code (table in `counter.certificates.rules.codes` and
docs/certificate-json.md), a severity, its message in Chinese and English with the
values involved, the clause it comes from and whether a supervisor may override it.
Messages are built from Chinese templates; the English text of each template is in
the gettext catalogue (`counter.i18n.english`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from counter.i18n import english, language


class Severity(enum.StrEnum):
    BLOCKING = "blocking"  # the certificate may not leave until fixed (or overridden)
    WARNING = "warning"  # the supervisor should look; release is not blocked


@dataclass(frozen=True, slots=True)
class Defect:
    code: str
    severity: Severity
    message_zh: str
    message_en: str
    clause: str
    overridable: bool
    field: str = ""  # where it is, as a JSON path: "serial", "standards[1].valid_until"

    @property
    def key(self) -> str:
        """Identifies this defect on this certificate, e.g. for an `Override`."""
        return f"{self.code}@{self.field}" if self.field else self.code

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING

    @property
    def message(self) -> str:
        """The message in the current language (`counter.i18n.set_language`)."""
        return self.message_en if language() == "en" else self.message_zh


@dataclass(frozen=True, slots=True)
class Text:
    """A value that reads differently in Chinese and English (a field name, a type)."""

    zh: str
    en: str


EMPTY = Text("（空）", "(empty)")


def shown(value: str) -> str | Text:
    """A value for a message: stripped, or "（空）" when there is nothing."""
    value = value.strip()
    return value if value else EMPTY


_ENGLISH: dict[str, str] = {}  # template → its English template (a few hundred at most)


def render(template: str, values: dict[str, object]) -> tuple[str, str]:
    """(Chinese, English) text of a message template filled with `values`."""
    en = _ENGLISH.get(template)
    if en is None:
        en = _ENGLISH[template] = english(template)
    zh_values = en_values = values  # copied only where a value reads differently
    for name, value in values.items():
        if type(value) is str or type(value) is int:  # most values: as they are
            continue
        if isinstance(value, Text):
            zh, en_text = value.zh, value.en
        elif isinstance(value, dt.date):
            zh = en_text = value.isoformat()
        else:
            continue
        if zh_values is values:
            zh_values, en_values = dict(values), dict(values)
        zh_values[name], en_values[name] = zh, en_text
    return template.format(**zh_values), en.format(**en_values)
