"""The demo's appointments: every department takes 8 items a half day (the weighing
department 12, at most 4 fuel dispensers), one closed afternoon, a catalogue for the
optical shops and fuel stations, and a few bookings for today and the next working days."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor
from counter.appointments.booking import BookingItem, SlotRefused, book
from counter.appointments.capacity import add_closure, set_capacity
from counter.appointments.sectors import (
    CatalogueForm,
    list_sectors,
    save_catalogue_line,
    seed_sectors,
)
from counter.clock import Clock, local_date
from counter.intake.catalog import list_departments, list_types

#: (sector, type, department, time segments, contact, phone)
CATALOGUE = (
    ("眼镜店", "焦度计", "医疗", "每周二、周四上午", "刘医计", "0635-8000001"),
    ("眼镜店", "验光仪", "医疗", "每周二、周四上午", "刘医计", "0635-8000001"),
    ("加油站", "燃油加油机", "衡器", "每周三全天（可上门）", "王衡", "0635-8000002"),
    ("集贸市场", "电子计价秤", "衡器", "每周一至周五上午", "王衡", "0635-8000002"),
    ("医疗机构", "血压计和血压表", "医疗", "每周一、周三下午", "刘医计", "0635-8000001"),
)
#: (customer index, type, quantity, working days from today, half, while you wait)
BOOKINGS = (
    (0, "电子计价秤", 3, 0, "am", True),
    (1, "一般压力表", 2, 0, "pm", False),
    (2, "电子计价秤", 4, 1, "am", False),
    (3, "焦度计", 1, 1, "pm", True),
    (4, "燃油加油机", 2, 2, "am", False),
)


def seed_appointments(
    session: Session, admin: Actor, clerk: Actor, clock: Clock, customers: Sequence[int]
) -> None:
    seed_sectors(session)
    departments = {d.name: d.id for d in list_departments(session)}
    types = {t.name: t.id for t in list_types(session)}
    for name, department_id in departments.items():
        set_capacity(session, admin, clock, department_id, "day", 12 if name == "衡器" else 8)
    set_capacity(session, admin, clock, departments["衡器"], "day", 4, types["燃油加油机"])
    sectors = {s.name: s.id for s in list_sectors(session)}
    for sector, type_name, department, segments, contact, phone in CATALOGUE:
        form = CatalogueForm(
            sectors[sector], types[type_name], departments[department], segments, contact, phone
        )
        save_catalogue_line(session, admin, clock, form)
    calendar, today = load_calendar(session), local_date(clock.now())
    day_after = calendar.add_workdays(today, 3)
    add_closure(
        session,
        admin,
        clock,
        department_id=departments["医疗"],
        day=day_after,
        half="pm",
        items=None,
        reason="标准器送上级检定",
    )
    for index, type_name, quantity, ahead, half, wait in BOOKINGS:
        day = calendar.add_workdays(today, ahead) if ahead else today
        info = next(t for t in list_types(session) if t.id == types[type_name])
        try:
            book(
                session,
                clerk,
                clock,
                customer_id=customers[index % len(customers)],
                department_id=info.department_id,
                day=day,
                half=half,
                items=[BookingItem(info.id, quantity, wait=wait)],
                source="phone",
                wait=wait,
            )
        except SlotRefused:  # a demo made on a holiday: today is not bookable
            continue
