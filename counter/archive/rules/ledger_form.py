"""A ledger entry as a clerk types it, and what is wrong with it (pure).

The database's text limits are checked on flush (`counter.limits`); here are the
rules the database cannot know: a GB/T 2260 division code, a quantity of 1 to
100,000, a known use and way of verification, a valid-until not before the
verification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from counter.archive.rules.due import next_due
from counter.archive.rules.ledger_columns import ECQS_COLUMNS, EXTRA_COLUMNS, is_division_code
from counter.i18n import _
from counter.intake.rules.uses import USE_NAMES_ZH, Use

MAX_QUANTITY = 100_000
VERIFY_MODE_CODES = ("bring", "onsite")
USE_CODES = frozenset(u.value for u in Use)

#: the ledger's free-text fields (stripped before they are stored)
TEXT_FIELDS = (
    "serial",
    "name",
    "category",
    "kind",
    "model",
    "measuring_range",
    "accuracy_class",
    "manufacturer",
    "origin",
    "location",
    "division_code",
    "regulator_number",
)


@dataclass(frozen=True)
class EntryForm:
    """What a clerk enters for one ledger entry (add or edit)."""

    type_id: int
    serial: str = ""
    name: str = ""  # 器具名称 as the customer calls it; empty: the catalogue's name
    category: str = ""
    kind: str = ""
    model: str = ""
    measuring_range: str = ""
    accuracy_class: str = ""
    manufacturer: str = ""
    origin: str = ""
    location: str = ""
    division_code: str = ""
    quantity: int = 1
    use: str = ""  # a `Use` code
    verify_mode: str = "bring"  # "bring" (送检) | "onsite" (现场检定)
    regulator_number: str = ""
    compulsory: bool | None = None  # None: the catalogue decides by the use
    last_verified: dt.date | None = None  # from the customer's papers, for an entry never seen
    valid_until: dt.date | None = None


def column_label(field: str) -> str:
    """The spreadsheet heading of a ledger field (the e-CQS name where it has one)."""
    for heading, name in (*ECQS_COLUMNS, *EXTRA_COLUMNS):
        if name == field:
            return heading
    return {"type_id": _("器具名称"), "compulsory": _("强制检定")}.get(field, field)


def field_problems(form: EntryForm) -> list[tuple[str, str]]:
    """(field, message) for every rule the form breaks."""
    found: list[tuple[str, str]] = []
    code = form.division_code.strip()
    if code and not is_division_code(code):
        found.append(("division_code", division_message(code)))
    if not 1 <= form.quantity <= MAX_QUANTITY:
        found.append(("quantity", quantity_message()))
    if form.use not in USE_CODES:
        found.append(("use", use_message(form.use)))
    if form.verify_mode not in VERIFY_MODE_CODES:
        found.append(("verify_mode", _("送检方式应为“送检”或“现场检定”")))
    if form.last_verified and form.valid_until and form.valid_until < form.last_verified:
        found.append(("valid_until", _("有效期不能早于最近检定日期")))
    return found


def form_problems(form: EntryForm) -> list[str]:
    """The problems as a clerk reads them: “数量”：…"""
    return [
        _("“{field}”：{message}").format(field=column_label(field), message=message)
        for field, message in field_problems(form)
    ]


def division_message(text: str) -> str:
    return _("“{code}”不是行政区划代码（GB/T 2260，6 位数字，如 371502）").format(code=text)


def quantity_message() -> str:
    return _("数量应为 1 到 {n} 之间的整数").format(n=MAX_QUANTITY)


def use_message(text: str) -> str:
    names = "/".join(name for name in USE_NAMES_ZH.values() if name)
    return _("未知用途“{text}”，应为 {names} 之一，或留空").format(text=text, names=names)


def is_compulsory_use(compulsory_uses: str, use: str) -> bool:
    """The catalogue's "|"-separated Chinese uses name this entry's use."""
    if use not in USE_CODES or use == Use.NONE:
        return False
    return USE_NAMES_ZH[Use(use)] in compulsory_uses.split("|")


def cleaned(form: EntryForm) -> EntryForm:
    """The form with its text fields stripped."""
    return replace(form, **{f: getattr(form, f).strip() for f in TEXT_FIELDS})


def due_after(
    last_verified: dt.date | None,
    last_result: str,
    period_months: int | None,
    valid_until: dt.date | None,
) -> dt.date | None:
    """The entry's next due date (`rules.due.next_due`), except that a failed verification
    makes it due at once: the instrument may not be used until it is verified again."""
    if last_result == "fail" and last_verified is not None:
        return last_verified
    return next_due(last_verified, period_months, valid_until)
