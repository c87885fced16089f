"""The fee policy form (`billing.rules.policy.FeePolicy`) and the payment details, saved (Ctrl+S).

Validation is the domain's (`save_fee_policy` → `policy_problems`); the spin
boxes are wider than the allowed ranges so that the refusal says what is
allowed.  Both settings are saved in one user action: either both or neither.
Campaign instrument types are typed as names separated by 、.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.billing.rules.policy import CampaignExemption, FeePolicy, LateStep, UrgentStep
from counter.billing.rules.statement import PaymentDetails
from counter.billing.settings import (
    load_fee_policy,
    load_payment_details,
    save_fee_policy,
    save_payment_details,
)
from counter.changes import Change
from counter.clock import local_date
from counter.errors import ValidationError
from counter.i18n import _
from ui.admin.fees_tables import DATE, INT, TEXT, EditableRowsModel, commit_open_editor, rows_view
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine

PAYMENT_FIELDS = ("payee", "bank", "account", "note")
NAME_SEPARATORS = re.compile(r"[、,，;；]")


def _percent_box(parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0, 999)
    box.setDecimals(2)
    box.setSuffix(" %")
    return box


def _percent_value(box: QDoubleSpinBox) -> Decimal:
    """The box's value as a Decimal without float noise or trailing zeros ("50.00" → 50)."""
    return Decimal(f"{box.value():.2f}".rstrip("0").rstrip("."))


class FeePolicyTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded_policy = FeePolicy()
        self.message = MessageLine(self)
        self.free_from = QDateEdit(self)
        self.free_from.setDisplayFormat("yyyy-MM-dd")
        self.free_from.setCalendarPopup(True)
        self.small_micro = _percent_box(self)
        self.newly_opened = _percent_box(self)
        self.newly_months = QSpinBox(self)
        self.newly_months.setRange(0, 999)
        self.newly_months.setSuffix(_(" 个月"))
        self.own_repair_free = QCheckBox(_("本所修理后的重新检定免费"), self)
        self.urgent = EditableRowsModel(
            [_("承诺时限（小时，≤）"), _("加收比例（%）")], [INT, TEXT], lambda: [0, "0"], self
        )
        self.late = EditableRowsModel(
            [_("逾期工作日（≥）"), _("减收比例（%）")], [INT, TEXT], lambda: [0, "0"], self
        )
        self.campaigns = EditableRowsModel(
            [_("器具名称（以、分隔）"), _("开始日期"), _("结束日期"), _("原因（打印在清单上）")],
            [TEXT, DATE, DATE, TEXT],
            self._blank_campaign,
            self,
        )
        self.views: dict[str, QTableView] = {}
        self.payment = {name: QLineEdit(self) for name in PAYMENT_FIELDS}
        for name, edit in self.payment.items():
            edit.setObjectName(f"payment_{name}")
        self.save_button = QPushButton(_("保存收费政策"), self)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.reload_button = QPushButton(_("放弃修改"), self)
        self.reload_button.clicked.connect(self.reload)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._layout()
        self.reload()

    def _blank_campaign(self) -> list[object]:
        today = local_date(self.ctx.clock.now())
        return ["", today, today, ""]

    def _table_box(self, key: str, title: str, model: EditableRowsModel) -> QGroupBox:
        box = QGroupBox(title, self)
        view = rows_view(model, box)
        view.setObjectName(f"{key}_table")
        view.setMinimumHeight(110)
        self.views[key] = view
        add = QPushButton(_("添加"), box)
        add.clicked.connect(lambda: self._add_row(view, model))
        remove = QPushButton(_("删除所选行"), box)
        remove.clicked.connect(lambda: model.remove_row(view.currentIndex().row()))
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(box)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        return box

    def _add_row(self, view: QTableView, model: EditableRowsModel) -> None:
        row = model.add_row()
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        view.setFocus()
        view.edit(index)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(_("强制检定免费起始日期"), self.free_from)
        form.addRow(_("小微企业减收比例"), self.small_micro)
        form.addRow(_("新开办企业减收比例"), self.newly_opened)
        form.addRow(_("新开办企业认定期限"), self.newly_months)
        form.addRow("", self.own_repair_free)
        payment = QGroupBox(_("清单上的收款信息"), self)
        payment_form = QFormLayout(payment)
        titles = (_("收款单位"), _("开户银行"), _("账号"), _("备注"))
        for name, title in zip(PAYMENT_FIELDS, titles, strict=True):
            payment_form.addRow(title, self.payment[name])
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addWidget(self._table_box("urgent", _("加急加收（仅非强制检定）"), self.urgent))
        column.addWidget(self._table_box("late", _("逾期交付减收"), self.late))
        column.addWidget(self._table_box("campaigns", _("免费活动"), self.campaigns))
        column.addWidget(payment)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def reload(self) -> None:
        loaded = op.read(self, lambda s: (load_fee_policy(s), load_payment_details(s)))
        if loaded is None:
            return
        policy, details = loaded
        self.loaded_policy = policy
        day = policy.compulsory_free_from
        self.free_from.setDate(QDate(day.year, day.month, day.day))
        self.small_micro.setValue(float(policy.small_micro_percent))
        self.newly_opened.setValue(float(policy.newly_opened_percent))
        self.newly_months.setValue(policy.newly_opened_months)
        self.own_repair_free.setChecked(policy.own_repair_reverification_free)
        self.urgent.set_rows([[s.max_hours, str(s.percent)] for s in policy.urgent_steps])
        self.late.set_rows([[s.min_days, str(s.percent)] for s in policy.late_steps])
        self.campaigns.set_rows(
            [
                ["、".join(sorted(c.instrument_names)), c.start, c.end, c.reason]
                for c in policy.campaigns
            ]
        )
        for name, edit in self.payment.items():
            edit.setText(getattr(details, name))

    def form_policy(self) -> FeePolicy:
        """The policy as typed; percentages that are not numbers raise ValidationError."""
        problems: list[str] = []

        def percent(table: str, row: int, text: str) -> Decimal:
            try:
                value = Decimal(text.strip().rstrip("%％").strip())
            except InvalidOperation:
                value = Decimal(-1)
            if not value.is_finite() or value < 0 or not text.strip():
                problems.append(
                    _("{table}第 {row} 行：“{text}”不是百分比").format(
                        table=table, row=row + 1, text=text
                    )
                )
            return value

        urgent = tuple(
            UrgentStep(hours, percent(_("加急加收"), i, text))
            for i, (hours, text) in enumerate(self.urgent.row_values())
        )
        late = tuple(
            LateStep(days, percent(_("逾期交付减收"), i, text))
            for i, (days, text) in enumerate(self.late.row_values())
        )
        campaigns = tuple(
            CampaignExemption(
                frozenset(n.strip() for n in NAME_SEPARATORS.split(names) if n.strip()),
                start,
                end,
                reason.strip(),
            )
            for names, start, end, reason in self.campaigns.row_values()
        )
        if problems:
            raise ValidationError(problems)
        free_from: dt.date = self.free_from.date().toPython()  # type: ignore[assignment]
        return FeePolicy(
            compulsory_free_from=free_from,
            small_micro_percent=_percent_value(self.small_micro),
            newly_opened_percent=_percent_value(self.newly_opened),
            newly_opened_months=self.newly_months.value(),
            campaigns=campaigns,
            urgent_steps=urgent,
            late_steps=late,
            own_repair_reverification_free=self.own_repair_free.isChecked(),
        )

    def form_payment(self) -> PaymentDetails:
        return PaymentDetails(**{name: edit.text() for name, edit in self.payment.items()})

    def save(self) -> None:
        for view in self.views.values():
            commit_open_editor(view)

        actor, clock = self.ctx.actor, self.ctx.clock

        def store(session: Session) -> FeePolicy:
            policy, details = self.form_policy(), self.form_payment()
            saved = save_fee_policy(session, actor, clock, policy)
            save_payment_details(session, actor, clock, details)
            return saved

        saved = op.write(self, store, Change.SETTINGS)
        if saved is not None:
            self.loaded_policy = saved
            self.message.show_info(_("收费政策已保存"))
