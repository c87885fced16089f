"""Cell editors of the intake items table.

The instrument-name editor completes by name or pinyin initials ("dzjjc" →
电子计价秤) and refuses a name that is not in the catalogue, keeping the editor
open with the reason; choice columns get combo boxes that pick by pinyin
initials or first letters ("m" → 贸易结算) and keep their choice on Esc; the
serial column reads its own scans.  Tab commits and moves on; Enter commits and
the table decides where to (`ItemsTable.enter_target`).  An editor stays open,
untouched, while another window is in front (an order window opened by a scan).
"""

from __future__ import annotations

from typing import TypeAlias

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from counter.customers.rules.search_keys import pick_choice
from counter.intake.catalog import TypeInfo, match_types
from ui.common.scanner import take_own_scans
from ui.intake.items_columns import choices
from ui.intake.items_model import ItemsModel

Index: TypeAlias = QModelIndex | QPersistentModelIndex
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
_PLAIN = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
_MAX_SUGGESTIONS = 30


class TypeCompleter(QCompleter):
    """Catalogue suggestions (by name or pinyin) for whichever type editor is open.

    One completer and popup serve every editor the table opens, rather than a
    popup window created and destroyed per cell.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        self._names = QStringListModel()
        super().__init__(self._names, parent)
        self._names.setParent(self)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(12)
        self.activated.connect(self._chosen)

    def suggestions(self) -> list[str]:
        return self._names.stringList()

    def list_view(self) -> QAbstractItemView:
        popup = self.popup()  # created on first use, never None afterwards
        assert popup is not None
        return popup

    def suggest(self, types: list[TypeInfo], text: str) -> None:
        names = (
            [t.name for t in match_types(types, text)][:_MAX_SUGGESTIONS] if text.strip() else []
        )
        self._names.setStringList(names)
        if not names:
            self.list_view().hide()
            return
        self.complete()
        self.list_view().setCurrentIndex(self.completionModel().index(0, 0))

    def _chosen(self, name: str) -> None:
        editor = self.widget()
        if isinstance(editor, QLineEdit):
            editor.setText(name)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        self._window = widget.window()

    def _give_back_activation(self) -> None:
        """A hidden popup must not stay the active window (platforms that activate popups,
        e.g. offscreen, leave it so): hand activation back to the window it belongs to."""
        window = getattr(self, "_window", None)
        if QApplication.activeWindow() is self.list_view() and window is not None:
            window.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self.list_view()
        editor = self.widget()
        hidden_or_activated = event.type() in (QEvent.Type.Hide, QEvent.Type.WindowActivate)
        if watched is popup and hidden_or_activated and not popup.isVisible():
            QTimer.singleShot(0, self._give_back_activation)
        if (
            watched is popup
            and editor is not None
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _COMMIT_KEYS
        ):
            current = popup.currentIndex()
            if current.isValid() and isinstance(editor, QLineEdit):
                editor.setText(str(current.data()))
            popup.hide()
            # pass the key on, so the table commits and moves on as usual
            forwarded = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(editor, forwarded)
            return True
        return super().eventFilter(watched, event)


class TypeEditor(QLineEdit):
    """Instrument name with suggestions from the catalogue as the clerk types."""

    def __init__(
        self, types: list[TypeInfo], completer: TypeCompleter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._types = types
        self._completer = completer
        completer.setWidget(self)
        self.textEdited.connect(lambda text: completer.suggest(self._types, text))

    def suggestions(self) -> list[str]:
        return self._completer.suggestions()

    def close_popup(self) -> None:
        self._completer.list_view().hide()


class ChoiceEditor(QComboBox):
    """A choice cell: letters pick by pinyin initials or the label's first letters."""

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, label in options:
            self.addItem(label, code)
        self._typed = ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if plain and len(text) == 1 and text.isascii() and text.isalpha():
            labels = [self.itemText(i) for i in range(self.count())]
            typed = self._typed + text
            found = pick_choice(labels, typed)
            if found < 0:  # not a continuation: a fresh start with this letter
                typed, found = text, pick_choice(labels, text)
            if found >= 0:
                self.setCurrentIndex(found)
                self._typed = typed
            event.accept()
            return
        self._typed = ""
        super().keyPressEvent(event)


class ItemsDelegate(QStyledItemDelegate):
    """Editors per column; Tab and Enter commit, Esc in a choice keeps the choice."""

    enter_committed = Signal()  # Enter took what was typed: the table moves on

    def __init__(self, model: ItemsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.completer = TypeCompleter(self)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column == ItemsModel.TYPE:
            return TypeEditor(self._model.type_list(), self.completer, parent)
        if column in ItemsModel.CHOICE_FIELDS:
            return ChoiceEditor(choices(ItemsModel.CHOICE_FIELDS[column]), parent)
        editor = super().createEditor(parent, option, index)
        if column == ItemsModel.SERIAL:
            take_own_scans(editor)  # a serial is the customer's code, whatever its shape
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, TypeEditor):
            editor.close_popup()  # the shared popup must not stay up without its editor
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return super().eventFilter(watched, event)
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() == Qt.FocusReason.ActiveWindowFocusReason
        ):
            return False  # another window in front: the editor waits, nothing is taken or lost
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        plain = not event.modifiers() & ~_PLAIN
        if event.key() == Qt.Key.Key_Escape and isinstance(watched, ChoiceEditor) and plain:
            self.commitData.emit(watched)  # the choice made stays; nothing typed is pending
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        if event.key() not in _COMMIT_KEYS or not plain:
            return super().eventFilter(watched, event)
        if isinstance(watched, TypeEditor):
            reason = self._model.check_type_text(watched.text())
            if reason:
                self._model.edit_refused.emit(reason)
                return True  # keep the editor open with what was typed
        self.commitData.emit(watched)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            self.enter_committed.emit()
            return True
        hint = (
            QAbstractItemDelegate.EndEditHint.EditPreviousItem
            if event.key() == Qt.Key.Key_Backtab
            or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            else QAbstractItemDelegate.EndEditHint.EditNextItem
        )
        self.closeEditor.emit(watched, hint)
        return True
