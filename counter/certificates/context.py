"""What the defect check is cross-checked against, loaded from the database in bulk.

`load_registers` reads the small registers once (catalogue, regulations, standards,
authorisations, people, settings); `batch_context` adds what depends on the
certificates of one batch — their items' intake records and which of their numbers
other certificates already use — with one query each, however long the batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session

from counter.certificates.regulations import merged_regulations
from counter.certificates.rules import (
    DEFAULT_NUMBER_PATTERN,
    Authorisation,
    CatalogEntry,
    Certificate,
    CheckContext,
    EnvLimit,
    IntakeRecord,
    Person,
    Regulation,
    SignRole,
    Standard,
    make_context,
)
from counter.certificates.rules.values import OLD_NUMBER_PATTERN
from counter.clock import local_date
from db.models import Customer, InstrumentType, Item, Order, Setting, User
from db.models_certificates import (
    CertificateRecord,
    EnvLimitEntry,
    RegulationEntry,
    SignAuthorisation,
    StandardEntry,
)

SETTINGS_KEY = "certificates"
T = TypeVar("T")


@dataclass(frozen=True)
class CertificateSettings:
    """Business settings of certificates, shared by every counter."""

    # the whole certificate number as a regular expression (group "order" = order number)
    number_pattern: str = DEFAULT_NUMBER_PATTERN
    # printed in the cover's contact box, e.g. "邮编：252000　E-mail：…"
    contacts: str = ""


def load_certificate_settings(session: Session) -> CertificateSettings:
    row = session.get(Setting, SETTINGS_KEY)
    if row is None:
        return CertificateSettings()
    data = json.loads(row.value)
    pattern = data.get("number_pattern") or DEFAULT_NUMBER_PATTERN
    return CertificateSettings(
        # the default before the JD series was stored as it was: it now means today's default
        number_pattern=DEFAULT_NUMBER_PATTERN if pattern == OLD_NUMBER_PATTERN else pattern,
        contacts=data.get("contacts", ""),
    )


@dataclass(frozen=True)
class Registers:
    """The registers every check of a batch shares."""

    catalog: tuple[CatalogEntry, ...]
    regulations: tuple[Regulation, ...]
    standards: tuple[Standard, ...]
    authorisations: tuple[Authorisation, ...]
    persons: tuple[Person, ...]
    settings: CertificateSettings


def _catalog(session: Session) -> tuple[CatalogEntry, ...]:
    limits: dict[int, list[EnvLimit]] = {}
    for e in session.scalars(select(EnvLimitEntry).order_by(EnvLimitEntry.id)):
        limits.setdefault(e.type_id, []).append(EnvLimit(e.quantity, e.low, e.high, e.unit))
    return tuple(
        CatalogEntry(
            t.name,
            t.regulation,
            t.period_months,
            frozenset(u for u in t.compulsory_uses.split("|") if u),
            tuple(limits.get(t.id, ())),
        )
        for t in session.scalars(select(InstrumentType))
    )


def load_registers(session: Session) -> Registers:
    regulations = merged_regulations(
        Regulation(r.code, r.title, r.effective, r.superseded_on, r.superseded_by)
        for r in session.scalars(select(RegulationEntry))
    )
    standards = tuple(
        Standard(s.ref, s.name, s.measuring_range, s.accuracy, s.certificate_number, s.valid_until)
        for s in session.scalars(select(StandardEntry).where(StandardEntry.active))
    )
    grants = session.execute(
        select(User.username, InstrumentType.name, SignAuthorisation.valid_until,
               SignAuthorisation.role)
        .join(User, User.id == SignAuthorisation.user_id)
        .join(InstrumentType, InstrumentType.id == SignAuthorisation.type_id)
        .where(SignAuthorisation.active)
    )  # fmt: skip
    authorisations = tuple(
        Authorisation(person, kind, until, SignRole(role) if role else None)
        for person, kind, until, role in grants
    )
    persons = tuple(
        Person(name, full)
        for name, full in session.execute(select(User.username, User.full_name).where(User.active))
    )
    return Registers(
        _catalog(session),
        regulations,
        standards,
        authorisations,
        persons,
        load_certificate_settings(session),
    )


def among(column: InstrumentedAttribute[T], name: str, dialect: str) -> ColumnElement[bool]:
    """`column` among the values of parameter `name`, given as one parameter (an array on
    PostgreSQL, a JSON list on SQLite; see `listed`): an IN of 500 parameters costs the
    driver and SQLAlchemy more to render and parse than the database takes to answer it,
    and its text changes with the count, so PostgreSQL can't keep its plan."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    if dialect == "sqlite":
        values = func.json_each(bindparam(name, type_=String)).table_valued("value")
        return column.in_(select(values.c.value))
    return column.in_(bindparam(name, expanding=True))


def listed(values: Iterable[str] | Iterable[int], dialect: str) -> object:
    """`values` as the parameter `among` reads."""
    if dialect == "sqlite":
        return json.dumps(list(values), ensure_ascii=False)
    return list(values)


@functools.cache
def _intake_query(
    dialect: str,
) -> Select[str, str, str, str, str, str, dt.datetime, bool, str]:
    return (
        select(
            Item.number,
            InstrumentType.name,
            Customer.name,
            Item.model,
            Item.serial,
            Item.manufacturer,
            Order.received_at,
            Item.compulsory,
            Item.accuracy_class,
        )
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .where(among(Item.number, "numbers", dialect))
    )


def intake_records(session: Session, item_numbers: Collection[str]) -> list[IntakeRecord]:
    """The intake record of each item named (unknown numbers are simply absent)."""
    if not item_numbers:
        return []
    days: dict[dt.datetime, dt.date] = {}  # the items of an order share its moment
    out = []
    conn = session.connection()
    dialect = conn.dialect.name
    params = {"numbers": listed(item_numbers, dialect)}
    rows = conn.execute(_intake_query(dialect), params).all()
    for number, kind, customer, model, serial, maker, received, compulsory, cls in rows:
        day = days.get(received)
        if day is None:
            day = days[received] = local_date(received)
        out.append(IntakeRecord(
            number, kind, customer, kind, model, serial, maker, day, compulsory, cls,
        ))  # fmt: skip
    return out


@functools.cache
def _used_query(dialect: str) -> Select[str, int]:
    return select(CertificateRecord.number, CertificateRecord.id).where(
        among(CertificateRecord.number, "numbers", dialect)
    )


def numbers_in_use(
    session: Session, numbers: Collection[str], exclude_ids: Collection[int] = ()
) -> set[str]:
    """Which of `numbers` certificates (other than `exclude_ids`) already carry."""
    if not numbers:
        return set()
    own = set(exclude_ids)
    conn = session.connection()
    dialect = conn.dialect.name
    rows = conn.execute(_used_query(dialect), {"numbers": listed(numbers, dialect)}).all()
    return {number for number, id_ in rows if id_ not in own}


def batch_context(
    session: Session,
    registers: Registers,
    certs: Sequence[Certificate],
    today: dt.date,
    exclude_ids: Collection[int] = (),
) -> CheckContext:
    """The context for checking `certs`; `exclude_ids` are their own stored rows."""
    wanted = {c.number.strip() for c in certs if c.number.strip()}
    wanted |= {c.supersedes.strip() for c in certs if c.supersedes.strip()}
    return make_context(
        today,
        intake=intake_records(session, {c.item_number for c in certs}),
        catalog=registers.catalog,
        regulations=registers.regulations,
        standards=registers.standards,
        authorisations=registers.authorisations,
        persons=registers.persons,
        used_numbers=numbers_in_use(session, wanted, exclude_ids),
        records=None,
        number_pattern=registers.settings.number_pattern,
    )


def check_context(
    session: Session,
    certs: Sequence[Certificate],
    today: dt.date,
    exclude_ids: Collection[int] = (),
) -> CheckContext:
    """Registers and batch look-ups in one call (for a single action)."""
    return batch_context(session, load_registers(session), certs, today, exclude_ids)
