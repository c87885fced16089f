"""`python -m counter onsite …`: the jobs list, the week of resources, a job sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter.__main__ import main
from counter.onsite.schedule import schedule_job
from counter.onsite.views import job_view
from tests.conftest import Counter
from tests.counter.onsite.world import make_world


def _url(c: Counter) -> str:
    return c.db.engine.url.render_as_string(hide_password=False)


def test_jobs_week_and_sheet_from_the_terminal(
    sqlite_counter: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = sqlite_counter
    w = make_world(c)
    job_id = w.job()
    with c.db.action() as s:
        schedule_job(s, c.clerk, c.clock, job_id, w.crew())
        number = job_view(s, job_id).row.number
    assert main(["onsite", "jobs", "--from", "2026-11-23", "--db", _url(c)]) == 0
    out = capsys.readouterr().out
    assert number in out and "已安排" in out and "共 1 个上门任务" in out
    assert main(["onsite", "week", "--day", "2026-11-25", "--db", _url(c)]) == 0
    out = capsys.readouterr().out
    assert "鲁P·J0001" in out and number in out
    pdf = tmp_path / "sheet.pdf"
    assert main(["onsite", "sheet", number, "--out", str(pdf), "--db", _url(c)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["onsite", "sheet", "W0000000000", "--out", str(pdf), "--db", _url(c)]) == 2
