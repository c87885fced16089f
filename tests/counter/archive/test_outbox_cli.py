"""`python -m counter outbox list | send`: the outbox from a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter.__main__ import main
from counter.archive.outbox import draft_reminders
from tests.conftest import PASSWORD, Counter
from tests.counter.archive.outbox_world import SOON, D, add_customer, add_entries


def test_list_then_send_a_channel(
    sqlite_counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = sqlite_counter
    wrong = add_customer(c, "错号超市", phone="12345")
    due = [
        add_entries(c, cid, [("电子台秤", D(2026, 12, 10), SOON)]) for cid in (c.customer_id, wrong)
    ]
    with c.db.action() as s:
        drafted = draft_reminders(s, c.clerk, c.clock, due, "sms").drafted
    url = c.db.engine.url.render_as_string(hide_password=False)
    assert main(["outbox", "list", "--status", "drafted", "--db", url]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[-1] == "共 2 条"
    assert {line.split("\t")[0] for line in listed[:-1]} == {str(i) for i in drafted}
    assert "待发送\t短信\t周检提醒\t错号超市\t12345" in listed[0] + listed[1]

    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    out = tmp_path / "batch"
    args = ["outbox", "send", "--channel", "sms", "--out", str(out), "--user", "clerk"]
    assert main([*args, "--db", url]) == 1  # one recipient failed
    printed = capsys.readouterr()
    assert "已发送 1 条，失败 1 条" in printed.out
    assert "错号超市\t号码无效：错号超市（12345）" in printed.err
    assert len(list(out.glob("sms-*.csv"))) == 1
    assert main([*args, "--db", url]) == 0  # nothing drafted any more
    assert "没有待发送的短信消息" in capsys.readouterr().out
    assert main(["outbox", "list", "--status", "failed", "--db", url]) == 0
    assert "号码无效" in capsys.readouterr().out
    assert main(["outbox", "send", "--channel", "sms", "--db", url]) == 2  # no --out, --user
