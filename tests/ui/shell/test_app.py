"""Starting the program: the cold-start probe, and a database that cannot be opened."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter import i18n
from db.engine import Database
from db.models import AuditEntry
from tests.conftest import PASSWORD, Counter
from tests.ui.conftest import when_modal
from ui.shell import app
from ui.shell.login_dialog import FirstRunDialog, LoginDialog
from ui.shell.translations import remove_qt_translations

UNREACHABLE = "postgresql://nobody@127.0.0.1:1/counter"


@pytest.fixture(autouse=True)
def _chinese_afterwards() -> Iterator[None]:
    locale = QLocale()
    yield
    i18n.set_language("zh")
    remove_qt_translations(QCoreApplication.instance() or QApplication([]))
    QLocale.setDefault(locale)  # the other tests run as they always did


def sqlite_path(counter: Counter) -> str:
    return counter.db.engine.url.render_as_string(hide_password=False)


def test_startup_probe_logs_in_through_the_dialog_and_reports_the_times(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_counter: Counter
) -> None:
    monkeypatch.setenv("COUNTER_STARTUP_PROBE", "1")
    monkeypatch.setenv("COUNTER_USER", "clerk")
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    assert app.run(["--db", sqlite_path(sqlite_counter)]) == 0
    times = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert list(times) == ["LOGIN_DIALOG_USABLE", "MAIN_WINDOW_USABLE", "STARTUP_SHOWN"]
    assert all(float(value) > 0 for value in times.values())
    assert float(times["STARTUP_SHOWN"]) >= float(times["LOGIN_DIALOG_USABLE"])
    with sqlite_counter.db.session() as session:  # the real login: checked and audited
        logins = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "login")
        ).all()
    assert logins == ["login.ok"]


def test_startup_probe_types_the_login_at_a_clerks_pace_before_pressing_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_counter: Counter
) -> None:
    """The benchmark's clerk takes its time to type: 登录 is pressed that long after the
    dialog became usable, so the main window's wait is counted from the press alone."""
    monkeypatch.setenv("COUNTER_STARTUP_PROBE", "1")
    monkeypatch.setenv("COUNTER_USER", "clerk")
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNTER_PROBE_TYPING_S", "0.4")
    assert app.run(["--db", sqlite_path(sqlite_counter)]) == 0
    times = {k: float(v) for k, v in (ln.split() for ln in capsys.readouterr().out.splitlines())}
    pressed = times["STARTUP_SHOWN"] - times["MAIN_WINDOW_USABLE"]
    assert pressed - times["LOGIN_DIALOG_USABLE"] >= 0.4 - 0.002  # the times printed to 1 ms


def test_startup_probe_with_a_wrong_password_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_counter: Counter
) -> None:
    monkeypatch.setenv("COUNTER_STARTUP_PROBE", "1")
    monkeypatch.setenv("COUNTER_USER", "clerk")
    monkeypatch.setenv("COUNTER_PASSWORD", "wrong")
    assert app.run(["--db", sqlite_path(sqlite_counter)]) == app.EXIT_LOGIN
    assert "LOGIN_FAILED 用户名或密码错误" in capsys.readouterr().err


def test_an_unreachable_database_is_explained_and_exits_2(tmp_path: Path) -> None:
    seen: list[str] = []

    def answer(box: QWidget) -> None:
        if isinstance(box, LoginDialog):  # shown at once, while the database is opened
            when_modal(answer)
            return
        assert isinstance(box, QMessageBox)
        seen.append(box.windowTitle() + "|" + box.text())
        box.accept()

    when_modal(answer)
    assert app.run(["--db", UNREACHABLE, "--lang", "en"]) == app.EXIT_DATABASE
    assert seen and seen[0].startswith("Cannot open the database|")
    assert QApplication.activeModalWidget() is None


def test_the_login_dialog_gives_way_to_the_first_run_on_a_database_without_users(
    tmp_path: Path,
) -> None:
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        seen.append(type(dialog).__name__)
        if isinstance(dialog, LoginDialog):  # until the opened database says: no users
            when_modal(answer)
            return
        assert isinstance(dialog, FirstRunDialog)
        dialog.reject()

    when_modal(answer)
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert app.run(["--db", url]) == app.EXIT_CANCELLED
    assert seen[-1] == "FirstRunDialog"
    assert QApplication.activeModalWidget() is None


def test_the_login_waits_for_the_database_opened_behind_the_dialog(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    release = threading.Event()

    def opening() -> Database | None:
        release.wait()
        return sqlite_counter.db

    dialog = LoginDialog(opening, username="clerk")
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    threading.Timer(0.2, release.set).start()  # the password typed before the database is open
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.username == "clerk"
    closed = LoginDialog(lambda: None, username="clerk")  # the database could not be opened
    qtbot.addWidget(closed)
    closed.password.setText(PASSWORD)
    closed.accept()
    assert closed.result() == LoginDialog.UNAVAILABLE and closed.actor is None


def test_a_demo_database_at_a_path_is_kept_and_reused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("COUNTER_STARTUP_PROBE", "1")
    monkeypatch.setenv("COUNTER_USER", "kaipiao")
    monkeypatch.setenv("COUNTER_PASSWORD", "demo-billing-1")
    path = tmp_path / "demo.db"
    assert app.run(["--demo", str(path)]) == 0
    made = path.stat().st_mtime_ns
    assert app.run(["--demo", str(path)]) == 0
    assert path.exists() and capsys.readouterr().out.count("STARTUP_SHOWN") == 2
    assert path.stat().st_mtime_ns >= made


def test_a_temporary_demo_database_is_removed_at_exit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    monkeypatch.setenv("COUNTER_STARTUP_PROBE", "1")
    monkeypatch.setenv("COUNTER_USER", "shoufa")
    monkeypatch.setenv("COUNTER_PASSWORD", "wrong")
    assert app.run(["--demo"]) == app.EXIT_LOGIN  # also when it ends badly
    assert list(tmp_path.iterdir()) == []
