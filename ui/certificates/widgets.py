"""Small widgets the certificate screens share: record tables, editable row tables, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from ui.certificates import defects_model as dm
from ui.certificates.rows_model import RowsModel


def record_table(parent: QWidget) -> QTableView:
    """A read-only list of records: whole rows selected, one at a time, sortable."""
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def rows_table(model: RowsModel, parent: QWidget) -> tuple[QWidget, QTableView]:
    """An editable table with Add / Remove buttons under it."""
    box = QWidget(parent)
    table = QTableView(box)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    add, remove = QPushButton(_("添加行"), box), QPushButton(_("删除行"), box)
    add.clicked.connect(lambda: table.setCurrentIndex(model.index(model.add_row(), 0)))
    remove.clicked.connect(lambda: model.remove_row(table.currentIndex().row()))
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch(1)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addLayout(buttons)
    return box, table


def defects_table(parent: QWidget) -> QTableView:
    """A certificate's defects: the message takes the room, clause and reason stay narrow."""
    table = record_table(parent)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(dm.MESSAGE, QHeaderView.ResizeMode.Stretch)
    for column, width in ((dm.CLAUSE, 150), (dm.OVERRIDE, 140)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    return table


def button(text: str, keys: str, slot: Callable[[], object], parent: QWidget) -> QPushButton:
    """A push button that shows its shortcut as a tooltip."""
    push = QPushButton(text, parent)
    push.setToolTip(keys)
    push.clicked.connect(slot)
    return push


def picked(edit: QDateEdit) -> dt.date:
    """The date shown in `edit`."""
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())
