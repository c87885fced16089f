"""Starting the counter: arguments, language, database, first run, login, main window.

    --db URL        the database (else QSettings "database/url", else the embedded SQLite file)
    --demo [PATH]   a demo database (shown users and passwords before logging in): at PATH,
                    created there or reused across runs; without PATH in a temporary folder
                    removed at exit
    --lang zh|en    the language (else QSettings "ui/language", default zh)
    --user NAME     the user name to prefill

With COUNTER_STARTUP_PROBE=1 (and COUNTER_USER / COUNTER_PASSWORD) the start is
timed on its real path: the login dialog is shown and logs the user in with that
password; the times are printed and the program exits once the main window is
usable (`ui.shell.startup_probe`, the cold-start benchmark).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from counter.errors import CounterError, DatabaseUnavailable
from counter.i18n import LANGUAGES, _, set_language
from counter.i18n import language as chosen_language
from ui.shell.crash_dialog import install_crash_handler
from ui.shell.login_dialog import FirstRunDialog, LoginDialog
from ui.shell.startup_probe import StartupProbe
from ui.shell.translations import install_qt_translations

if TYPE_CHECKING:  # SQLAlchemy, the models and the domain load behind the login dialog
    from counter.admin.rules.roles import Actor
    from counter.clock import Clock
    from db.engine import Database

# main.py may overwrite this with a value taken before its own imports
PROCESS_START = time.perf_counter()

ORGANISATION = "jiliang-counter"
APPLICATION = "jiliang-counter"
EXIT_CANCELLED = 1
EXIT_DATABASE = 2
EXIT_LOGIN = 3


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="jiliang-counter", description="计量收发台")
    parser.add_argument("--db", metavar="URL", help="database URL (sqlite:///… or postgresql://…)")
    parser.add_argument(
        "--demo",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="open a demo database: at PATH (reused across runs) or a temporary one",
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="user interface language")
    parser.add_argument("--user", metavar="NAME", default="", help="user name to prefill")
    return parser.parse_known_args(argv)


def run(argv: list[str] | None = None, *, process_start: float | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    language = args.lang or str(QSettings().value("ui/language", "zh"))
    set_language(language if language in LANGUAGES else "zh")  # before any widget
    if args.demo is None:
        return _run(args, qt_args, process_start, None, [])
    from counter.demo import demo_database  # only needed for --demo

    # the window system first: a machine without Qt's libraries stops here, before a
    # temporary demo folder exists that nothing would remove
    _ensure_app(qt_args)

    try:
        with demo_database(Path(args.demo) if args.demo else None) as (url, users):
            return _run(args, qt_args, process_start, url, users)
    except CounterError as error:
        _ensure_app(qt_args)
        QMessageBox.critical(None, _("无法打开数据库"), str(error))
        return EXIT_DATABASE


def _ensure_app(qt_args: list[str]) -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])


class DatabaseOpening:
    """The database opened (checked, migrated where allowed, seeded) on a thread while the
    login dialog is already shown, then the main window's modules loaded behind it.

    The dialog's own modules need no SQLAlchemy (`counter` installs its limits check when
    the ORM loads), so the clerk can type while this runs; `wait` blocks until the database
    is open.  An import error of the main window's modules is raised again where they are
    imported on the main thread (the import lock makes that thread wait for one still
    loading)."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.database: Database | None = None
        self.has_users = False
        self.error: BaseException | None = None
        self.opened = threading.Event()
        self._thread = threading.Thread(target=self._run, name="open-database", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from counter.admin.auth import has_users
            from counter.session import read
            from counter.startup import open_database

            self.database = open_database(self.url)
            self.has_users = read(self.database, has_users)
        except BaseException as error:  # handed to the main thread, which reports it
            self.error = error
        finally:
            self.opened.set()
        if self.error is None:
            preload(MAIN_WINDOW_MODULES)

    @property
    def done(self) -> bool:
        return self.opened.is_set()

    def wait(self) -> Database | None:
        """The open database (None when it could not be opened or has no users yet)."""
        if not self.opened.is_set():
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.opened.wait()
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self.database if self.error is None and self.has_users else None

    def join(self) -> None:
        """Until the main window's modules are loaded too."""
        self._thread.join()


def _run(
    args: argparse.Namespace,
    qt_args: list[str],
    process_start: float | None,
    demo_url: str | None,
    demo_users: list[tuple[str, str, str]],
) -> int:
    settings = QSettings()
    app = _ensure_app(qt_args)
    install_qt_translations(app, chosen_language())  # Qt's own texts, before any window
    crash_handler = install_crash_handler()  # unexpected errors in a dialog, not only stderr

    probe = StartupProbe.from_environment(
        process_start if process_start is not None else PROCESS_START
    )
    url = demo_url or args.db or str(settings.value("database/url", "") or "") or None
    opening = DatabaseOpening(url)
    try:
        actor, code = _login(opening, args.user, demo_users, settings, probe)
        if code == LoginDialog.UNAVAILABLE:  # the database failed, or has no users yet
            opening.opened.wait()
            if opening.error is not None:
                if not isinstance(opening.error, DatabaseUnavailable):
                    raise opening.error
                if probe:
                    print(f"DATABASE_UNAVAILABLE {opening.error}", file=sys.stderr)
                else:
                    QMessageBox.critical(None, _("无法打开数据库"), str(opening.error))
                return EXIT_DATABASE
            if probe is not None:
                print("LOGIN_FAILED no users", file=sys.stderr)
                return EXIT_LOGIN
            assert opening.database is not None
            actor = _first_run(opening.database, _clock())
        if actor is None:
            return EXIT_LOGIN if probe is not None and probe.login_refused else EXIT_CANCELLED
        database = opening.database
        assert database is not None
        clock = _clock()
        opening.join()  # the main window's modules, loaded behind the dialog
        from ui.admin.backup_actions import DailyBackup
        from ui.shell.user_session import UserSession

        session = UserSession(database, clock, demo_users=demo_users)
        window = session.start(actor)
        if probe is not None:  # stops once the window is usable, before the backup check
            probe.report_when_usable(app, window)
            code = app.exec()
            window.close()  # after the loop: closing the last window must not queue another quit
            window.deleteLater()
            return code
        app.setQuitOnLastWindowClosed(False)  # switching user closes the window: not the end
        # today's backup, checked hourly for as long as the counter runs, whoever is logged in
        daily = DailyBackup(window.ctx, session)
        daily.backup_failed.connect(session.show_notice)
        daily.start()
        return app.exec()
    finally:
        crash_handler.uninstall()
        opening.opened.wait()
        if opening.database is not None:
            opening.database.dispose()


def _login(
    opening: DatabaseOpening,
    user: str,
    demo_users: list[tuple[str, str, str]],
    settings: QSettings,
    probe: StartupProbe | None = None,
) -> tuple[Actor | None, int]:
    """The login dialog, shown while the database is opened: the actor (None unless the
    login succeeded) and the dialog's result, `LoginDialog.UNAVAILABLE` when the database
    cannot be logged into (it failed to open, or has no users yet)."""
    password = ""
    if demo_users and not user:
        user, password = demo_users[0][0], demo_users[0][1]
    user = user or str(settings.value("login/last_user", "") or "")
    dialog = LoginDialog(opening.wait, username=user, password=password, demo_users=demo_users)

    def check_opening() -> None:
        if opening.done:
            watch.stop()
            if opening.error is not None or not opening.has_users:
                dialog.done(LoginDialog.UNAVAILABLE)

    watch = QTimer(dialog)
    watch.setInterval(25)
    watch.timeout.connect(check_opening)
    watch.start()
    if probe is not None:
        probe.drive(dialog)
    code = dialog.exec()
    watch.stop()
    actor = dialog.actor
    dialog.deleteLater()  # the watch's closure refers to it: not left to the garbage collector
    if code != QDialog.DialogCode.Accepted or actor is None:
        return None, code
    settings.setValue("login/last_user", actor.username)
    return actor, code


def _clock() -> Clock:
    from counter.clock import SystemClock

    return SystemClock()


#: what the main window needs, loaded behind the login dialog
MAIN_WINDOW_MODULES = ("ui.shell.user_session", "ui.admin.backup_actions")


def preload(modules: tuple[str, ...]) -> None:
    """Import `modules` (on the opening's thread); an import error is raised again where
    the module is used."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # raised again by the main thread's import
            return


def _first_run(database: Database, clock: Clock) -> Actor | None:
    dialog = FirstRunDialog(database, clock)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


if __name__ == "__main__":
    sys.exit(run())
