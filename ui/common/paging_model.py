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
from typing import Generic

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QProgressBar, QWidget
from sqlalchemy.orm import Session

from counter.errors import CounterError
from counter.i18n import _
from counter.session import read
from db.engine import Database
from ui.common import op
from ui.common.table_model import Index, RowsTableModel, RowT

PAGE_SIZE = 200


def busy_bar(parent: QWidget) -> QProgressBar:
    """The bar a paged list's screen shows (hidden until then) while a page is read off the
    UI thread: it moves, says 正在加载…, and the list stays usable."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setMaximumWidth(160)
    bar.setFormat(_("正在加载…"))
    bar.setTextVisible(True)
    bar.hide()
    return bar


#: how a list reads a page: up to `limit` rows that follow `after` (None: the first page)
Query = Callable[[Session, RowT | None, int], list[RowT]]


class PageReader(Generic[RowT]):
    """Reads a paged list's pages for its model: at once without a `host`, else off the UI
    thread through `op.in_background`, an answer overtaken by a newer first page dropped.

    `more` is whether the last page was full; `loading` whether a page is being read in
    the background (`busy` is told when it changes); a refused read calls `failed` with
    the reason and shows an empty page.  With a host `query` runs on a worker thread: it
    may read plain values only (the filters as the UI thread last set them), never a
    widget."""

    def __init__(
        self,
        database: Database,
        query: Query[RowT],
        page_size: int,
        host: op.OpHost | None,
        *,
        failed: Callable[[str], None],
        busy: Callable[[bool], None],
    ) -> None:
        self._database, self._query, self.page_size, self._host = database, query, page_size, host
        self._failed, self._busy = failed, busy
        self.more = False
        self.loading = False
        self._generation = 0  # bumped by every first page: older answers are dropped

    def read(self, after: RowT | None, show: Callable[[list[RowT]], None]) -> None:
        """Read the page after `after` (None: the first page, a reload) and `show` it."""
        if after is None:
            self._generation += 1
        database, query, size, generation = (
            self._database, self._query, self.page_size, self._generation
        )  # fmt: skip

        def work(session: Session) -> list[RowT]:
            return query(session, after, size)

        def loaded(rows: list[RowT]) -> None:
            if generation != self._generation:
                return  # a newer reload is under way
            self.more = len(rows) == size
            show(rows)

        def refused(error: CounterError) -> None:
            if generation == self._generation:
                self.more = False
                self._failed(str(error))

        if self._host is None:
            try:
                rows = read(database, work)
            except CounterError as error:
                refused(error)
                show([])
                return
            loaded(rows)
            return

        def finished() -> None:
            if generation == self._generation:
                self._set_loading(False)

        self._set_loading(True)
        op.in_background(
            self._host,
            lambda _progress: read(database, work),
            on_success=loaded,
            on_failure=refused,
            on_finished=finished,
        )

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self._busy(loading)


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
        self._reader: PageReader[RowT] = PageReader(
            database, self.query, page_size, host,
            failed=self.load_failed.emit, busy=self.busy_changed.emit,
        )  # fmt: skip

    def query(self, session: Session, after: RowT | None, limit: int) -> list[RowT]:
        """Up to `limit` rows that follow `after` (None: the first page)."""
        raise NotImplementedError

    @property
    def has_more(self) -> bool:
        return self._reader.more

    @property
    def loading(self) -> bool:
        return self._reader.loading

    def reload(self) -> None:
        """Back to the first page."""
        self._reader.read(None, self._show_first_page)

    def _show_first_page(self, rows: list[RowT]) -> None:
        reader = self._reader
        self.beginResetModel()
        # views and testers may ask for more inside endResetModel: offer it only afterwards
        more, reader.more = reader.more, False
        self._rows = rows
        self.endResetModel()
        reader.more = more
        self.rows_loaded.emit(len(self._rows))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._reader.more and not self._reader.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        reader = self._reader
        if parent.isValid() or not reader.more or not self._rows or reader.loading:
            return
        reader.read(self._rows[-1], self._append)

    def _append(self, page: list[RowT]) -> None:
        reader = self._reader
        more, reader.more = reader.more, False  # no nested fetch while inserting
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        reader.more = more
        self.rows_loaded.emit(len(self._rows))
