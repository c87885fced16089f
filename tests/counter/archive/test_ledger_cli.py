"""`python -m counter ledger …`: export, import (as a user who logs in) and rebuild-due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from counter.__main__ import main
from counter.archive.ledger import add_entry, customer_ledger
from counter.archive.rules.ledger_form import EntryForm
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types
from db.models import InstrumentType
from tests.conftest import PASSWORD, Counter


def _url(c: Counter) -> str:
    return c.db.engine.url.render_as_string(hide_password=False)


def test_export_then_import_into_another_customer_then_rebuild_due(
    sqlite_counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = sqlite_counter
    with c.db.action() as s:
        gauge = next(t.id for t in list_types(s) if t.name == "一般压力表")
        for serial in ("P1", "P2"):
            form = EntryForm(gauge, serial=serial, use="safety", last_verified=dt.date(2026, 1, 5))
            add_entry(s, c.clerk, c.clock, c.customer_id, form)
        other = create_customer(s, c.clerk, c.clock, CustomerForm(name="第二客户")).id
    path = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", "--customer", str(c.customer_id), str(path),
                 "--db", _url(c)]) == 0  # fmt: skip
    assert "台账已导出" in capsys.readouterr().out and path.stat().st_size > 0
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    args = ["ledger", "import", "--customer", str(other), str(path), "--db", _url(c)]
    assert main([*args, "--user", "clerk"]) == 0
    assert "新增 2，更新 0，未变 0" in capsys.readouterr().out
    assert main([*args, "--user", "billing"]) == 2  # no permission to edit the ledger
    assert "编辑器具台账" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse: --user is required
        main(args)
    assert "--user" in capsys.readouterr().err
    with c.db.action() as s:
        s.scalars(select(InstrumentType).where(InstrumentType.id == gauge)).one().period_months = 12
    assert main(["ledger", "rebuild-due", "--db", _url(c)]) == 0
    assert "4 条有变化" in capsys.readouterr().out
    with c.db.session() as s:
        dues = {e.next_due for e in customer_ledger(s, other, dt.date(2026, 11, 23))}
    assert dues == {dt.date(2027, 1, 5)}


def test_import_reports_the_file_s_row_errors(
    sqlite_counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = sqlite_counter
    path = tmp_path / "台账.csv"
    path.write_text("器具名称,出厂编号,数量\n电子计价秤,A1,很多\n", encoding="utf-8")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    code = main(["ledger", "import", "--customer", str(c.customer_id), str(path),
                 "--user", "clerk", "--db", _url(c)])  # fmt: skip
    assert code == 2
    assert "第 2 行 列 数量" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ledger", "export", "--db", _url(c)])
    assert "FILE" in capsys.readouterr().err
