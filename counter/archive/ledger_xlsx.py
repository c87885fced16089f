"""The ledger as a spreadsheet: export in the e-CQS columns, import all or nothing.

Export: one row per entry, the e-CQS columns then the counter's own
(`rules.ledger_columns`); text never becomes a formula and control characters are
dropped.  Import (XLSX or CSV) checks every row first (`rules.ledger_table`): any
error and nothing is saved, each error naming its row and column.  A row whose type
and serial match an entry of the customer updates that entry (the file's columns
only); the others are added.  One audit entry records the counts.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.archive.ledger import OWN_COLUMNS
from counter.archive.rules.ledger_columns import (
    ECQS_COLUMNS,
    EXTRA_COLUMNS,
    RESULT_NAMES,
    STATUS_NAMES,
    VERIFY_MODE_NAMES,
    use_name,
)
from counter.archive.rules.ledger_form import due_after, is_compulsory_use
from counter.archive.rules.ledger_table import RowError, parse_ledger_rows, row_error_text
from counter.billing.rules.schedule_io import TableError, read_table
from counter.clock import Clock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.spreadsheet import clean
from db.models import Customer, Instrument, InstrumentType

MAX_FILE_BYTES = 40 * 2**20
MAX_UNPACKED_BYTES = 400 * 2**20  # an XLSX is a zip: refuse one that inflates past this
SHEET_ROWS = 1_000_000  # rows per worksheet (Excel holds 1,048,576)
_TABLE = cast(Table, Instrument.__table__)
_DATES = ("last_verified", "valid_until", "next_due", "status_date")
#: the entry fields an import may set: its own columns but who, which type and serial,
#: where it came from and when
_SETTABLE = tuple(
    c
    for c in OWN_COLUMNS
    if c not in ("id", "customer_id", "type_id", "serial", "source", "created_at", "updated_at")
)


@dataclass(frozen=True)
class LedgerImport:
    added: int
    updated: int
    unchanged: int


class LedgerImportError(ValidationError):
    """The file's row errors; nothing was saved."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__([row_error_text(e) for e in errors])
        self.errors = tuple(errors)


# --- export -----------------------------------------------------------------------------


def _export_rows(session: Session, customer_id: int | None) -> Iterator[list[Any]]:
    fields = [f for _h, f in (*ECQS_COLUMNS, *EXTRA_COLUMNS) if f != "type_name"]
    query = (
        select(
            InstrumentType.name.label("type_name"),
            Customer.name.label("customer"),
            *(getattr(Instrument, f) for f in fields),
        )
        .join(InstrumentType, InstrumentType.id == Instrument.type_id)
        .join(Customer, Customer.id == Instrument.customer_id)
        .order_by(Instrument.customer_id, InstrumentType.name, Instrument.serial)
    )
    if customer_id is not None:
        query = query.where(Instrument.customer_id == customer_id)
    for row in session.execute(query.execution_options(yield_per=2000)):
        values = row._mapping
        cells: list[Any] = []
        for _heading, field in (*ECQS_COLUMNS, *EXTRA_COLUMNS):
            value = values[field]
            if field == "use":
                value = use_name(value)
            elif field == "verify_mode":
                value = VERIFY_MODE_NAMES.get(value, value)
            elif field == "last_result":
                value = RESULT_NAMES.get(value, value)
            elif field == "status":
                value = STATUS_NAMES.get(value, value)
            cells.append(value)
        if customer_id is None:
            cells.append(values["customer"])
        yield cells


def export_ledger_xlsx(session: Session, customer_id: int | None) -> bytes:
    """The customer's ledger (every customer's, with a 客户名称 column, when None) as XLSX."""
    from openpyxl import Workbook  # only when a ledger is exported: it loads slowly
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if customer_id is not None and session.get(Customer, customer_id) is None:
        raise NotFound(_("客户不存在"))
    headings = [h for h, _f in (*ECQS_COLUMNS, *EXTRA_COLUMNS)]
    if customer_id is None:
        headings.append("客户名称")
    dates = {i for i, (_h, f) in enumerate((*ECQS_COLUMNS, *EXTRA_COLUMNS)) if f in _DATES}
    book = Workbook(write_only=True)
    sheet: Any = None
    written = SHEET_ROWS
    bold = Font(bold=True)

    def cell(index: int, value: Any) -> Any:
        if isinstance(value, str):
            value = clean(value)
            if value.startswith("="):  # text stays text: never a formula
                out = WriteOnlyCell(sheet, value=value)
                out.data_type = "s"
                return out
        elif index in dates and value is not None:
            out = WriteOnlyCell(sheet, value=value)
            out.number_format = "yyyy-mm-dd"
            return out
        return value

    for cells in _export_rows(session, customer_id):
        if written >= SHEET_ROWS:
            sheet = book.create_sheet(_("器具台账") if sheet is None else None)
            header = [WriteOnlyCell(sheet, value=h) for h in headings]
            for h in header:
                h.font = bold
            sheet.append(header)
            written = 0
        sheet.append([cell(i, v) for i, v in enumerate(cells)])
        written += 1
    if sheet is None:  # an empty ledger: the headings alone, ready to fill in
        sheet = book.create_sheet(_("器具台账"))
        sheet.append(headings)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- import -----------------------------------------------------------------------------


def _read(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError([_("文件过大（最大 {n} MB）").format(n=MAX_FILE_BYTES // 2**20)])
    if filename.casefold().endswith((".xlsx", ".xlsm")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
            raise ValidationError([_("无法读取 XLSX 文件：{error}").format(error=error)]) from error
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValidationError([_("XLSX 文件解压后过大，无法读取")])
    try:
        return read_table(data, filename)
    except TableError as error:
        raise ValidationError([str(error)]) from error


def _limits() -> dict[str, int]:
    found = {}
    for column in Instrument.__table__.columns:
        length = getattr(column.type, "length", None)
        if isinstance(length, int):
            found[column.key] = length
    return found


def _existing(session: Session, customer_id: int) -> dict[tuple[int, str], dict[str, Any]]:
    query = select(
        Instrument.id,
        Instrument.type_id,
        Instrument.serial,
        *(getattr(Instrument, f) for f in _SETTABLE),
    ).where(Instrument.customer_id == customer_id)
    return {(r.type_id, r.serial): dict(r._mapping) for r in session.execute(query)}


@dataclass(frozen=True)
class _Type:
    name: str
    period_months: int | None
    compulsory_uses: str


def _settle(state: dict[str, Any], old: dict[str, Any] | None, kind: _Type, today: dt.date) -> None:
    """Fill what the file does not say: name, compulsory, status date, next due date."""
    state["name"] = state["name"] or kind.name
    if old is None or state["use"] != old["use"]:
        state["compulsory"] = is_compulsory_use(kind.compulsory_uses, state["use"])
    if state["status"] != (old["status"] if old else "in_use") and state["status_date"] is None:
        state["status_date"] = today
    state["next_due"] = due_after(
        state["last_verified"], state["last_result"], kind.period_months, state["valid_until"]
    )


_BLANK: dict[str, Any] = {
    **{f: "" for f in _SETTABLE},
    "quantity": 1,
    "verify_mode": "bring",
    "compulsory": False,
    "status": "in_use",
    **dict.fromkeys(_DATES),
}


def import_ledger(
    session: Session,
    actor: Actor,
    clock: Clock,
    customer_id: int,
    data: bytes,
    filename: str,
) -> LedgerImport:
    """Load a customer's ledger from XLSX or CSV bytes; row errors raise `LedgerImportError`."""
    require(session, actor, Perm.EDIT_LEDGER)
    if session.get(Customer, customer_id) is None:
        raise NotFound(_("客户不存在"))
    table = _read(data, filename)
    catalogue = {
        t.id: t
        for t in session.execute(
            select(
                InstrumentType.id,
                InstrumentType.name,
                InstrumentType.period_months,
                InstrumentType.compulsory_uses,
            ).where(InstrumentType.active)
        )
    }
    parsed = parse_ledger_rows(table, {t.name: t.id for t in catalogue.values()}, _limits())
    if parsed.errors:
        raise LedgerImportError(parsed.errors)
    now = clock.now()
    today = local_date(now)
    existing = _existing(session, customer_id)
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in parsed.rows:
        t = catalogue[row.type_id]
        kind = _Type(t.name, t.period_months, t.compulsory_uses)
        old = existing.get((row.type_id, row.serial))
        state = {**(old or _BLANK)}
        state.update((k, v) for k, v in row.values.items() if k in _SETTABLE)
        _settle(state, old, kind, today)
        if old is None:
            state.update(customer_id=customer_id, type_id=row.type_id, serial=row.serial)
            state.update(source="import", created_at=now, updated_at=now)
            added.append(state)
        elif any(state[k] != old[k] for k in _SETTABLE):
            changed.append({"id": old["id"], **{k: state[k] for k in _SETTABLE}, "updated_at": now})
    if added:
        session.execute(insert(_TABLE), added)
    if changed:
        session.execute(update(Instrument), changed)
    result = LedgerImport(len(added), len(changed), len(parsed.rows) - len(added) - len(changed))
    record(
        session,
        actor,
        clock,
        "ledger.import",
        "customer",
        str(customer_id),
        after={"file": filename, **result.__dict__},
    )
    return result
