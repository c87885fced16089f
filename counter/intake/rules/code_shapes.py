"""Our own code shapes: which scanned or typed text is a number this institute issued.

The keyboard-wedge scanner types into whichever field has the focus; only text
shaped like one of our numbers is taken away from that field and looked up.
Everything else (a customer's serial, a courier's tracking number, a phone
number typed fast) stays where it was typed.

The shapes are one table, `SHAPES`; a new number series is one more row.  Every
number we issue carries its year, so a shape only counts when that year is
plausible (2000-2099): an 11-digit mobile number such as 13812345678 has the
layout of an order number but not its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ORDER_RE = re.compile(r"^(\d{4})([1-4])(\d{6,7})$")
ITEM_RE = re.compile(r"^(\d{4}[1-4]\d{6,7})(\d{3})$")
STATEMENT_RE = re.compile(r"^F(\d{4})(\d{6})$")
CERTIFICATE_RE = re.compile(r"^JD(\d{4})(\d{6})(?:-(\d{3}))?$")
#: a reissue of a certificate numbered before the JD series (an item number + "-NNN")
OLD_REISSUE_RE = re.compile(r"^\d{4}[1-4]\d{6,7}\d{3}-\d{3}$")
RELEASE_RE = re.compile(r"^R(\d{4})(\d{6})$")
#: an appointment slip (counter.appointments); received at intake, which takes the scan
APPOINTMENT_RE = re.compile(r"^YY(\d{4})(\d{6,7})$")


@dataclass(frozen=True)
class CodeShape:
    kind: str  # "order", "item", "statement", "certificate", "release", "appointment"
    pattern: re.Pattern[str]


SHAPES: tuple[CodeShape, ...] = (
    CodeShape("order", ORDER_RE),  # 2026 1 000123: year, channel digit, sequence
    CodeShape("item", ITEM_RE),  # order number + 3-digit sequence
    CodeShape("statement", STATEMENT_RE),  # F2026000123
    # a certificate reissued under its item's number: 20261000123001-002
    CodeShape("certificate", re.compile(r"^(\d{4}[1-4]\d{6,7}\d{3})-(\d{3})$")),
    CodeShape("release", RELEASE_RE),  # handover slip R2026000123
    CodeShape("appointment", APPOINTMENT_RE),  # appointment slip YY2026000123
)

_YEAR = re.compile(r"\d{4}")
FIRST_YEAR, LAST_YEAR = 2000, 2099


def normalise(text: str) -> str:
    """What a scanner typed, without surrounding blanks, upper case (a scanner in caps lock)."""
    return text.strip().upper()


def code_kind(text: str) -> str:
    """The kind of our code `text` is ("order", "item", …), or "" when it is not ours."""
    code = normalise(text)
    year = _YEAR.search(code)
    if year is None or not FIRST_YEAR <= int(year.group()) <= LAST_YEAR:
        return ""
    return next((shape.kind for shape in SHAPES if shape.pattern.match(code)), "")


def is_our_code(text: str) -> bool:
    return bool(code_kind(text))
