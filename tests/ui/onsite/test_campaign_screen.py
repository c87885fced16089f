"""The 统检 tab: a dispatcher plans a truck-scale campaign over two counties with a partner
institute, sees its daily jobs and progress, schedules a county's job for the partner,
exports the summary (XLSX cells checked) and previews the PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import QListWidget, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.customers.records import CustomerForm, create_customer
from counter.onsite.jobs import finish_job, start_job
from db.models import Instrument
from db.models_onsite import Campaign, OnsiteJob
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, World, make_world
from tests.ui.conftest import make_ctx, wait_for_workers, when_modal
from ui.onsite.campaign_dialog import CampaignDialog, set_pair
from ui.onsite.job_dialog import ScheduleDialog
from ui.onsite.screen import OnsiteScreen


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _rows(table: QTableWidget) -> list[list[str]]:
    return [
        [_text(table, r, c) for c in range(table.columnCount())] for r in range(table.rowCount())
    ]


def _labels(box: QListWidget) -> list[str]:
    return [box.item(n).text() for n in range(box.count())]


def _tick(box: QListWidget, label_start: str) -> None:
    for n in range(box.count()):
        if box.item(n).text().startswith(label_start):
            box.item(n).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{label_start!r} not in {_labels(box)}")


def _two_counties(c: Counter) -> None:
    """Four truck scales at a grain depot in each of two counties."""
    with c.db.action() as s:
        for n, county in enumerate(("371502", "371521")):
            form = CustomerForm(name=f"粮库{n}", address=f"{county} 某路", phone="13900000000")
            customer = create_customer(s, c.clerk, c.clock, form)
            customer.division_code = county
            type_id = s.scalars(select(Instrument.type_id)).first()
            for k in range(4):
                s.add(
                    Instrument(
                        customer_id=customer.id,
                        type_id=type_id,
                        serial=f"G{n}{k}",
                        use="trade",
                        source="manual",
                        created_at=c.clock.now(),
                    )
                )


def _plan(dialog: QWidget) -> None:
    assert isinstance(dialog, CampaignDialog)
    dialog.name.setText("2027 地磅统检")
    _tick(dialog.types, "电子汽车衡")
    dialog.divisions.setText("3715")
    dialog.ok_button.click()  # no vehicle: refused, the dialog stays with the reason
    wait_for_workers_in(dialog)
    assert "请至少选择一辆车" in dialog.message.text()
    _tick(dialog.vehicles, "鲁P·J0001")
    set_pair(dialog.partners, 0, "示例市计量所", "600")
    set_pair(dialog.partners, 1, "甲县计量所", "400")
    set_pair(dialog.counties, 0, "371521", "甲县计量所")
    dialog.count()
    assert "8 台件" in dialog.count_label.text()
    dialog.ok_button.click()


def wait_for_workers_in(dialog: QWidget) -> None:
    """Let a refused background plan come back (the dialog's own event loop runs)."""
    pool = QThreadPool.globalInstance()
    while pool.activeThreadCount():
        QCoreApplication.processEvents()
    for _n in range(5):
        QCoreApplication.processEvents()
    assert dialog.isVisible()


def _schedule_for_partner(dialog: QWidget) -> None:
    assert isinstance(dialog, ScheduleDialog)
    assert dialog.institute.currentText() == "甲县计量所"  # as planned for the county
    assert dialog.vehicle.currentText().startswith("鲁P·J0001")  # the planned truck
    _tick(dialog.crew, "钱检定")
    _tick(dialog.standards, "STD-W-001")
    dialog.institute.setCurrentText("示例市计量所")  # the partner swapped with the city
    dialog.ok_button.click()
    if dialog.isVisible():
        text = dialog.message.text()
        dialog.reject()
        raise AssertionError(text)


def test_plan_a_campaign_see_jobs_progress_and_export(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    w: World = make_world(c)
    _two_counties(c)
    screen = OnsiteScreen(make_ctx(c), None)
    qtbot.addWidget(screen)
    screen.tabs.setCurrentWidget(screen.campaigns)
    view = screen.campaigns
    assert view.campaign_table.rowCount() == 0
    planned = when_modal(_plan)
    view.new_campaign()
    assert planned.answered
    assert "2 个任务，8 台件" in view.message.text(), view.message.text()
    assert _rows(view.campaign_table)[0][:4] == [
        "2027 地磅统检",
        f"{TODAY.isoformat()} – {(TODAY + dt.timedelta(days=90)).isoformat()}",
        "2",
        "8",
    ]
    jobs = _rows(view.job_table)
    # capacity 6 a day, one county a day: the first county today, the second tomorrow
    assert [(j[2], j[4], j[5], j[6], j[7]) for j in jobs] == [
        ("371502", "鲁P·J0001", "本所", "4", "待安排"),
        ("371521", "鲁P·J0001", "甲县计量所", "4", "待安排"),
    ]
    assert _rows(view.progress_table) == [
        ["371502", "4", "0", "0", "4", "0"],
        ["371521", "4", "0", "0", "4", "0"],
        ["合计", "8", "0", "0", "8", "0"],
    ]
    assert [r[:2] for r in _rows(view.revenue_table)] == [
        ["示例市计量所", "600"],
        ["甲县计量所", "400"],
        ["合计", "1000"],
    ]

    # the second county's job: scheduled, its performing institute changed in the dialog
    view.job_table.selectRow(1)
    scheduled = when_modal(_schedule_for_partner)
    view.schedule()
    assert scheduled.answered
    assert _rows(view.job_table)[1][5:] == ["示例市计量所", "4", "已安排"]
    with c.db.session() as s:
        cid = s.scalars(select(Campaign.id)).one()
        job = s.scalars(
            select(OnsiteJob).where(
                OnsiteJob.campaign_id == cid, OnsiteJob.division_code == "371521"
            )
        ).one()
        assert job.institute == "示例市计量所"
        results = dict(
            zip([i.id for i in job.instruments], ["pass", "pass", "fail", "pass"], strict=True)
        )
        job_id = job.id
    c.clock.at = c.clock.now() + dt.timedelta(days=1)
    with c.db.action() as s:
        start_job(s, c.clerk, c.clock, job_id)
        finish_job(s, w.verifier2, c.clock, job_id, results)
    view.refresh()
    assert _rows(view.progress_table)[1:] == [
        ["371521", "4", "3", "1", "0", "0"],
        ["合计", "8", "3", "1", "4", "0"],
    ]
    assert "已完成 4，未完成 4" in view.summary.text()

    out = tmp_path / "summary.xlsx"
    view.export_xlsx(str(out))
    wait_for_workers(qtbot)
    qtbot.waitUntil(lambda: "已导出到" in view.message.text())
    book = load_workbook(out)
    progress = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert progress[0][0] == "2027 地磅统检"
    assert progress[1] == ["区县", "计划", "合格", "不合格", "未完成", "已取消"]
    assert progress[2:] == [
        ["371502", 4, 0, 0, 4, 0],
        ["371521", 4, 3, 1, 0, 0],
        ["合计", 8, 3, 1, 4, 0],
    ]
    money = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert [r[0] for r in money] == ["机构", "示例市计量所", "甲县计量所", "合计"]

    view.preview_pdf()
    wait_for_workers(qtbot)
    qtbot.waitUntil(lambda: view.preview is not None)
    assert view.preview is not None and "2027 地磅统检" in view.preview.windowTitle()
    view.preview.close()


def test_a_campaign_needs_a_selection_before_export(qtbot: QtBot, sqlite_counter: Counter) -> None:
    screen = OnsiteScreen(make_ctx(sqlite_counter), None)
    qtbot.addWidget(screen)
    screen.tabs.setCurrentWidget(screen.campaigns)
    screen.campaigns.export_xlsx("never.xlsx")
    assert (
        screen.campaigns.message.is_error and "请先选择一个统检" in screen.campaigns.message.text()
    )
