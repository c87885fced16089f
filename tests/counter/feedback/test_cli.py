"""`python -m counter complaints …` and `ratings …` as a terminal user runs them."""

from __future__ import annotations

import pytest

from counter.__main__ import main
from counter.release.rating_code import ensure_rating_code
from tests.conftest import PASSWORD, Counter
from tests.counter.feedback.world import make_world


def test_take_list_and_count_complaints_and_rate_with_a_code(
    sqlite_counter: Counter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    c = sqlite_counter
    fb = make_world(c)
    url = c.db.engine.url.render_as_string(hide_password=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    add = ["complaints", "add", "--summary", "收费有误", "--object", "fee", "--customer",
           str(c.customer_id), "--owner-department", str(fb.a[1]), "--priority", "urgent",
           "--user", "clerk", "--db", url]  # fmt: skip
    assert main(add) == 0
    assert "已受理" in capsys.readouterr().out
    assert main(["complaints", "add", "--summary", "x", "--object", "fee", "--user", "clerk",
                 "--db", url]) == 2  # fmt: skip
    assert "首问负责部门" in capsys.readouterr().err
    assert main(["complaints", "list", "--db", url]) == 0
    listed = capsys.readouterr().out
    assert "收费" in listed and "聊城计量器具有限公司" in listed
    assert main(["complaints", "list", "--overdue", "--db", url]) == 0
    assert main(["complaints", "summary", "--from", "2020-01-01", "--db", url]) == 0
    assert "投诉 1 件" in capsys.readouterr().out
    order = fb.order("a")
    with c.db.action() as s:
        code = ensure_rating_code(s, c.clock, order)
    assert main(["ratings", "rate", code.lower(), "4", "--comment", "好", "--db", url]) == 0
    assert main(["ratings", "rate", code, "4", "--db", url]) == 2
    assert main(["ratings", "rate", "NOPE", "4", "--db", url]) == 2
    capsys.readouterr()
    assert main(["ratings", "summary", "--department", str(fb.a[1]), "--db", url]) == 0
    assert "满意率 100.0%" in capsys.readouterr().out
