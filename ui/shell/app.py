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

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from counter.admin.auth import has_users
from counter.admin.rules.roles import Actor
from counter.clock import Clock, SystemClock
from counter.errors import CounterError, DatabaseUnavailable
from counter.i18n import LANGUAGES, _, set_language
from counter.i18n import language as chosen_language
from counter.session import read
from counter.startup import open_database
from db.engine import Database
from ui.shell.crash_dialog import install_crash_handler
from ui.shell.login_dialog import FirstRunDialog, LoginDialog
from ui.shell.startup_probe import StartupProbe
from ui.shell.translations import install_qt_translations

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
    try:
        database = open_database(url)
    except DatabaseUnavailable as error:
        if probe:
            print(f"DATABASE_UNAVAILABLE {error}", file=sys.stderr)
        else:
            QMessageBox.critical(None, _("无法打开数据库"), str(error))
        return EXIT_DATABASE

    clock = SystemClock()
    try:
        if read(database, has_users):
            actor = _login(database, args.user, demo_users, settings, probe)
        elif probe is not None:
            print("LOGIN_FAILED no users", file=sys.stderr)
            return EXIT_LOGIN
        else:
            actor = _first_run(database, clock)
        if actor is None:
            return EXIT_LOGIN if probe is not None and probe.login_refused else EXIT_CANCELLED
        # the main window's modules load after the login (the dialog shows sooner)
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
        database.dispose()


def _login(
    database: Database,
    user: str,
    demo_users: list[tuple[str, str, str]],
    settings: QSettings,
    probe: StartupProbe | None = None,
) -> Actor | None:
    password = ""
    if demo_users and not user:
        user, password = demo_users[0][0], demo_users[0][1]
    user = user or str(settings.value("login/last_user", "") or "")
    dialog = LoginDialog(database, username=user, password=password, demo_users=demo_users)
    if probe is not None:
        probe.drive(dialog)
    preload = _preload(MAIN_WINDOW_MODULES)  # while the password is typed and checked
    code = dialog.exec()
    preload.join()
    if code != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    settings.setValue("login/last_user", dialog.actor.username)
    return dialog.actor


#: what the main window needs, loaded behind the login dialog
MAIN_WINDOW_MODULES = ("ui.shell.user_session", "ui.admin.backup_actions")


def _preload(modules: tuple[str, ...]) -> threading.Thread:
    """Import `modules` on a thread.  The import lock makes the main thread wait for one
    still loading; an import error is raised again where the module is used."""

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # raised again by the main thread's import
                return

    thread = threading.Thread(target=load, name="preload", daemon=True)
    thread.start()
    return thread


def _first_run(database: Database, clock: Clock) -> Actor | None:
    dialog = FirstRunDialog(database, clock)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


if __name__ == "__main__":
    sys.exit(run())
