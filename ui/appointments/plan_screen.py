"""自动排程: propose appointments for the customers due in a period, explain each
placement, list what could not be placed and why, let the clerk pin placements and plan
the rest again, and accept the plan as appointments (a confirmation SMS each).

The plan runs off the UI thread with a progress dialog (the solver may take seconds).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.appointments.planning import Accepted, accept_plan, propose_plan
from counter.appointments.rules.plan_model import Plan, SlotKey
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.intake.catalog import list_departments
from counter.session import read as read_session
from ui.appointments.plan_table import WHY, PlacementsModel, UnplacedModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.screen import ScreenDefaults
from ui.common.worker import Progress


def _date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PlanScreen(ScreenDefaults, QWidget):
    shows = Change.NOTHING

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.plan: Plan | None = None
        #: visit key (customer, department, wave, part) -> the slot the clerk pinned
        self.pins: dict[tuple[int, str, int, int], SlotKey] = {}
        today = local_date(ctx.clock.now())
        first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        self.start, self.end = QDateEdit(_qdate(first), self), QDateEdit(self)
        self.end.setDate(
            _qdate((first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
        )
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.department = QComboBox(self)
        self.department.addItem(_("全部科室"), None)
        for name in op.read(self, lambda s: [d.name for d in list_departments(s)]) or []:
            self.department.addItem(name, name)
        self.run_button = QPushButton(_("排程(&R)"), self)
        self.pin_button = QPushButton(_("固定所选(&F)"), self)
        self.accept_button = QPushButton(_("接受方案并预约(&A)"), self)
        self.figures = QLabel(self)
        self.placements, self.unplaced = PlacementsModel(self), UnplacedModel(self)
        self.placement_view = self._view(self.placements)
        self.unplaced_view = self._view(self.unplaced)
        self._lay_out()
        self.run_button.clicked.connect(self.run)
        self.pin_button.clicked.connect(self.pin_selected)
        self.accept_button.clicked.connect(self.accept)
        self._enable()

    def _view(self, model: PlacementsModel | UnplacedModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if isinstance(model, PlacementsModel):  # the explanation takes the room, not the pin
            header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        return view

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        widgets = (
            QLabel(_("从"), self), self.start, QLabel(_("到"), self), self.end,
            self.department, self.run_button, self.pin_button, self.accept_button,
        )  # fmt: skip
        for widget in widgets:
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.figures)
        layout.addWidget(self.placement_view, 3)
        layout.addWidget(QLabel(_("未能安排"), self))
        layout.addWidget(self.unplaced_view, 1)
        layout.addWidget(self.message)

    def _enable(self) -> None:
        has_plan = self.plan is not None and bool(self.plan.placements)
        self.pin_button.setEnabled(has_plan)
        self.accept_button.setEnabled(has_plan)

    def focus_first(self) -> None:
        self.start.setFocus()

    # --- actions ------------------------------------------------------------------------

    def _fixed(self) -> dict[int, list[SlotKey]]:
        fixed: dict[int, list[SlotKey]] = defaultdict(list)
        for key in sorted(self.pins):
            fixed[key[0]].append(self.pins[key])
        return dict(fixed)

    def run(self) -> None:
        start, end = _date(self.start), _date(self.end)
        if end < start:
            self.message.show_error(_("结束日期不能早于开始日期"))
            return
        chosen = self.department.currentData()
        departments = [chosen] if chosen else None
        ctx, fixed = self.ctx, self._fixed()
        today = local_date(ctx.clock.now())

        def work(progress: Progress) -> Plan:
            return read_session(ctx.database, lambda s: propose_plan(
                s, ctx.actor, today, start, end, departments=departments, fixed=fixed,
                progress=progress))  # fmt: skip

        self.run_button.setEnabled(False)
        op.in_background(self, work, on_success=self.show_plan,
                         on_finished=lambda: self.run_button.setEnabled(True),
                         progress=_("正在排程…"))  # fmt: skip

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.placements.set_rows(plan.placements)
        self.unplaced.set_rows(plan.unplaced)
        f = plan.figures
        self.figures.setText(
            _("共 {visits} 次送检、{items} 台件：已排 {placed}，未排 {unplaced}，逾期 {late}，"
              "最满时段负荷为平均的 {peak} 倍").format(
                visits=f.visits, items=f.items, placed=f.placed_items, unplaced=f.unplaced_items,
                late=f.late_items, peak=f"{f.peak_to_mean_load:.1f}")
            + (f"（{plan.note}）" if plan.note else "")
        )  # fmt: skip
        self._enable()

    def pin_selected(self) -> None:
        rows = sorted({i.row() for i in self.placement_view.selectionModel().selectedRows()})
        if not rows:
            self.message.show_error(_("请先选择要固定的安排"))
            return
        for row in rows:
            placement = self.placements.row_at(row)
            self.pins[placement.visit.key] = placement.slot
        self.message.show_info(_("已固定 {n} 项，重新排程时保持不变").format(n=len(rows)))

    def accept(self) -> None:
        plan = self.plan
        if plan is None:
            return
        ctx = self.ctx
        done = op.write(self, lambda s: accept_plan(s, ctx.actor, ctx.clock, plan),
                        Change.APPOINTMENTS)  # fmt: skip
        if done is not None:
            self.accepted(done)

    def accepted(self, done: Accepted) -> None:
        text = _("已预约 {n} 个").format(n=len(done.booked))
        if done.refused:
            reasons = "；".join(f"{r.placement.visit.name}：{r.reason}" for r in done.refused)
            self.message.show_error(text + "；" + reasons)
        else:
            self.message.show_info(text)
        self.plan, self.pins = None, {}
        self.placements.set_rows(())
        self.unplaced.set_rows(())
        self._enable()
