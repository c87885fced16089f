"""Who works at the counter now: one main window per logged-in user, and switching user
(Ctrl+L) without restarting: the window closes (asking first about unsaved intake work),
the login dialog comes back, and the next user gets a window of their own roles.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication

from counter.admin.rules.roles import Actor
from counter.clock import Clock
from db.engine import Database
from ui.common.context import AppContext, AppSignals
from ui.shell.login_dialog import LoginDialog
from ui.shell.main_window import MainWindow


class UserSession(QObject):
    """`window` is the current user's main window; `login` the login dialog while switching."""

    user_changed = Signal(str)  # the username now logged in
    ended = Signal()  # the last user left (closed the window or cancelled the login)

    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        demo_users: list[tuple[str, str, str]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.clock = clock
        self.demo_users = demo_users or []
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None

    def start(self, actor: Actor) -> MainWindow:
        window = MainWindow(AppContext(self.database, actor, self.clock, AppSignals()))
        window.user_switch_requested.connect(self._switch)
        window.closed.connect(self._closed)
        self.window = window
        window.show()
        window.show_home()
        QSettings().setValue("login/last_user", actor.username)
        self.user_changed.emit(actor.username)
        return window

    def show_notice(self, text: str) -> None:
        """A message for whoever is logged in now."""
        if self.window is not None:
            self.window.show_notice(text)

    def _switch(self) -> None:
        old = self.window
        self.window = None
        if old is not None:
            old.deleteLater()
        self.login = LoginDialog(self.database, clock=self.clock, demo_users=self.demo_users)
        self.login.accepted.connect(self._logged_in)
        self.login.rejected.connect(self._cancelled)
        self.login.open()

    def _closed(self) -> None:
        window = self.sender()
        if isinstance(window, MainWindow) and not window.switching_user:
            self._end()

    def _logged_in(self) -> None:
        dialog, self.login = self.login, None
        if dialog is not None and dialog.actor is not None:
            self.start(dialog.actor)
            dialog.deleteLater()

    def _cancelled(self) -> None:
        dialog, self.login = self.login, None
        if dialog is not None:
            dialog.deleteLater()
        self._end()

    def _end(self) -> None:
        self.ended.emit()
        app = QApplication.instance()
        if app is not None:
            app.quit()
