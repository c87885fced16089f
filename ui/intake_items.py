"""The items table of the intake screen: keyboard behaviour and the row actions.

Tab and Enter walk through the editable cells of a row and on to the next row;
at the last cell of the last row they add a row.  Rows are added, copied (N
identical items) and removed here; Space on the compulsory flag asks why.
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
from counter.intake import MAX_ITEMS, is_compulsory
from ui.intake_editors import ItemsDelegate, TypeEditor
from ui.messages import ask_int, ask_text, show_error
from ui.models.items_columns import choices
from ui.models.items_model import ItemsModel

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
    def step(self, forward: bool) -> QModelIndex:
        """The next editable cell (adding a row after the last one), or the previous one."""
        current = self.currentIndex()
        columns = ItemsModel.TAB_COLUMNS
        if not current.isValid():
            return self._items.index(0, columns[0])
        row = current.row()
        position = columns.index(current.column()) if current.column() in columns else -1
        if forward:
            if position + 1 < len(columns):
                return self._items.index(row, columns[position + 1])
            if row + 1 >= self._items.rowCount():
                self._items.add_row()
            return self._items.index(row + 1, columns[0])
        if position > 0:
            return self._items.index(row, columns[position - 1])
        if row > 0:
            return self._items.index(row - 1, columns[-1])
        return self._items.index(row, current.column())

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        if cursorAction == action.MoveNext:
            return self.step(True)
        if cursorAction == action.MovePrevious:
            return self.step(False)
        return super().moveCursor(cursorAction, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            self.begin_edit(self.step(True))
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and current.column() == ItemsModel.COMPULSORY:
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
        """N more items like the current row, serials left to type."""
        self.commit_open_editor()
        try:
            added = self._items.copy_row(self.current_row(), n)
        except ValidationError as error:
            show_error(self, error)
            return
        self.begin_edit(self._items.index(added[-1], ItemsModel.SERIAL))

    def add_copies(self) -> None:
        self.commit_open_editor()
        n = ask_int(
            self, _("添加多件相同器具"), _("再添加几件与本行相同的器具？"), 1, 1, MAX_ITEMS - 1
        )
        if n is not None:
            self.copy_row(n)

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
