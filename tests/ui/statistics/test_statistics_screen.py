"""The statistics screen: open it, filter, run off the UI thread, export XLSX (cells as the
screen shows them), print, save a definition and rerun it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from counter.statistics.export import cell_value
from tests.conftest import Counter
from tests.counter.statistics import world as W
from tests.ui.archive.recall_world import click, host
from tests.ui.conftest import make_ctx
from ui.shell.screens import offered
from ui.statistics.screen import StatisticsScreen
from ui.statistics.table_model import ReportTableModel


def _screen(qtbot: QtBot, c: Counter) -> StatisticsScreen:
    c.clock.at = dt.datetime.combine(W.TODAY, dt.time(9, 30), c.clock.at.tzinfo)
    screen = StatisticsScreen(make_ctx(c, c.admin))
    host(qtbot, screen)
    return screen


def _run(qtbot: QtBot, screen: StatisticsScreen) -> None:
    screen.report = None
    click(qtbot, screen.buttons["run"])
    qtbot.waitUntil(lambda: screen.report is not None, timeout=20000)


def test_open_filter_run_export_print(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    W.build(sqlite_counter)
    screen = _screen(qtbot, sqlite_counter)
    screen.filters.start.setDate(QDate(2026, 1, 1))
    screen.filters.end.setDate(QDate(2026, 12, 31))
    screen.filters.report.setCurrentIndex(screen.filters.report.findData("volume"))
    _run(qtbot, screen)
    assert screen.tabs.count() == 1
    model = screen.tabs.widget(0).findChild(ReportTableModel)  # type: ignore[union-attr]
    assert model is not None
    total = model.rowCount() - 1
    assert [model.index(total, k).data() for k in (0, 2, 4)] == ["合计", "8", "5"]
    # filter: the scales' department only
    dept = screen.filters.department.findText("衡器")
    screen.filters.department.setCurrentIndex(dept)
    _run(qtbot, screen)
    assert screen.report is not None
    assert screen.report.table("volume").rows[-1][2] == 6
    # revenue, exported: every cell as computed (money in yuan)
    screen.filters.department.setCurrentIndex(0)
    screen.filters.report.setCurrentIndex(screen.filters.report.findData("revenue"))
    _run(qtbot, screen)
    assert screen.tabs.count() == 5
    path = tmp_path / "revenue.xlsx"
    screen.export_xlsx(str(path))
    book = load_workbook(io.BytesIO(path.read_bytes()))
    report = screen.report
    assert report is not None
    for sheet, table in zip(book.worksheets, report.tables, strict=True):
        rows = list(sheet.iter_rows(min_row=4, max_row=3 + len(table.rows), values_only=True))
        for got, row in zip(rows, table.rows, strict=True):
            assert list(got[: len(row)]) == [
                None if v == "" else cell_value(table, k, v) for k, v in enumerate(row)
            ]
    assert book["收费汇总"].cell(5, 2).value == 140.0  # charged ¥140.00
    screen.print_pdf()
    assert screen.preview is not None


def test_save_and_rerun_a_definition(qtbot: QtBot, sqlite_counter: Counter) -> None:
    W.build(sqlite_counter)
    screen = _screen(qtbot, sqlite_counter)
    screen.filters.start.setDate(QDate(2026, 1, 1))
    screen.filters.report.setCurrentIndex(screen.filters.report.findData("promises"))
    _run(qtbot, screen)
    first = screen.report
    screen.save_name.setText("承诺月报")
    click(qtbot, screen.buttons["save"])
    assert screen.saved.currentText() == "承诺月报"
    screen.filters.report.setCurrentIndex(0)
    screen.report = None
    click(qtbot, screen.buttons["rerun"])
    qtbot.waitUntil(lambda: screen.report is not None, timeout=20000)
    assert screen.report == first
    assert screen.filters.kind() == "promises"


def test_offered_to_billing_review_and_admin_only(sqlite_counter: Counter) -> None:
    c = sqlite_counter
    assert "statistics" in [s.key for s in offered(c.billing)]
    assert "statistics" in [s.key for s in offered(c.admin)]
    assert "statistics" not in [s.key for s in offered(c.clerk)]


def test_feedback_on_the_screen_and_in_xlsx(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    from tests.counter.feedback.test_figures import DEC_2, _complaints, _ratings
    from tests.counter.feedback.world import make_world

    fb = make_world(sqlite_counter)
    _ratings(fb)
    _complaints(fb)
    sqlite_counter.clock.at = sqlite_counter.clock.at.replace(month=12, day=2)
    screen = StatisticsScreen(make_ctx(sqlite_counter, sqlite_counter.admin))
    host(qtbot, screen)
    assert screen.ctx.clock.now().date() == DEC_2
    screen.filters.start.setDate(QDate(2026, 11, 1))
    screen.filters.end.setDate(QDate(2026, 12, 31))
    screen.filters.report.setCurrentIndex(screen.filters.report.findData("feedback"))
    _run(qtbot, screen)
    assert screen.tabs.count() == 5
    model = screen.tabs.widget(1).findChild(ReportTableModel)  # type: ignore[union-attr]
    assert model is not None
    last = model.rowCount() - 1
    assert [model.index(last, k).data() for k in (0, 4, 5)] == ["合计", "5", "80.00%"]
    path = tmp_path / "feedback.xlsx"
    screen.export_xlsx(str(path))
    book = load_workbook(io.BytesIO(path.read_bytes()))
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[4 + last]][:6] == ["合计", 2, 2, 1, 5, 0.8]
