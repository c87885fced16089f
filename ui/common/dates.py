"""Date fields: a calendar-popup ``QDateEdit`` showing ISO dates, and the date it holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(parent: QWidget, day: dt.date | None = None) -> QDateEdit:
    """A date field (yyyy-MM-dd, calendar popup), set to `day` when given."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if day is not None:
        edit.setDate(qdate(day))
    return edit


def edit_day(edit: QDateEdit) -> dt.date:
    """The date `edit` holds."""
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())
