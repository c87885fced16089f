"""统检 (a tab of the 上门检定 screen): campaigns, their daily jobs, progress and revenue split.

The campaigns list on top; for the one selected: its jobs (day, county, customer,
vehicle, performing institute, state), progress by county (planned, passed, failed,
remaining, cancelled) and the revenue of its statements split among the partner
institutes.  A new campaign is planned in `CampaignDialog`; "安排" schedules the selected
job (crew, standards, the performing institute).  The summary is exported as XLSX or
previewed as PDF (and printed from the preview), off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from counter.money import format_yuan
from counter.onsite.campaign_pdf import campaign_summary_pdf
from counter.onsite.campaign_views import (
    CampaignJobRow,
    CampaignRow,
    campaign_choices,
    campaign_jobs,
    list_campaigns,
)
from counter.onsite.campaigns import campaign_progress, campaign_revenue, campaign_summary_xlsx
from counter.onsite.rules.campaign import CountyProgress, RevenueSplit
from counter.onsite.views import resource_choices
from counter.session import read as read_session
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.worker import Progress
from ui.onsite.campaign_dialog import CampaignDialog
from ui.onsite.job_dialog import ScheduleDialog


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = QTableWidgetItem(value)
            if c and value.replace(",", "").replace(".", "").isdigit():
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, cell)


def campaign_headers() -> list[str]:
    return [_("统检名称"), _("期间"), _("任务"), _("器具"), _("参加机构")]


def job_headers() -> list[str]:
    return [
        _("任务单号"),
        _("日期"),
        _("区县"),
        _("客户"),
        _("车辆"),
        _("执行机构"),
        _("器具"),
        _("状态"),
    ]


def progress_headers() -> list[str]:
    return [_("区县"), _("计划"), _("合格"), _("不合格"), _("未完成"), _("已取消")]


def revenue_headers() -> list[str]:
    return [_("机构"), _("分成比例（‰）"), _("金额（元）")]


class CampaignsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.preview: PdfPreviewDialog | None = None
        self.campaigns: list[CampaignRow] = []
        self.jobs: list[CampaignJobRow] = []
        self.progress: list[CountyProgress] = []
        self.revenue: RevenueSplit | None = None
        self.campaign_table = _table(campaign_headers(), self)
        self.campaign_table.itemSelectionChanged.connect(self.show_campaign)
        self.job_table = _table(job_headers(), self)
        self.progress_table = _table(progress_headers(), self)
        self.revenue_table = _table(revenue_headers(), self)
        self.summary = QLabel(self)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", _("新建统检…"), self.new_campaign),
            ("schedule", _("安排所选任务…"), self.schedule),
            ("xlsx", _("导出汇总 XLSX…"), self.export_xlsx),
            ("pdf", _("汇总 PDF（预览、打印）"), self.preview_pdf),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        figures = QSplitter(Qt.Orientation.Horizontal, self)
        figures.addWidget(self.progress_table)
        figures.addWidget(self.revenue_table)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.campaign_table)
        split.addWidget(self.job_table)
        split.addWidget(figures)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)

    # reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the campaigns again, keeping the one selected."""
        keep = self.current()
        rows = op.read(self, list_campaigns)
        if rows is None:
            return
        self.campaigns = rows
        self.campaign_table.blockSignals(True)
        _fill(
            self.campaign_table,
            [
                (
                    c.name,
                    f"{c.start} – {c.end}",
                    str(c.jobs),
                    str(c.instruments),
                    "、".join(f"{name} {share}‰" for name, share in c.partners),
                )
                for c in rows
            ],
        )
        self.campaign_table.blockSignals(False)
        ids = [c.campaign_id for c in rows]
        if keep is not None and keep.campaign_id in ids:
            self.select_campaign(keep.campaign_id)
        elif rows:
            self.select_campaign(rows[0].campaign_id)
        else:
            self.show_campaign()

    def current(self) -> CampaignRow | None:
        selected = self.campaign_table.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(self.campaigns):
            return None
        return self.campaigns[selected[0].row()]

    def select_campaign(self, campaign_id: int) -> None:
        for r, c in enumerate(self.campaigns):
            if c.campaign_id == campaign_id:
                self.campaign_table.selectRow(r)
        self.show_campaign()

    def show_campaign(self) -> None:
        campaign = self.current()
        if campaign is None:
            self.jobs, self.progress, self.revenue = [], [], None
            for table in (self.job_table, self.progress_table, self.revenue_table):
                table.setRowCount(0)
            self.summary.clear()
            return
        cid = campaign.campaign_id
        got = op.read(
            self,
            lambda s: (
                campaign_jobs(s, cid),
                campaign_progress(s, cid),
                campaign_revenue(s, cid),
            ),
        )
        if got is None:
            return
        self.jobs, self.progress, self.revenue = got
        _fill(
            self.job_table,
            [
                (
                    j.number,
                    j.day.isoformat(),
                    j.county,
                    j.customer,
                    j.vehicle,
                    j.institute or _("本所"),
                    str(j.instruments),
                    j.state_text,
                )
                for j in self.jobs
            ],
        )
        _fill(
            self.progress_table,
            [
                (
                    _("合计") if p.county == "*" else p.county or "—",
                    str(p.planned),
                    str(p.done),
                    str(p.failed),
                    str(p.remaining),
                    str(p.cancelled),
                )
                for p in self.progress
            ],
        )
        shares = dict(campaign.partners)
        revenue = self.revenue
        _fill(
            self.revenue_table,
            [
                *(
                    (name, str(shares.get(name, 0)), format_yuan(fen))
                    for name, fen in revenue.parts
                ),
                (_("合计"), str(sum(shares.values())), format_yuan(revenue.total_fen)),
            ],
        )
        total = self.progress[-1] if self.progress else None
        if total is not None:
            self.summary.setText(
                _("{name}：计划 {planned} 台件，已完成 {finished}，未完成 {remaining}").format(
                    name=campaign.name,
                    planned=total.planned,
                    finished=total.finished,
                    remaining=total.remaining,
                )
            )

    # acting ----------------------------------------------------------------------------

    def new_campaign(self) -> CampaignDialog | None:
        choices = op.read(self, campaign_choices)
        if choices is None:
            return None
        dialog = CampaignDialog(self.ctx, choices, self)
        if dialog.exec() and dialog.planned is not None:
            planned = dialog.planned
            self.refresh()
            self.select_campaign(planned.campaign_id)
            text = _("统检已生成：{jobs} 个任务，{n} 台件").format(
                jobs=planned.jobs, n=planned.instruments - planned.unplaced
            )
            if planned.unplaced:
                text += _("；{n} 台件排不进期间，请延长期间或增加车辆").format(n=planned.unplaced)
            self.message.show_message(text, bool(planned.unplaced))
        return dialog

    def selected_job(self) -> CampaignJobRow | None:
        rows = self.job_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.jobs):
            self.message.show_error(_("请先选择一个上门任务"))
            return None
        return self.jobs[rows[0].row()]

    def schedule(self) -> ScheduleDialog | None:
        job, campaign = self.selected_job(), self.current()
        choices = op.read(self, resource_choices) if job is not None else None
        if job is None or campaign is None or choices is None:
            return None
        dialog = ScheduleDialog(
            self.ctx,
            choices,
            job.job_id,
            job.number,
            job.day,
            self,
            institute=job.institute,
            institutes=[name for name, _share in campaign.partners],
            vehicle_id=job.vehicle_id,
        )
        if dialog.exec():
            self.show_campaign()
            self.message.show_info(_("上门任务 {number} 已安排").format(number=job.number))
        return dialog

    def export_xlsx(self, path: str | None = None) -> None:
        campaign = self.current()
        if campaign is None:
            self.message.show_error(_("请先选择一个统检"))
            return
        path = path or save_file_name(
            self, _("导出统检汇总"), f"{campaign.name}.xlsx", _("Excel 文件 (*.xlsx)")
        )
        if not path:
            return
        database, target, cid = self.ctx.database, path, campaign.campaign_id

        def work(progress: Progress) -> str:
            progress(0, 2, _("正在汇总…"))
            data = read_session(database, lambda s: campaign_summary_xlsx(s, cid))
            progress(1, 2, _("正在保存…"))
            return write_file(target, data)

        op.in_background(
            self,
            work,
            on_success=lambda refused: self.message.show_message(
                refused or _("已导出到 {path}").format(path=target), bool(refused)
            ),
            progress=_("正在导出统检汇总…"),
        )

    def preview_pdf(self) -> None:
        campaign = self.current()
        if campaign is None:
            self.message.show_error(_("请先选择一个统检"))
            return
        database, clock, cid = self.ctx.database, self.ctx.clock, campaign.campaign_id
        op.in_background(
            self,
            lambda _progress: read_session(database, lambda s: campaign_summary_pdf(s, clock, cid)),
            on_success=lambda pdf: self._show_pdf(pdf, campaign.name),
            progress=_("正在生成统检汇总 PDF…"),
        )

    def _show_pdf(self, pdf: bytes, name: str) -> None:
        title = _("统检汇总：{name}").format(name=name)
        self.preview = PdfPreviewDialog(pdf, title, self, file_name=f"{name}.pdf")
        self.preview.show()
