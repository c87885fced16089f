"""Taking and giving back places in a slot, safe with several counters at once.

Each slot has load rows (`SlotLoad`: type_key 0 = every type, else one type).  A booking
raises them with one conditional UPDATE each (`booked + n <= capacity`): on PostgreSQL the
row lock makes a second counter wait and then re-check the condition against the first
one's committed count; on SQLite writers are serialised by BEGIN IMMEDIATE.  Either way
two clerks booking the last place at once get one booking and one refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from counter.appointments.rules.slots import SlotLimit
from counter.i18n import _
from db.models_appointments import SlotLoad

#: a per-type row without a limit of its own is still counted, never refused
UNLIMITED = 1 << 30


def _ensure_rows(
    session: Session, department_id: int, day: dt.date, half: str, keys: list[int]
) -> None:
    insert = _pg_insert() if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    rows = [
        {"department_id": department_id, "day": day, "half": half, "type_key": k, "booked": 0}
        for k in keys
    ]
    session.execute(insert(SlotLoad).values(rows).on_conflict_do_nothing())


def _bump(
    session: Session, department_id: int, day: dt.date, half: str, key: int, n: int, cap: int
) -> bool:
    statement = (
        update(SlotLoad)
        .where(
            SlotLoad.department_id == department_id,
            SlotLoad.day == day,
            SlotLoad.half == half,
            SlotLoad.type_key == key,
            SlotLoad.booked + n <= cap,
        )
        .values(booked=SlotLoad.booked + n)
        .execution_options(synchronize_session=False)
    )
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def reserve(
    session: Session,
    department_id: int,
    day: dt.date,
    half: str,
    needs: Mapping[int, int],
    limit: SlotLimit,
    type_names: Mapping[int, str],
) -> str | None:
    """Take `needs` (type id -> items) in the slot; None when taken, else why not (the caller
    raises, and its rolled-back transaction gives back whatever was taken here)."""
    total = sum(needs.values())
    keys = sorted(needs)
    _ensure_rows(session, department_id, day, half, [0, *keys])
    if not _bump(session, department_id, day, half, 0, total, limit.items):
        return _("该时段已约满（容量 {cap} 台件）").format(cap=limit.items)
    for key in keys:
        cap = limit.per_type.get(key, UNLIMITED)
        if not _bump(session, department_id, day, half, key, needs[key], cap):
            return _("该时段“{type}”已约满（容量 {cap} 台件）").format(
                type=type_names.get(key, str(key)), cap=cap
            )
    return None


def release(
    session: Session, department_id: int, day: dt.date, half: str, needs: Mapping[int, int]
) -> None:
    """Give back the places of a cancelled, missed or moved appointment."""
    for key, n in [(0, sum(needs.values())), *needs.items()]:
        session.execute(
            update(SlotLoad)
            .where(
                SlotLoad.department_id == department_id,
                SlotLoad.day == day,
                SlotLoad.half == half,
                SlotLoad.type_key == key,
            )
            .values(booked=SlotLoad.booked - n)
            .execution_options(synchronize_session=False)
        )


def lock_slots(session: Session, slots: list[tuple[int, dt.date, str]]) -> None:
    """Lock the slots' total rows in one order (a move touches two slots: two moves the
    opposite way must not wait for each other)."""
    for department_id, day, half in sorted(set(slots)):
        _ensure_rows(session, department_id, day, half, [0])
        session.execute(
            select(SlotLoad.booked)
            .where(
                SlotLoad.department_id == department_id,
                SlotLoad.day == day,
                SlotLoad.half == half,
                SlotLoad.type_key == 0,
            )
            .with_for_update()
        )


def _pg_insert() -> Any:
    """PostgreSQL's INSERT … ON CONFLICT (its dialect loads on PostgreSQL only, not at start)."""
    from sqlalchemy.dialects import postgresql

    return postgresql.insert
