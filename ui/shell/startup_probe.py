"""Timing the start as a clerk waits for it (``COUNTER_STARTUP_PROBE=1``).

The probe changes nothing of the start itself: the database is opened and checked,
the login dialog is shown, and the login is the dialog's own (`LoginDialog.accept`:
the password checked against its argon2 hash, throttling, the audit entry).  The
probe only types ``COUNTER_USER`` / ``COUNTER_PASSWORD`` into the dialog once it is
usable — taking ``COUNTER_PROBE_TYPING_S`` seconds for it, as a clerk does (default 0:
at once), the event loop running meanwhile — presses its login button, and prints on
stdout:

    LOGIN_DIALOG_USABLE <seconds since process start>
    MAIN_WINDOW_USABLE <seconds since the login button was pressed>
    STARTUP_SHOWN <seconds since process start>

"Usable" is the first turn of the event loop after the window was shown (its layout
and first paint are done, it takes keys).  Then the program exits 0; a refused
login prints ``LOGIN_FAILED <reason>`` on stderr and exits 3.

With ``COUNTER_PROBE_SCREENS=1`` it then opens every screen (tab) the user is
offered, one after the other, each until its loading in the background is done,
and prints ``SCREENS_RSS_MB <resident MiB now> <peak MiB>`` (the memory benchmark).
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from ui.common.dialogs import ok_button
from ui.shell.login_dialog import LoginDialog

ENV = "COUNTER_STARTUP_PROBE"
SCREENS_ENV = "COUNTER_PROBE_SCREENS"
TYPING_ENV = "COUNTER_PROBE_TYPING_S"


class StartupProbe:
    def __init__(
        self, process_start: float, username: str, password: str, typing_s: float = 0.0
    ) -> None:
        self.process_start = process_start
        self.username = username
        self.password = password
        self.typing_s = typing_s
        self.login_pressed: float | None = None
        self.login_refused = False

    @classmethod
    def from_environment(cls, process_start: float) -> StartupProbe | None:
        if os.environ.get(ENV) != "1":
            return None
        user, password = os.environ.get("COUNTER_USER", ""), os.environ.get("COUNTER_PASSWORD", "")
        return cls(process_start, user, password, float(os.environ.get(TYPING_ENV) or 0))

    def _since_start(self) -> float:
        return time.perf_counter() - self.process_start

    def drive(self, dialog: LoginDialog) -> None:
        """Once `dialog` is usable: report, type the user and password, press 登录."""

        def usable() -> None:
            print(f"LOGIN_DIALOG_USABLE {self._since_start():.3f}", flush=True)
            timer = QTimer(dialog)  # precise: a coarse timer may fire up to 5 % early
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.timeout.connect(typed)
            timer.start(round(self.typing_s * 1000))

        def typed() -> None:
            dialog.username.setText(self.username)
            dialog.password.setText(self.password)
            self.login_pressed = time.perf_counter()
            ok_button(dialog.buttons).click()
            if dialog.isVisible():  # the dialog refused the login and stays open
                self.login_refused = True
                print(f"LOGIN_FAILED {dialog.error.text()}", file=sys.stderr, flush=True)
                dialog.reject()

        QTimer.singleShot(0, usable)

    def report_when_usable(self, app: QApplication, window: QWidget) -> None:
        """After `window` was shown: report the times on the next turn of the loop, then quit."""

        def usable() -> None:
            pressed = self.login_pressed if self.login_pressed is not None else time.perf_counter()
            print(f"MAIN_WINDOW_USABLE {time.perf_counter() - pressed:.3f}", flush=True)
            print(f"STARTUP_SHOWN {self._since_start():.3f}", flush=True)
            if os.environ.get(SCREENS_ENV) == "1":
                print(f"STARTUP_RSS_MB {rss_mb():.1f}", flush=True)
                tabs = window.findChild(QTabWidget)
                if tabs is not None:
                    open_every_screen(app, tabs)
                print(f"SCREENS_RSS_MB {rss_mb():.1f} {peak_rss_mb():.1f}", flush=True)
            app.exit(0)  # not quit(): that may leave a termination event queued

        window.activateWindow()
        QTimer.singleShot(0, usable)


def _settle(app: QApplication) -> None:
    """Until the background loads are done and their results shown."""
    pool = QThreadPool.globalInstance()
    for _turn in range(3):
        app.processEvents()
        while not pool.waitForDone(20):
            app.processEvents()
        app.processEvents()


def open_every_screen(app: QApplication, tabs: QTabWidget) -> None:
    """Each tab in turn until it has loaded; ``SCREEN_RSS_MB <n> <MiB>`` after each."""
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        _settle(app)
        print(f"SCREEN_RSS_MB_{index} {rss_mb():.1f} {tabs.tabText(index)}", flush=True)


def rss_mb() -> float:
    """The resident set now (Linux: /proc), else the peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
