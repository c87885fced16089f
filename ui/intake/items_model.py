"""The instruments of the order being received: an editable table of ItemDrafts.

The model holds plain `ItemDraft`s and what the screen computed for them (the
promised date, earlier visits of the same instrument).  It does no database work:
`data()` only reads what is stored; the screen looks things up when a row is
edited (`instrument_edited`) and hands the answers back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from counter.errors import ValidationError
from counter.i18n import _
from counter.intake.catalog import TypeInfo, default_use, resolve_type_name
from counter.intake.receive import ItemDraft, copies, is_compulsory
from ui.intake.items_columns import ItemColumns, ItemRow, choices, column_titles, tooltip

Index: TypeAlias = QModelIndex | QPersistentModelIndex
Promiser = Callable[[Sequence[ItemDraft]], tuple[list[dt.date], str]]
BLANK = ItemDraft(type_id=0)
_URGENT = QBrush(QColor("#b00020"))


class ItemsModel(QAbstractTableModel, ItemColumns):
    RowRole = Qt.ItemDataRole.UserRole + 1  # the ItemRow
    SortRole = Qt.ItemDataRole.UserRole + 2

    edit_refused = Signal(str)  # why a value was not taken
    instrument_edited = Signal(int)  # row whose type or serial changed: look up its history

    def __init__(self, types: Mapping[int, TypeInfo], parent: Any = None) -> None:
        super().__init__(parent)
        self._types = dict(types)
        self._type_list = list(types.values())
        self._rows: list[ItemRow] = [ItemRow(BLANK)]
        self._promiser: Promiser | None = None
        self.calendar_notice = ""

    # -- what the screen configures -------------------------------------------------
    def set_types(self, types: Mapping[int, TypeInfo]) -> None:
        self.beginResetModel()
        self._types = dict(types)
        self._type_list = list(types.values())
        self.endResetModel()

    def set_promiser(self, promiser: Promiser | None) -> None:
        self._promiser = promiser
        self._recompute_promises()

    def set_history(self, row: int, count: int) -> None:
        if 0 <= row < len(self._rows) and self._rows[row].history != count:
            self._rows[row] = dataclasses.replace(self._rows[row], history=count)
            self._row_changed(row, self.HISTORY, self.HISTORY)

    # -- reading --------------------------------------------------------------------
    def type_list(self) -> list[TypeInfo]:
        return list(self._type_list)

    def type_info(self, row: int) -> TypeInfo | None:
        return self._types.get(self._rows[row].draft.type_id)

    def item_row(self, row: int) -> ItemRow:
        return self._rows[row]

    def is_blank(self, row: int) -> bool:
        d = self._rows[row].draft
        return d.type_id == 0 and not any(getattr(d, f).strip() for f in self.TEXT_FIELDS.values())

    def has_content(self) -> bool:
        return any(not self.is_blank(r) for r in range(len(self._rows)))

    def drafts(self) -> list[ItemDraft]:
        """The items to save: every row up to the last one that is not blank."""
        last = max((r for r in range(len(self._rows)) if not self.is_blank(r)), default=-1)
        return [row.draft for row in self._rows[: last + 1]]

    def check_type_text(self, text: str) -> str:
        """ "" when `text` names one instrument type (or is empty), else why not."""
        try:
            resolve_type_name(self._type_list, text)
        except ValidationError as error:
            return str(error)
        return ""

    # -- changing rows --------------------------------------------------------------
    def insert_drafts(self, at: int, drafts: Sequence[ItemDraft]) -> None:
        if not drafts:
            return
        at = max(0, min(at, len(self._rows)))
        self.beginInsertRows(QModelIndex(), at, at + len(drafts) - 1)
        self._rows[at:at] = [ItemRow(d) for d in drafts]
        self.endInsertRows()
        self._recompute_promises()
        for row in range(at, at + len(drafts)):
            self.instrument_edited.emit(row)

    def add_row(self) -> int:
        self.insert_drafts(len(self._rows), [BLANK])
        return len(self._rows) - 1

    def copy_row(self, row: int, n: int = 1) -> range:
        """Insert `n` copies of `row` below it (serials left empty); ValidationError for bad n."""
        new = copies(self._rows[row].draft, n)
        self.insert_drafts(row + 1, new)
        return range(row + 1, row + 1 + n)

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        if not self._rows:
            self.insert_drafts(0, [BLANK])
        self._recompute_promises()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = [ItemRow(BLANK)]
        self.calendar_notice = ""
        self.endResetModel()
        self._recompute_promises()

    def set_compulsory(self, row: int, value: bool | None, reason: str = "") -> None:
        """Override the catalogue's compulsory flag (None: follow the catalogue again)."""
        draft = dataclasses.replace(
            self._rows[row].draft,
            compulsory_override=value,
            override_reason=reason.strip() if value is not None else "",
        )
        self._replace(row, draft)

    # -- Qt model interface ---------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        return column_titles()[section] if 0 <= section < self.COLUMN_COUNT else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.EDIT_COLUMNS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, column, self._types.get(row.draft.type_id))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.URGENCY:
            return _URGENT if row.draft.urgency != "normal" else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        draft = self._rows[row].draft
        if column == self.TYPE:
            type_id = self._type_id_of(value)
            if type_id is None:
                return False
            new = dataclasses.replace(draft, type_id=type_id, use=self._use_for(draft, type_id))
        elif column in self.TEXT_FIELDS:
            text: dict[str, Any] = {self.TEXT_FIELDS[column]: str(value or "")}
            new = dataclasses.replace(draft, **text)
        elif column in self.CHOICE_FIELDS:
            name = self.CHOICE_FIELDS[column]
            if str(value) not in {code for code, _label in choices(name)}:
                return False
            choice: dict[str, Any] = {name: str(value)}
            new = dataclasses.replace(draft, **choice)
        else:
            return False
        if new != draft:
            self._replace(row, new)
        return True

    # -- internals ------------------------------------------------------------------
    def _type_id_of(self, value: Any) -> int | None:
        if isinstance(value, int):
            if value in self._types or value == 0:
                return value
            self.edit_refused.emit(_("器具名称不在目录中，请从目录中选择"))
            return None
        try:
            info = resolve_type_name(self._type_list, str(value or ""))
        except ValidationError as error:
            self.edit_refused.emit(str(error))
            return None
        return info.id if info else 0

    def _use_for(self, draft: ItemDraft, type_id: int) -> str:
        """The use a new type brings: its compulsory use, unless the clerk chose one already."""
        old, new = self._types.get(draft.type_id), self._types.get(type_id)
        if draft.use and draft.use != (default_use(old).value if old else ""):
            return draft.use  # chosen by hand: kept
        return default_use(new).value if new else draft.use

    def _replace(self, row: int, draft: ItemDraft) -> None:
        old = self._rows[row].draft
        identity_changed = (old.type_id, old.serial.strip()) != (
            draft.type_id,
            draft.serial.strip(),
        )
        self._rows[row] = dataclasses.replace(
            self._rows[row], draft=draft, history=0 if identity_changed else self._rows[row].history
        )
        self._row_changed(row, 0, self.COLUMN_COUNT - 1)
        if (old.type_id, old.service, old.urgency) != (draft.type_id, draft.service, draft.urgency):
            self._recompute_promises()
        if identity_changed:
            self.instrument_edited.emit(row)

    def _row_changed(self, row: int, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def _recompute_promises(self) -> None:
        live = [r for r in range(len(self._rows)) if self._rows[r].draft.type_id in self._types]
        dates: list[dt.date] = []
        notice = ""
        if self._promiser is not None and live:
            dates, notice = self._promiser([self._rows[r].draft for r in live])
        promised: dict[int, dt.date] = dict(zip(live, dates, strict=False))
        changed = False
        for r, item in enumerate(self._rows):
            if item.promised != promised.get(r):
                self._rows[r] = dataclasses.replace(item, promised=promised.get(r))
                changed = True
        self.calendar_notice = notice
        if changed and self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, self.PROMISED), self.index(last, self.PROMISED))

    def _edit_value(self, row: ItemRow, column: int) -> Any:
        d = row.draft
        if column == self.TYPE:
            info = self._types.get(d.type_id)
            return info.name if info else ""
        if column in self.TEXT_FIELDS:
            return getattr(d, self.TEXT_FIELDS[column])
        if column in self.CHOICE_FIELDS:
            return getattr(d, self.CHOICE_FIELDS[column])
        return None

    def _display(self, row: ItemRow, column: int) -> Any:
        d = row.draft
        info = self._types.get(d.type_id)
        if column == self.DEPARTMENT:
            return info.department if info else ""
        if column in self.CHOICE_FIELDS:
            return dict(choices(self.CHOICE_FIELDS[column])).get(
                getattr(d, self.CHOICE_FIELDS[column]), ""
            )
        if column == self.COMPULSORY:
            if info is None:
                return ""
            mark = _("是") if is_compulsory(info, d) else _("否")
            return mark + ("*" if d.compulsory_override is not None else "")
        if column == self.PROMISED:
            return row.promised.isoformat() if row.promised else ""
        if column == self.HISTORY:
            return _("曾送检 {n} 次").format(n=row.history) if row.history else ""
        return self._edit_value(row, column)

    def _sort_value(self, row: ItemRow, column: int) -> Any:
        if column == self.PROMISED:
            return row.promised.toordinal() if row.promised else 0
        if column == self.HISTORY:
            return row.history
        if column == self.COMPULSORY:
            info = self._types.get(row.draft.type_id)
            return int(bool(info and is_compulsory(info, row.draft)))
        return self._display(row, column)
