"""The return desk's page: scan field, customer line, items table, summary, message, buttons.

Only widgets and their layout; `ui.release.screen.ReturnScreen` gives them life.  Each
button has its shortcut (shown as its tooltip), active while the desk is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from ui.common.message_line import MessageLine
from ui.common.scanner import take_own_scans
from ui.release import return_model as rm

#: key, button text, shortcut, slot, shown
Action = tuple[str, str, str, Callable[[], object], bool]


class DeskPage(QWidget):
    def __init__(
        self,
        proxy: QSortFilterProxyModel,
        message: MessageLine,
        actions: Sequence[Action],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.code = QLineEdit(self)
        self.code.setObjectName("return_code")
        self.code.setPlaceholderText(_("扫描取件回执、器具标签或收费清单；空行回车 = 确认领取"))
        self.code.setClearButtonEnabled(True)
        take_own_scans(self.code)  # handover slips, labels, statements: this desk reads them
        label = QLabel(_("扫码(&S)："), self)
        label.setBuddy(self.code)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableView(self)
        self.table.setModel(proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(rm.NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(rm.REASON, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, keys, slot, shown in actions:
            button = QPushButton(text, self)
            button.setToolTip(keys)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            button.setVisible(shown)
            if shown:
                QShortcut(QKeySequence(keys), self, slot)
            self.buttons[key] = button
            row.addWidget(button)
            if key == "unpaid":
                row.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.code, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(message)
        layout.addLayout(row)
