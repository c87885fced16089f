"""Run `op()` off the main thread; call back on it (Anki's pattern).

The operation gets a plain `progress(done, total, text)` callback; the worker
turns it into a signal, so widgets are only ever touched on the main thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int, str], None]


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, op: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.op = op
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.op(self.signals.progressed.emit)
        except Exception as error:
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


def run_in_background(
    op: Callable[[Progress], Any],
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    on_progress: Progress | None = None,
    parent: QObject | None = None,
) -> _Signals:
    """Start `op(progress)` on the thread pool; callbacks run on the main thread."""
    signals = _Signals(parent)
    signals.succeeded.connect(on_success)
    signals.failed.connect(on_failure)
    if on_progress is not None:
        signals.progressed.connect(on_progress)
    QThreadPool.globalInstance().start(_Job(op, signals))
    return signals
