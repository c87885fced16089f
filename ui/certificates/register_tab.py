"""What every register tab shares: a sorted table, a row of buttons with their keys, a message line.

A tab subclasses `RegisterTab`, sets its model and buttons, and implements `refresh`;
a dialog opened with `open_dialog` refreshes the table and says what changed when accepted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.admin.rules.roles import Perm
from counter.i18n import _
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


class RegisterTab(QWidget):
    """A sorted table, a row of buttons, a message line; rows reload after every change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pending: QDialog | None = None
        self.proxy = QSortFilterProxyModel(self)
        self.table = QTableView(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.show_inactive = QCheckBox(_("显示已停用/已撤销"), self)
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        self.buttons = QHBoxLayout()
        self.message = MessageLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.admin = ctx.actor.can(Perm.ADMIN)

    def set_model(self, model: QAbstractItemModel, sort_role: int) -> None:
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(sort_role)
        self.table.setModel(self.proxy)

    def add_button(self, text: str, keys: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(keys)
        button.setEnabled(self.admin)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        shortcut = QShortcut(QKeySequence(keys), self, slot)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.show_inactive)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def open_dialog(self, dialog: QDialog, done: str) -> None:
        self.message.clear_message()
        self.pending = dialog
        dialog.accepted.connect(lambda: self._changed(done))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _changed(self, done: str) -> None:
        self.refresh()
        self.message.show_info(done)

    def refresh(self) -> None:
        raise NotImplementedError
