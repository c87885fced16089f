"""A list too long to load at once: rows page in while the view scrolls.

`PagingTableModel[RowT]` is a `RowsTableModel` whose rows arrive `page_size` at
a time through Qt's `canFetchMore`/`fetchMore`, with keyset pagination: the last
row shown is the key of the next page, so the list costs the same with 200,000
rows as with 200, and nothing counts the table (there is more while the last
page was full).  A subclass says only how a page is read (`query`) and, as any
`RowsTableModel`, how a cell reads.  A refused read empties the page and emits
`load_failed` with the reason; `rows_loaded` tells how many rows are now shown.

Given a `host` (the screen: an `op.OpHost`), pages load off the UI thread through
`op.in_background`, so a slow shared database never freezes the window: the rows
shown stay until the new ones arrive, `busy_changed(True/False)` brackets every load
for the screen's busy indicator, and an answer overtaken by a newer reload (the
clerk typed on) is dropped.  Without a host a page loads at once (as tests and small
lists want).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, Signal
from sqlalchemy.orm import Session

from counter.errors import CounterError
from counter.session import read
from db.engine import Database
from ui.common import op
from ui.common.table_model import Index, RowsTableModel, RowT

PAGE_SIZE = 200


class PagingTableModel(RowsTableModel[RowT]):
    load_failed = Signal(str)  # the database refused; the text says why
    rows_loaded = Signal(int)  # rows now shown
    busy_changed = Signal(bool)  # a page is being read in the background (host given)

    def __init__(
        self,
        database: Database,
        headers: Sequence[str],
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
        host: op.OpHost | None = None,
    ) -> None:
        super().__init__(headers, parent)
        self._database, self._page_size = database, page_size
        self._more = False
        self._host = host
        self._generation = 0  # bumped by every reload: older answers are dropped
        self._loading = False

    def query(self, session: Session, after: RowT | None, limit: int) -> list[RowT]:
        """Up to `limit` rows that follow `after` (None: the first page)."""
        raise NotImplementedError

    @property
    def has_more(self) -> bool:
        return self._more

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Back to the first page."""
        if self._host is not None:
            self._generation += 1
            self._load_in_background(self._host, None, self._show_first_page)
            return
        self._show_first_page(self._page(None))

    def _show_first_page(self, rows: list[RowT]) -> None:
        self.beginResetModel()
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

    def _load_in_background(
        self, host: op.OpHost, after: RowT | None, show: Callable[[list[RowT]], None]
    ) -> None:
        database, size, generation = self._database, self._page_size, self._generation
        self._set_loading(True)

        def loaded(rows: list[RowT]) -> None:
            if generation != self._generation:
                return  # a newer reload is under way
            self._more = len(rows) == size
            show(rows)

        def refused(error: CounterError) -> None:
            if generation == self._generation:
                self._more = False
                self.load_failed.emit(str(error))

        def finished() -> None:
            if generation == self._generation:
                self._set_loading(False)

        op.in_background(
            host,
            lambda _progress: read(database, lambda s: self.query(s, after, size)),
            on_success=loaded,
            on_failure=refused,
            on_finished=finished,
        )

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.busy_changed.emit(loading)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows or self._loading:
            return
        if self._host is not None:
            self._load_in_background(self._host, self._rows[-1], self._append)
            return
        self._append(self._page(self._rows[-1]))

    def _append(self, page: list[RowT]) -> None:
        more, self._more = self._more, False  # no nested fetch while inserting
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._more = more
        self.rows_loaded.emit(len(self._rows))
