"""One way for a screen to act on the database (after Anki's `QueryOp` / `CollectionOp`).

A *read* opens a read-only session and returns what the query returns.  A *write*
runs the action in one transaction (committed, or rolled back whole), then tells
every screen what changed (`AppSignals.changed`), so no screen has to emit
hand-placed signals.  Either can run off the UI thread (`in_background=True`);
then the result arrives through `on_success`.

The project's own refusals (`CounterError`, database faults already turned into
one by `counter.session`) go to the host's message line by default, or to
`on_failure` when given.  Anything else is a bug: it is raised (foreground) or
handed to the crash dialog's hook (background), never swallowed.

    rows = read(self, lambda s: page_orders(s, flt))
    done = write(self, lambda s: void_order(s, actor, clock, oid, why), Change.ORDERS)
    write(self, export, Change.CERTIFICATES, in_background=True, on_success=self._exported,
          progress=_("正在导出…"))
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from sqlalchemy.orm import Session

from counter.changes import Change
from counter.errors import CounterError
from counter.session import read as read_session
from counter.session import run_action
from ui.common.context import AppContext
from ui.common.worker import Progress, run_in_background

T = TypeVar("T")


class ErrorOutlet(Protocol):
    def show_error(self, text: str) -> None: ...


class OpHost(Protocol):
    """What an op needs from the screen or dialog that starts it."""

    @property
    def ctx(self) -> AppContext: ...

    @property
    def message(self) -> ErrorOutlet: ...


Failure = Callable[[CounterError], None]


def shown_in(outlet: ErrorOutlet) -> Failure:
    """`on_failure` for a dialog that keeps a refusal in its own message line (and stays open)."""
    return lambda error: outlet.show_error(str(error))


def _route(host: OpHost, on_failure: Failure | None, error: CounterError) -> None:
    if on_failure is not None:
        on_failure(error)
    else:
        host.message.show_error(str(error))


def alive(host: object) -> bool:
    """False once a host that is a Qt object has been deleted (its callbacks must not run)."""
    return not isinstance(host, QObject) or shiboken6.isValid(host)


def read(
    host: OpHost, query: Callable[[Session], T], *, on_failure: Failure | None = None
) -> T | None:
    """Run `query(session)` now; None (and the refusal shown) when it is refused."""
    try:
        return read_session(host.ctx.database, query)
    except CounterError as error:
        _route(host, on_failure, error)
        return None


def write(
    host: OpHost,
    action: Callable[[Session], T],
    changes: Change,
    *,
    on_failure: Failure | None = None,
    on_success: Callable[[T], None] | None = None,
    in_background: bool = False,
    on_finished: Callable[[], None] | None = None,
    progress: str = "",
) -> T | None:
    """Run `action(session)` in one transaction now; after the commit, announce `changes`.

    Returns the action's result, or None when it was refused (and nothing was saved).
    `on_success(result)` runs after the announcement, only when the action went
    through (for actions whose result may itself be None).  With `in_background`
    the transaction runs on the thread pool (see `in_background`) and this returns
    None at once: the result arrives through `on_success`.
    """
    database = host.ctx.database
    if in_background:
        _start_in_background(
            host,
            lambda _progress: run_action(database, action),
            on_success=on_success or (lambda _result: None),
            changes=changes,
            on_failure=on_failure,
            on_finished=on_finished,
            progress=progress,
        )
        return None
    try:
        result = run_action(database, action)
    except CounterError as error:
        _route(host, on_failure, error)
        return None
    announce(host.ctx, changes)
    if on_success is not None:
        on_success(result)
    return result


def announce(ctx: AppContext, changes: Change) -> None:
    """Tell every screen what changed (after a commit made elsewhere, e.g. by a dialog)."""
    if changes:
        ctx.signals.changed.emit(changes)


class _Busy:
    """A modal progress dialog for work a clerk waits for (no cancel: it finishes or fails)."""

    def __init__(self, parent: QWidget | None, label: str) -> None:
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)

    def progress(self, done: int, total: int, text: str) -> None:
        if not alive(self.dialog):  # its window was closed while the work went on
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()


def in_background(
    host: OpHost,
    work: Callable[[Progress], T],
    *,
    on_success: Callable[[T], None],
    changes: Change = Change.NOTHING,
    on_failure: Failure | None = None,
    on_finished: Callable[[], None] | None = None,
    progress: str = "",
    on_progress: Progress | None = None,
) -> QObject:
    """Run `work(progress)` on the thread pool; `on_success(result)` back on the UI thread.

    `work` opens its own sessions (`counter.session.read` / `run_action`) so that
    long rendering or file work stays out of any transaction.  With `progress`
    text a modal progress dialog shows while it runs; `changes` are announced on
    success.  Without it, `on_progress(done, total, text)` may show progress in
    the host itself.  The returned object keeps the job's signals alive until it ends.
    `on_finished()` runs first however the job ended, even on a bug (e.g. to give
    back a button).  When the host (a widget) was deleted meanwhile, the changes are
    still announced but none of the host's callbacks run.
    """
    parent = host if isinstance(host, QWidget) else None
    busy = _Busy(parent, progress) if progress else None
    ctx = host.ctx

    def finished() -> None:
        if busy is not None and alive(busy.dialog):
            busy.close()
        if on_finished is not None and alive(host):
            on_finished()

    def succeeded(result: Any) -> None:
        finished()
        announce(ctx, changes)
        if alive(host):
            on_success(result)

    def failed(error: Exception) -> None:
        finished()
        if isinstance(error, CounterError):
            if alive(host):
                _route(host, on_failure, error)
            return
        hook = sys.excepthook
        hook(type(error), error, error.__traceback__)

    return run_in_background(
        work,
        on_success=succeeded,
        on_failure=failed,
        on_progress=busy.progress if busy is not None else on_progress,
        parent=QApplication.instance(),
    )


#: `in_background`, under the name `write` calls it by (its own flag is `in_background`)
_start_in_background = in_background
