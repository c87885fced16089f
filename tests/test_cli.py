"""`python -m counter …`: every command, as an administrator would run it in a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counter.__main__ import main
from counter.admin.auth import authenticate
from counter.admin.rules.roles import Role
from counter.clock import SystemClock
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.startup import open_database
from db.engine import Database, make_engine, sqlite_url
from tests.conftest import Counter

ROOT = Path(__file__).resolve().parents[1]


def test_help_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "counter", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for command in ("db", "demo", "create-admin", "scan"):
        assert command in done.stdout


def test_db_status_then_upgrade_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "new.db")
    assert main(["db", "status", "--db", url]) == 0
    before = capsys.readouterr().out
    assert "→" in before
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "数据库已升级到最新版本" in capsys.readouterr().out
    assert main(["db", "status", "--db", url]) == 0
    after = capsys.readouterr().out
    assert after != before
    head = after.rsplit("→", 1)[1].strip(" )\n")
    assert f"({head} → {head})" in after


def test_create_admin_asks_the_password_and_the_admin_can_log_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "counter.db")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "admin-password-9")  # the terminal
    assert main(["create-admin", "--username", "boss", "--full-name", "所长", "--db", url]) == 0
    assert "管理员已创建" in capsys.readouterr().out
    database = open_database(url)
    with database.session() as s:
        actor = authenticate(s, "boss", "admin-password-9")
    database.dispose()
    assert actor.full_name == "所长" and Role.ADMIN in actor.roles


def test_create_admin_refuses_a_short_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "counter.db")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "short")
    assert main(["create-admin", "--username", "boss", "--full-name", "所长", "--db", url]) == 2
    assert "密码" in capsys.readouterr().err


def test_scan_finds_an_item_and_says_when_a_code_is_unknown(
    sqlite_counter: Counter, capsys: pytest.CaptureFixture[str]
) -> None:
    c = sqlite_counter
    with c.db.action() as s:
        type_id = list_types(s)[0].id
        saved = save_order(
            s, c.clerk, SystemClock(), OrderDraft(c.customer_id, (ItemDraft(type_id),))
        )
    url = c.db.engine.url.render_as_string(hide_password=False)
    assert main(["scan", saved.item_numbers[0], "--db", url]) == 0
    assert saved.item_numbers[0] in capsys.readouterr().out
    assert main(["scan", "XYZ-not-ours", "--db", url]) == 1
    assert "无法识别的条码：XYZ-NOT-OURS" in capsys.readouterr().out


@pytest.mark.slow
def test_demo_creates_a_database_whose_users_can_log_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--path", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == sqlite_url(path)
    users = [line.split("\t") for line in lines[1:] if "\t" in line]
    assert len(users) >= 4
    database = Database(make_engine(sqlite_url(path)))
    with database.session() as s:
        for username, password, *_role in users:
            assert authenticate(s, username, password).username == username
    database.dispose()
