"""The columns of the intake items table: constants, titles, choices, tooltips."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from counter.admin.settings import SERVICES, URGENCIES
from counter.i18n import _
from counter.intake.catalog import TypeInfo, Use, use_label
from counter.intake.receive import (
    RETURN_WAYS,
    ItemDraft,
    return_way_label,
    service_label,
    urgency_label,
)


@dataclass(frozen=True)
class ItemRow:
    draft: ItemDraft
    promised: dt.date | None = None
    history: int = 0  # earlier items of this instrument (same customer, type and serial)


class ItemColumns:
    # the row number (序号) is the vertical header: it changes when rows come and go
    (TYPE, DEPARTMENT, MODEL, SERIAL, MANUFACTURER, RANGE, ACCURACY, SERVICE, USE,
     COMPULSORY, CONDITION, ACCESSORIES, URGENCY, RETURN_WAY, PROMISED,
     HISTORY) = range(16)  # fmt: skip
    COLUMN_COUNT = 16
    TEXT_FIELDS: ClassVar[dict[int, str]] = {
        MODEL: "model",
        SERIAL: "serial",
        MANUFACTURER: "manufacturer",
        RANGE: "measuring_range",
        ACCURACY: "accuracy_class",
        CONDITION: "condition",
        ACCESSORIES: "accessories",
    }
    CHOICE_FIELDS: ClassVar[dict[int, str]] = {
        SERVICE: "service",
        USE: "use",
        URGENCY: "urgency",
        RETURN_WAY: "return_way",
    }
    # the cells Tab and Enter walk through, in order.  测量范围 and 准确度等级 are usually
    # empty at the counter: they are skipped (the arrow keys or a click reach them, and
    # Ctrl+R jumps to 测量范围); 强检 is a stop (Space changes it) though it has no editor.
    TAB_COLUMNS = (TYPE, MODEL, SERIAL, MANUFACTURER, SERVICE, USE, COMPULSORY,
                   CONDITION, ACCESSORIES, URGENCY, RETURN_WAY)  # fmt: skip
    EDIT_COLUMNS = frozenset(TEXT_FIELDS) | frozenset(CHOICE_FIELDS) | {TYPE}


def choices(field_name: str) -> list[tuple[str, str]]:
    """(code, label) of a choice column, in the order the combo box lists them."""
    if field_name == "service":
        return [(s, service_label(s)) for s in SERVICES]
    if field_name == "use":
        uses = [u for u in Use if u is not Use.NONE] + [Use.NONE]
        return [(u.value, use_label(u)) for u in uses]
    if field_name == "urgency":
        return [(u, urgency_label(u)) for u in URGENCIES]
    return [(w, return_way_label(w)) for w in RETURN_WAYS]


def tooltip(row: ItemRow, column: int, info: TypeInfo | None) -> str | None:
    d = row.draft
    c = ItemColumns
    if column == c.TYPE and info:
        return _("检定依据：{regulation}").format(regulation=info.regulation or "—")
    if column == c.COMPULSORY and d.compulsory_override is not None:
        return _("已人工更改强检标志，原因：{reason}").format(reason=d.override_reason)
    if column == c.COMPULSORY:
        return _("按空格键更改强检标志（需填写原因）")
    if column == c.HISTORY and row.history:
        return _("同一客户的同一器具（名称和出厂编号相同）以前送检过")
    return None


def column_titles() -> tuple[str, ...]:
    return (
        _("器具名称"),
        _("科室"),
        _("型号规格"),
        _("出厂编号"),
        _("制造厂"),
        _("测量范围"),
        _("准确度等级"),
        _("服务"),
        _("用途"),
        _("强检"),
        _("外观状况"),
        _("附件"),
        _("加急"),
        _("取件方式"),
        _("约定日期"),
        _("曾送检"),
    )
