"""A list too long to load at once: rows page in while the view scrolls.

`PagingTableModel[RowT]` is a `RowsTableModel` whose rows arrive `page_size` at
a time through Qt's `canFetchMore`/`fetchMore`, with keyset pagination: the last
row shown is the key of the next page, so the list costs the same with 200,000
rows as with 200, and nothing counts the table (there is more while the last
page was full).  A subclass says only how a page is read (`query`) and, as any
`RowsTableModel`, how a cell reads.  A refused read empties the page and emits
`load_failed` with the reason; `rows_loaded` tells how many rows are now shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, Signal
from sqlalchemy.orm import Session

from counter.errors import CounterError
from counter.session import read
from db.engine import Database
from ui.common.table_model import Index, RowsTableModel, RowT

PAGE_SIZE = 200


class PagingTableModel(RowsTableModel[RowT]):
    load_failed = Signal(str)  # the database refused; the text says why
    rows_loaded = Signal(int)  # rows now shown

    def __init__(
        self,
        database: Database,
        headers: Sequence[str],
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(headers, parent)
        self._database, self._page_size = database, page_size
        self._more = False

    def query(self, session: Session, after: RowT | None, limit: int) -> list[RowT]:
        """Up to `limit` rows that follow `after` (None: the first page)."""
        raise NotImplementedError

    @property
    def has_more(self) -> bool:
        return self._more

    def reload(self) -> None:
        """Back to the first page."""
        self.beginResetModel()
        rows = self._page(None)
        # views and testers may ask for more inside endResetModel: offer it only afterwards
        more, self._more = self._more, False
        self._rows = rows
        self.endResetModel()
        self._more = more
        self.rows_loaded.emit(len(self._rows))

    def _page(self, after: RowT | None) -> list[RowT]:
        size = self._page_size
        try:
            rows = read(self._database, lambda s: self.query(s, after, size))
        except CounterError as error:
            self._more = False
            self.load_failed.emit(str(error))
            return []
        self._more = len(rows) == size
        return rows

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._page(self._rows[-1])
        more, self._more = self._more, False  # no nested fetch while inserting
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._more = more
        self.rows_loaded.emit(len(self._rows))
