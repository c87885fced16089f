"""What a certificate is cross-checked against: intake, catalogue, registers, people.

The database layer loads these once per batch and calls `make_context`, which turns
them into dictionaries and sets so the check itself does constant-time look-ups.  A
register passed as ``None`` is "not known here": the checks that need it are skipped
(an empty sequence means "known, and empty").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from counter.certificates.rules.model import ResultRow, SignRole, Verdict
from counter.certificates.rules.values import (
    DEFAULT_NUMBER_PATTERN,
    compile_number_pattern,
    norm_regulation,
)


@dataclass(frozen=True, slots=True)
class IntakeRecord:
    """The item as the counter registered it."""

    item_number: str
    instrument_type: str  # catalogue name, e.g. "电子计价秤"
    customer: str
    instrument_name: str
    model: str = ""
    serial: str = ""
    manufacturer: str = ""
    received: dt.date | None = None
    compulsory: bool = False
    accuracy_class: str = ""


@dataclass(frozen=True, slots=True)
class EnvLimit:
    """Allowed range of one environmental quantity (either bound may be open)."""

    quantity: str  # e.g. "温度"; matches conditions whose quantity contains it
    low: float | None = None
    high: float | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    instrument_type: str
    regulation: str
    period_months: int | None
    compulsory_uses: frozenset[str] = frozenset()
    env_limits: tuple[EnvLimit, ...] = ()


@dataclass(frozen=True, slots=True)
class Regulation:
    code: str  # "JJG 539-2016"
    title: str = ""
    effective: dt.date | None = None
    superseded_on: dt.date | None = None
    superseded_by: str = ""


@dataclass(frozen=True, slots=True)
class Standard:
    """An entry of the standards register (计量标准 / 标准器)."""

    id: str
    name: str
    range: str = ""
    accuracy: str = ""
    certificate_number: str = ""
    valid_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Authorisation:
    """A person may sign for an instrument type until `valid_until` (inclusive).

    `role` None: any of verifier, checker, approver.
    """

    person: str
    instrument_type: str
    valid_until: dt.date
    role: SignRole | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str  # user name
    name: str


@dataclass(frozen=True, slots=True)
class OriginalRecord:
    """What the lab's original record (原始记录) says, where the lab system provides it."""

    number: str
    item_number: str
    performed: dt.date | None = None
    verdict: Verdict | None = None
    results: tuple[ResultRow, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Look-ups for the cross-checks; build it with `make_context`."""

    today: dt.date
    intake: Mapping[str, IntakeRecord] | None
    catalog: Mapping[str, CatalogEntry] | None
    regulations: Mapping[str, Regulation] | None  # key: `norm_regulation(code)`
    standards: Mapping[str, Standard] | None
    authorisations: Mapping[tuple[str, str], tuple[Authorisation, ...]] | None
    persons: Mapping[str, Person] | None
    # Numbers of *other* certificates that exist.  Only membership is tested, so the
    # caller may pass just those among the batch's numbers and `supersedes` references.
    used_numbers: frozenset[str] | None
    records: Mapping[str, OriginalRecord] | None
    number_pattern: re.Pattern[str]
    # (person, instrument type, role) → the last day of that person's authorisations for
    # the type that cover the role: `authorisations` indexed for the check of each signatory
    signing: Mapping[tuple[str, str, SignRole], dt.date] | None

    def catalog_entry(self, instrument_type: str) -> CatalogEntry | None:
        return None if self.catalog is None else self.catalog.get(instrument_type)


def make_context(
    today: dt.date,
    *,
    intake: Iterable[IntakeRecord] | None = None,
    catalog: Iterable[CatalogEntry] | None = None,
    regulations: Iterable[Regulation] | None = None,
    standards: Iterable[Standard] | None = None,
    authorisations: Iterable[Authorisation] | None = None,
    persons: Iterable[Person] | None = None,
    used_numbers: Iterable[str] | None = None,
    records: Iterable[OriginalRecord] | None = None,
    number_pattern: str = DEFAULT_NUMBER_PATTERN,
) -> CheckContext:
    """Index the registers once; the result is shared by every check of a batch."""
    auths: dict[tuple[str, str], tuple[Authorisation, ...]] | None = None
    signing: dict[tuple[str, str, SignRole], dt.date] | None = None
    if authorisations is not None:
        auths, signing = {}, {}
        for a in authorisations:
            key = (a.person, a.instrument_type)
            auths[key] = (*auths.get(key, ()), a)
            for role in SignRole if a.role is None else (a.role,):
                until = signing.get((*key, role))
                if until is None or a.valid_until > until:
                    signing[(*key, role)] = a.valid_until
    return CheckContext(
        today=today,
        intake=None if intake is None else {r.item_number: r for r in intake},
        catalog=None if catalog is None else {c.instrument_type: c for c in catalog},
        regulations=(
            None if regulations is None else {norm_regulation(r.code): r for r in regulations}
        ),
        standards=None if standards is None else {s.id: s for s in standards},
        authorisations=auths,
        persons=None if persons is None else {p.id: p for p in persons},
        used_numbers=None if used_numbers is None else frozenset(used_numbers),
        records=None if records is None else {r.number: r for r in records},
        number_pattern=compile_number_pattern(number_pattern),
        signing=signing,
    )
