"""The job sheet of an on-site job, as PDF (printing.onsite_sheet)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter.admin.print_fonts import printing_fonts
from counter.admin.settings import load_settings
from counter.clock import CHINA_TZ, Clock
from counter.intake.documents import institute_info
from counter.onsite.views import job_view
from printing.onsite_sheet import JobSheetData, SheetInstrument, SheetStandard, render_job_sheet_pdf

RESULT_TEXT = {"pass": "合格", "fail": "不合格"}


def job_sheet_data(session: Session, clock: Clock, job_id: int) -> JobSheetData:
    v = job_view(session, job_id)
    crew = tuple(name + ("（负责人）" if lead else "") for name, lead in v.crew)
    return JobSheetData(
        institute=institute_info(load_settings(session)),
        job_number=v.row.number,
        customer_name=v.row.customer,
        site_address=v.row.site_address,
        contact_name=v.contact_name,
        contact_phone=v.contact_phone,
        day=v.row.confirmed_date or v.row.requested_date,
        urgent=v.row.urgent,
        description=v.description,
        crew=crew,
        vehicle=f"{v.row.vehicle} {v.vehicle_kind}".strip(),
        standards=tuple(SheetStandard(*s) for s in v.standards),
        instruments=tuple(
            SheetInstrument(
                i.item_number,
                i.type_name,
                i.model,
                i.serial,
                i.location,
                RESULT_TEXT.get(i.result, ""),
            )
            for i in v.instruments
        ),
        printed_at=clock.now().astimezone(CHINA_TZ),
        institute_doing=v.institute,
    )


def job_sheet_pdf(session: Session, clock: Clock, job_id: int) -> bytes:
    data = job_sheet_data(session, clock, job_id)
    with printing_fonts(load_settings(session)):
        return render_job_sheet_pdf(data)
