"""`python -m counter stats`: a report printed or written as XLSX, with a user's rights."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counter.__main__ import _parser
from counter.errors import PermissionDenied
from counter.statistics.cli import stats_command
from tests.conftest import Counter
from tests.counter.statistics import world as W


def _run(c: Counter, *words: str) -> int:
    args = _parser().parse_args(["stats", *words])
    return stats_command(args, c.db)


def test_stats_run_prints_and_writes_xlsx(
    sqlite_counter: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = sqlite_counter
    W.build(c)
    period = ("--from", "2026-01-01", "--to", "2026-12-31")
    assert _run(c, "run", "--report", "volume", *period, "--user", c.admin.username) == 0
    out = capsys.readouterr().out
    assert "合计\t\t8\t4\t5\t2\t3\t2\t1\t1" in out
    target = tmp_path / "r.xlsx"
    words = ("run", "--report", "regulator", *period, "--user", c.billing.username)
    assert _run(c, *words, "--out", str(target)) == 0
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book.worksheets[0].cell(4, 2).value == 6
    with pytest.raises(PermissionDenied):
        _run(c, "run", "--report", "people", *period, "--user", c.billing.username)
    assert _run(c, "saved", "--user", c.admin.username) == 0
