"""A new campaign (统检): what it selects from the ledger, the vehicles, the partner institutes.

The selection is by instrument type, region (division-code prefixes), customer sector
and due date; "统计" counts what it covers before anything is saved.  Partner
institutes take part with agreed shares (‰) of the revenue; a county may be done by one
of them.  Planning (`counter.onsite.campaigns.plan_campaign`) runs off the UI thread;
a refusal stays in the dialog with every reason.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.onsite.campaign_views import CampaignChoices, count_selected
from counter.onsite.campaigns import CampaignForm, CampaignPlanned, plan_campaign
from counter.onsite.rules.campaign import Share
from ui.common import op
from ui.common.context import AppContext
from ui.common.dates import date_edit, edit_day
from ui.common.message_line import MessageLine
from ui.customers.dialog import sector_label
from ui.onsite.urgent_dialog import checked_ids, checklist


def pair_table(headers: list[str], rows: int, parent: QWidget) -> QTableWidget:
    """A small editable two-column table (institute and share, county and institute)."""
    table = QTableWidget(rows, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    table.setMaximumHeight(130)
    return table


def set_pair(table: QTableWidget, row: int, first: str, second: str) -> None:
    if row >= table.rowCount():
        table.setRowCount(row + 1)
    table.setItem(row, 0, QTableWidgetItem(first))
    table.setItem(row, 1, QTableWidgetItem(second))


def _pairs(table: QTableWidget) -> list[tuple[str, str]]:
    out = []
    for r in range(table.rowCount()):
        cells = [table.item(r, c) for c in (0, 1)]
        first, second = (cell.text().strip() if cell is not None else "" for cell in cells)
        if first or second:
            out.append((first, second))
    return out


class CampaignDialog(QDialog):
    def __init__(
        self, ctx: AppContext, choices: CampaignChoices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("新建统检"))
        self.message = MessageLine(self)
        self.planned: CampaignPlanned | None = None
        today = local_date(ctx.clock.now())
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("如：2027 年地磅统检"))
        self.start = date_edit(self, today)
        self.end = date_edit(self, today + dt.timedelta(days=90))
        self.types = checklist(choices.types, self)
        self.divisions = QLineEdit(self)
        self.divisions.setPlaceholderText(
            _("行政区划代码前缀，逗号分隔，如 3715, 371521；不填即全部")
        )
        self.sector_names = choices.sectors
        self.sectors = checklist(
            tuple((n, sector_label(s)) for n, s in enumerate(choices.sectors)), self
        )
        self.due_on = QCheckBox(_("只选下次检定日期不晚于"), self)
        self.due = date_edit(self, today + dt.timedelta(days=90))
        self.vehicles = checklist(
            tuple(
                (vid, _("{label}（每日 {n} 台件）").format(label=label, n=cap))
                for vid, label, cap in choices.vehicles
            ),
            self,
        )
        self.partners = pair_table([_("参加机构"), _("分成比例（‰）")], 3, self)
        self.counties = pair_table([_("区县代码"), _("执行机构")], 3, self)
        self.count_label = QLabel(self)
        count_button = QPushButton(_("统计符合条件的器具"), self)
        count_button.clicked.connect(self.count)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_on)
        due_row.addWidget(self.due, 1)
        count_row = QHBoxLayout()
        count_row.addWidget(count_button)
        count_row.addWidget(self.count_label, 1)
        form = QFormLayout()
        for label, widget in (
            (_("统检名称"), self.name),
            (_("开始日期"), self.start),
            (_("结束日期"), self.end),
            (_("器具类型（不选即全部）"), self.types),
            (_("地区"), self.divisions),
            (_("行业（不选即全部）"), self.sectors),
            (_("车辆"), self.vehicles),
            (_("参加机构及分成"), self.partners),
            (_("区县由谁执行"), self.counties),
        ):
            form.addRow(label, widget)
        form.insertRow(6, _("到期"), due_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("生成任务"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(count_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def campaign_form(self) -> CampaignForm | None:
        """The form as typed; None (and the reasons shown) when a share or code is not valid."""
        problems, shares = [], []
        for institute, share in _pairs(self.partners):
            if not institute or not share.isdigit():
                problems.append(
                    _("参加机构“{name}”：请填写机构名称和整数分成比例（‰）").format(name=institute)
                )
                continue
            shares.append(Share(institute, int(share)))
        county_institutes = {}
        for county, institute in _pairs(self.counties):
            if not (len(county) == 6 and county.isdigit()):
                problems.append(_("区县代码“{code}”应为 6 位数字").format(code=county))
                continue
            county_institutes[county] = institute
        if problems:
            self.message.show_error("\n".join(problems))
            return None
        sectors = tuple(self.sector_names[n] for n in checked_ids(self.sectors))
        return CampaignForm(
            name=self.name.text(),
            start=edit_day(self.start),
            end=edit_day(self.end),
            vehicle_ids=checked_ids(self.vehicles),
            type_ids=checked_ids(self.types),
            divisions=tuple(p for p in re.split(r"[\s,，、;；]+", self.divisions.text()) if p),
            sectors=sectors,
            due_until=edit_day(self.due) if self.due_on.isChecked() else None,
            partners=tuple(shares),
            county_institutes=county_institutes,
        )

    def count(self) -> None:
        form = self.campaign_form()
        if form is None:
            return
        n = op.read(self, lambda s: count_selected(s, form), on_failure=op.shown_in(self.message))
        if n is not None:
            self.count_label.setText(_("符合条件的在用器具：{n} 台件").format(n=n))

    def accept(self) -> None:
        form = self.campaign_form()
        if form is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        self.ok_button.setEnabled(False)
        op.write(
            self,
            lambda s: plan_campaign(s, actor, clock, form),
            Change.ONSITE,
            in_background=True,
            progress=_("正在按车辆和区县生成统检任务…"),
            on_success=self._planned,
            on_failure=op.shown_in(self.message),
            on_finished=lambda: self.ok_button.setEnabled(True),
        )

    def _planned(self, planned: CampaignPlanned) -> None:
        self.planned = planned
        super().accept()
