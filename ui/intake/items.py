"""The items table of the intake screen: keyboard behaviour and the row actions.

Tab walks through the cells clerks fill (`ItemsModel.TAB_COLUMNS`: 测量范围 and
准确度等级 are skipped, 强检 is a stop) and on to the next row; from the last cell of
the last row it leaves the table for 收件方式.  Enter moves on like Tab, adds a
row after the last cell, and goes DOWN the serial column through the copies
just added ("N identical items").  Space on the compulsory flag asks why.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QTableView,
    QWidget,
)

from counter.errors import ValidationError
from counter.i18n import _
from counter.intake.receive import MAX_ITEMS, is_compulsory
from ui.common.messages import ask_int, ask_text, show_error
from ui.intake.editors import ItemsDelegate, TypeEditor
from ui.intake.items_columns import choices
from ui.intake.items_model import ItemsModel

# widths in "average characters" of the current font; long Chinese names need room
_WIDTHS = {
    ItemsModel.TYPE: 22,
    ItemsModel.DEPARTMENT: 7,
    ItemsModel.MODEL: 14,
    ItemsModel.SERIAL: 14,
    ItemsModel.MANUFACTURER: 16,
    ItemsModel.RANGE: 12,
    ItemsModel.ACCURACY: 11,
    ItemsModel.SERVICE: 8,
    ItemsModel.USE: 11,
    ItemsModel.COMPULSORY: 6,
    ItemsModel.CONDITION: 12,
    ItemsModel.ACCESSORIES: 12,
    ItemsModel.URGENCY: 8,
    ItemsModel.RETURN_WAY: 9,
    ItemsModel.PROMISED: 12,
    ItemsModel.HISTORY: 11,
}


class ItemsTable(QTableView):
    """The table the clerk types items into, keyboard first."""

    def __init__(self, model: ItemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._items = model
        self.delegate = ItemsDelegate(model, self)
        self.setItemDelegate(self.delegate)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.AnyKeyPressed
            | triggers.DoubleClicked
            | triggers.EditKeyPressed
            | triggers.SelectedClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setHighlightSections(False)
        self.doubleClicked.connect(self._double_clicked)
        self.delegate.enter_committed.connect(lambda: self.begin_edit(self.enter_target()))
        self._serial_run = range(0)  # rows whose serials Enter walks down
        for changed in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            changed.connect(self._end_serial_run)
        self.size_columns()

    def size_columns(self) -> None:
        char = self.fontMetrics().horizontalAdvance("中")  # CJK text: one em per character
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        for column, width in _WIDTHS.items():
            title = str(self._items.headerData(column, Qt.Orientation.Horizontal))
            needed = header.fontMetrics().horizontalAdvance(title) + char * 2
            if column in ItemsModel.CHOICE_FIELDS:  # the longest label, plus a combo's arrow
                labels = [label for _code, label in choices(ItemsModel.CHOICE_FIELDS[column])]
                needed = max(needed, max(metrics.horizontalAdvance(t) for t in labels) + char * 2)
            header.resizeSection(column, max(needed, width * char // 2 + char))
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)

    # -- moving through the cells -----------------------------------------------------
    def step(self, forward: bool, *, add: bool = False) -> QModelIndex:
        """The next stop (with `add`, a new row after the last one), or the previous one.

        Invalid when there is none: Tab then leaves the table.
        """
        current = self.currentIndex()
        columns = ItemsModel.TAB_COLUMNS
        if not current.isValid():
            return self._items.index(0, columns[0])
        row = current.row()
        column = current.column()
        if column in columns:
            position = columns.index(column)
        else:  # a skipped column: carry on from the stop before it
            position = max(i for i, c in enumerate(columns) if c < column)
            if not forward:
                return self._items.index(row, columns[position])
        if forward:
            if position + 1 < len(columns):
                return self._items.index(row, columns[position + 1])
            if row + 1 >= self._items.rowCount():
                if not add:
                    return QModelIndex()
                self._items.add_row()
            return self._items.index(row + 1, columns[0])
        if position > 0:
            return self._items.index(row, columns[position - 1])
        if row > 0:
            return self._items.index(row - 1, columns[-1])
        return QModelIndex()

    def enter_target(self) -> QModelIndex:
        """Where Enter goes: down the serials of copies just added, else on like Tab."""
        current = self.currentIndex()
        run = self._serial_run
        if current.column() == ItemsModel.SERIAL and current.row() + 1 in run:
            return self._items.index(current.row() + 1, ItemsModel.SERIAL)
        self._serial_run = range(0)
        return self.step(True, add=True)

    def _end_serial_run(self, *_args: object) -> None:
        self._serial_run = range(0)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveNext, action.MovePrevious):
            forward = cursorAction == action.MoveNext
            target = self.step(forward)
            if not target.isValid() and self.hasFocus():  # Tab past either end leaves
                QWidget.focusNextPrevChild(self, forward)
            return target
        return super().moveCursor(cursorAction, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        key = event.key()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.begin_edit(self.enter_target())
            event.accept()
            return
        # Qt also sends Tab here to pass the focus on when a closing editor had it: no editing then
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain and self.hasFocus():
            forward = key == Qt.Key.Key_Tab and not event.modifiers() & (
                Qt.KeyboardModifier.ShiftModifier
            )
            target = self.moveCursor(
                QAbstractItemView.CursorAction.MoveNext
                if forward
                else QAbstractItemView.CursorAction.MovePrevious,
                event.modifiers(),
            )
            self.begin_edit(target)
            event.accept()
            return
        if key == Qt.Key.Key_Space and current.column() == ItemsModel.COMPULSORY:
            self.change_compulsory(current.row())
            event.accept()
            return
        super().keyPressEvent(event)

    def begin_edit(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit(index)

    def commit_open_editor(self) -> None:
        """Take over what is in an open editor (before saving, copying, …)."""
        editor = QApplication.focusWidget()
        if self.state() != QAbstractItemView.State.EditingState or editor is None:
            return
        if not self.viewport().isAncestorOf(editor):
            return
        if isinstance(editor, TypeEditor) and self._items.check_type_text(editor.text()):
            return  # a name not in the catalogue stays in the editor, not in the model
        self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == ItemsModel.COMPULSORY:
            self.change_compulsory(index.row())

    # -- row actions (the screen's shortcuts call these) --------------------------------
    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else self._items.rowCount() - 1

    def add_row(self) -> None:
        self.commit_open_editor()
        row = self._items.add_row()
        self.begin_edit(self._items.index(row, ItemsModel.TYPE))

    def copy_row(self, n: int = 1) -> None:
        """N more items like the current row, serials left to type (the first copy's is next)."""
        self.commit_open_editor()
        row = self.current_row()
        try:
            added = self._items.copy_row(row, n)
        except ValidationError as error:
            show_error(self, error)
            return
        first = row if not self._items.item_row(row).draft.serial.strip() else added[0]
        self._serial_run = range(first, added[-1] + 1)  # after the insert ended any earlier run
        self.begin_edit(self._items.index(first, ItemsModel.SERIAL))

    def add_copies(self) -> None:
        """Ask how many identical items there are in all (this row included)."""
        self.commit_open_editor()
        room = MAX_ITEMS - self._items.rowCount() + 1
        total = ask_int(
            self, _("添加多件相同器具"), _("与本行相同的器具一共几件（含本行）？"), 2, 2, room
        )
        if total is not None:
            self.copy_row(total - 1)

    def edit_range(self) -> None:
        """测量范围 of the current row (Tab skips it; Right then reaches 准确度等级)."""
        self.commit_open_editor()
        row = self.current_row()
        if row >= 0:
            self.begin_edit(self._items.index(row, ItemsModel.RANGE))

    def remove_row(self) -> None:
        self.commit_open_editor()
        row = self.current_row()
        if row < 0:
            return
        self._items.remove_row(row)
        last = self._items.rowCount() - 1
        self.begin_edit(self._items.index(min(row, last), ItemsModel.TYPE))

    def change_compulsory(self, row: int) -> None:
        """Override the catalogue's compulsory flag with a reason, or undo the override."""
        info = self._items.type_info(row)
        if info is None:
            return
        draft = self._items.item_row(row).draft
        if draft.compulsory_override is not None:
            self._items.set_compulsory(row, None)  # back to what the catalogue says
            return
        new = not is_compulsory(info, draft)
        question = _("改为强制检定的原因：") if new else _("改为非强制检定的原因：")
        reason = ask_text(self, _("更改强检标志"), question)
        if reason is not None and reason.strip():
            self._items.set_compulsory(row, new, reason)
