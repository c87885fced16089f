"""The printed documents of appointments: the slip, the classification table and the
catalogue (PDF, and the two tables as XLSX)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from counter.admin.settings import load_settings
from counter.appointments.queries import appointment_view
from counter.appointments.rules.slots import slot_text
from counter.appointments.sectors import catalogue, list_sectors
from counter.clock import CHINA_TZ, Clock, local_date
from counter.i18n import _
from counter.spreadsheet import append_row
from printing.appointment_catalogue import (
    CATALOGUE_TITLE,
    CLASSIFICATION_TITLE,
    TableDocument,
    render_table_pdf,
)
from printing.appointment_slip import SlipData, SlipLine, render_slip_pdf
from printing.common import InstituteInfo

_row = partial(append_row, date_format="yyyy-mm-dd")


def _institute(session: Session) -> InstituteInfo:
    s = load_settings(session)
    return InstituteInfo(s.institute_name, s.address, s.phone, s.authorisation_no)


def slip_data(session: Session, appointment_id: int) -> SlipData:
    view = appointment_view(session, appointment_id)
    return SlipData(
        institute=_institute(session),
        number=view.number,
        customer_name=view.customer,
        contact=view.contact_name,
        phone=view.contact_phone,
        department=view.department,
        slot=slot_text(view.day, view.half),
        lines=tuple(
            SlipLine(line.name, line.model, line.serial, line.quantity, line.wait)
            for line in view.lines
        ),
        booked_at=view.created_at.astimezone(CHINA_TZ),
        clerk=view.created_by,
        note=view.note,
    )


def slip_pdf(session: Session, appointment_id: int) -> bytes:
    """The appointment slip (检定预约单) as PDF bytes."""
    return render_slip_pdf(slip_data(session, appointment_id))


def _join(values: Iterable[str]) -> str:
    return "、".join(dict.fromkeys(v for v in values if v))


def classification_document(session: Session, clock: Clock) -> TableDocument:
    """One row per sector: the types it books, the departments, time segments, contacts."""
    lines = catalogue(session, active_only=True)
    by_sector: dict[int, list[Any]] = defaultdict(list)
    for line in lines:
        by_sector[line.sector_id].append(line)
    rows = []
    for sector in list_sectors(session, active_only=True):
        own = by_sector.get(sector.id, [])
        rows.append(
            (
                sector.name,
                _join(line.type_name for line in own),
                _join(line.department for line in own),
                _join(line.time_segments for line in own),
                _join(f"{line.contact_name} {line.phone}".strip() for line in own),
            )
        )
    return TableDocument(
        _institute(session),
        CLASSIFICATION_TITLE,
        ("序号", "行业", "预约器具", "检定科室", "预约时段", "联系人及电话"),
        (1, 3, 8, 3, 5, 5),
        tuple(rows),
        local_date(clock.now()),
    )


def catalogue_document(session: Session, clock: Clock) -> TableDocument:
    """One row per catalogue line."""
    rows = tuple(
        (c.sector, c.type_name, c.department, c.time_segments, c.contact_name, c.phone, c.note)
        for c in catalogue(session, active_only=True)
    )
    return TableDocument(
        _institute(session),
        CATALOGUE_TITLE,
        ("序号", "行业", "器具名称", "检定科室", "预约时段", "联系人", "电话", "备注"),
        (1, 3, 5, 3, 5, 2, 3, 4),
        rows,
        local_date(clock.now()),
    )


def document_pdf(document: TableDocument) -> bytes:
    return render_table_pdf(document)


def document_xlsx(document: TableDocument) -> bytes:
    """The table as an XLSX workbook (values only)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = document.title[:31]
    _row(sheet, [document.institute.name])
    _row(sheet, [document.title])
    _row(sheet, [_("编制日期"), document.made_on])
    _row(sheet, list(document.headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for n, row in enumerate(document.rows, 1):
        _row(sheet, [n, *row])
    for index, weight in enumerate(document.weights, start=1):
        sheet.column_dimensions[sheet.cell(4, index).column_letter].width = 4 + weight * 4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
