"""Find a parcel by its tracking number (scan the courier's label or type part of it).

Enter searches; Enter or a double click on a parcel opens its items at the desk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter.i18n import _
from counter.release import MailRow, find_by_tracking
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.scanner import take_own_scans
from ui.release import lists_model as lm
from ui.release.lists import list_table
from ui.release.lists_model import RowsModel


class TrackingPanel(QWidget):
    codes_chosen = Signal(list)  # item numbers of the chosen parcel

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(_("扫描或输入快递单号（可输入一部分），回车查找"))
        self.field.setClearButtonEnabled(True)
        take_own_scans(self.field)  # a courier's number may look like anything
        self.field.returnPressed.connect(self.search)
        label = QLabel(_("快递单号(&K)："), self)
        label.setBuddy(self.field)
        self.model = RowsModel(lm.mail_columns(), self)
        self.table, self.proxy = list_table(self, self.model)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            opener = QShortcut(QKeySequence(key), self.table, self.open_selected)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.message = MessageLine(self)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.field, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def search(self, text: str | None = None) -> list[MailRow]:
        query = self.field.text() if text is None else text
        self.message.clear_message()
        rows = op.read(self, lambda s: find_by_tracking(s, query))
        if rows is None:
            return []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
        else:
            self.message.show_error(
                _("没有快递单号含“{text}”的邮寄记录").format(text=query.strip())
            )
        return rows

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        parcel = self.model.row_at(self.proxy.mapToSource(rows[0]).row())
        if parcel.item_numbers:
            self.codes_chosen.emit([parcel.item_numbers[0]])
