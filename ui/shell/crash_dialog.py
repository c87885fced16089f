"""Any unexpected error reaches the clerk in one dialog, with a report to copy.

Errors the counter expects (`CounterError`) are shown where the action happened; this
is for everything else, raised in a slot, a timer or a worker's callback, which would
otherwise reach only stderr while the window carries on as if nothing happened.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter.errors import CounterError
from counter.i18n import _

log = logging.getLogger(__name__)


def crash_report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """The text a clerk copies for the administrator: what, where, on which machine."""
    lines = traceback.format_exception(kind, error, tb)
    head = f"{APP_NAME} — Python {platform.python_version()} — {platform.platform()}"
    return head + "\n\n" + "".join(lines)


APP_NAME = "jiliang-counter"


class CrashDialog(QMessageBox):
    """Says that something went wrong, that saved work is safe, and offers the report."""

    def __init__(self, report: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("程序出错"))
        self.setText(
            _("程序遇到了意外错误：{message}").format(message=message)
            + "\n"
            + _("已保存的数据不受影响。请把错误报告复制给管理员。")
        )
        self.setDetailedText(report)
        self.copy_button = self.addButton(_("复制错误报告"), QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()  # copying must not close the dialog
        self.copy_button.clicked.connect(self.copy_report)
        self.addButton(_("关闭"), QMessageBox.ButtonRole.AcceptRole)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


class _Relay(QObject):
    """Brings an error raised on any thread to the GUI thread."""

    raised = Signal(str, str)


class CrashHandler:
    """`sys.excepthook` for the running app; `shown` keeps the last dialog for tests."""

    def __init__(self) -> None:
        self.relay = _Relay()
        self.relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.shown: CrashDialog | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.hook

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def hook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, tb)
            return
        report = crash_report(kind, error, tb)
        log.error("unexpected error\n%s", report)
        message = str(error) if isinstance(error, CounterError) else kind.__name__
        if QApplication.instance() is None:
            self._previous(kind, error, tb)
            return
        self.relay.raised.emit(report, message)

    def _show(self, report: str, message: str) -> None:
        dialog = CrashDialog(report, message, QApplication.activeWindow())
        self.shown = dialog
        dialog.open()


def install_crash_handler() -> CrashHandler:
    handler = CrashHandler()
    handler.install()
    return handler
