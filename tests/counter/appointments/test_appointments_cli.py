"""`python -m counter appointments …`: book, list, slip, remind, catalogue from a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter.__main__ import main
from tests.conftest import PASSWORD, Counter
from tests.counter.appointments.appt_world import with_capacity


def test_book_list_slip_remind_and_catalogue(
    sqlite_counter: Counter,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = sqlite_counter
    with_capacity(c, 2)
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": PASSWORD)
    url = c.db.engine.url.render_as_string(hide_password=False)
    book = [
        "appointments",
        "book",
        "--customer",
        str(c.customer_id),
        "--department",
        "衡器",
        "--day",
        "2040-03-06",
        "--half",
        "am",
        "--type",
        "电子计价秤",
        "--quantity",
        "2",
        "--wait",
        "--user",
        "clerk",
        "--db",
        url,
    ]
    assert main(book) == 0
    out = capsys.readouterr().out
    assert "已预约 YY2040000001：2040-03-06 上午 衡器，2 台件" in out
    assert main(book) == 2  # the half day is full: why, and what is free next
    err = capsys.readouterr().err
    assert "约满" in err and "2040-03-06 下午（余 2 台件）" in err
    assert main(["appointments", "list", "--from", "2040-03-06", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "YY2040000001\t2040-03-06\t上午\t衡器\t聊城计量器具有限公司\t2\t已预约" in out
    slip = tmp_path / "slip.pdf"
    assert main(["appointments", "slip", "YY2040000001", "--out", str(slip), "--db", url]) == 0
    assert slip.read_bytes().startswith(b"%PDF")
    remind = ["appointments", "remind", "--user", "clerk", "--day", "2040-03-06", "--db", url]
    assert main(remind) == 0
    assert "起草提醒 1 条" in capsys.readouterr().out
    assert main(remind) == 0
    assert "起草提醒 0 条，已有提醒 1 个" in capsys.readouterr().out
    assert main(["appointments", "catalogue", "--out", str(tmp_path / "cat"), "--db", url]) == 0
    assert len(list((tmp_path / "cat").glob("*.xlsx"))) == 2
