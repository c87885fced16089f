"""`python -m counter recall due|batch`: the due list and the batch run from a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from counter.__main__ import main
from tests.conftest import Counter
from tests.counter.archive.ledger_world import add_entry


def test_recall_due_lists_a_month_and_batch_writes_the_files(
    sqlite_counter: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = sqlite_counter
    with c.db.action() as s:
        add_entry(s, c.clock, c.customer_id, "电子计价秤", "CLI-1", dt.date(2040, 1, 9),
                  compulsory=True, use="trade")  # fmt: skip
        add_entry(s, c.clock, c.customer_id, "电子计价秤", "CLI-2", dt.date(2040, 3, 9))
    url = c.db.engine.url.render_as_string(hide_password=False)
    assert main(["recall", "due", "--month", "2041-01", "--no-overdue", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "聊城计量器具有限公司" in out and "CLI-1\t2041-01-09" in out and "CLI-2" not in out
    assert "1 个客户，1 台（件）器具" in out
    assert main(["recall", "batch", "--month", "2041-01", "--out", str(tmp_path), "--db", url]) == 0
    assert "写入 3 个文件" in capsys.readouterr().out
    assert (
        len(list(tmp_path.glob("*.pdf"))) == 2 and (tmp_path / "周检到期清单-204101.xlsx").exists()
    )


def test_a_malformed_month_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["recall", "due", "--month", "2041-13"])
    assert "2027-01" in capsys.readouterr().err
