"""The administrator's reminder rules: lead days, grace days and escalation, one row per sector.

The first row is the default for every sector without a rule of its own; a sector
row without its own rule shows the default's numbers in grey.  Edit the numbers in
place; Ctrl+S saves every changed row at once (all or nothing), each refusal named
by its sector.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.archive.reminder_rules import reminder_rules, rule_for, set_reminder_rule
from counter.archive.rules.due import RecallRule
from counter.changes import Change
from counter.customers.records import SECTORS
from counter.errors import ValidationError
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.customers.dialog import sector_label

SECTOR, LEAD, GRACE, ESCALATE = range(4)


def _sector_name(sector: str) -> str:
    return _("默认（未单独设置的行业）") if sector == "" else sector_label(sector)


def _values(rule: RecallRule) -> tuple[int, int, int]:
    return rule.lead_days, rule.grace_days, rule.escalate_after_days


class ReminderRulesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, tuple[str, str, str]] = {}
        self.message = MessageLine(self)
        self.table = QTableWidget(len(SECTORS), 4, self)
        self.table.setHorizontalHeaderLabels(
            [_("行业"), _("提前提醒天数"), _("宽限天数"), _("超期多少天后升级")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(SECTOR, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton(_("保存"), self)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        note = QLabel(
            _("到期前“提前提醒天数”内的器具列为即将到期；超过到期日为已超期；"
              "超期超过“升级天数”为超期未检（升级），发催告。"),
            self,
        )  # fmt: skip
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        rules = op.read(self, reminder_rules)
        if rules is None:
            return
        self.loaded.clear()
        for row, sector in enumerate(SECTORS):
            name = QTableWidgetItem(_sector_name(sector))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setData(Qt.ItemDataRole.UserRole, sector)
            self.table.setItem(row, SECTOR, name)
            own = sector in rules
            values = tuple(str(v) for v in _values(rule_for(rules, sector)))
            self.loaded[sector] = (values[0], values[1], values[2])
            for column, value in zip((LEAD, GRACE, ESCALATE), values, strict=True):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not own:
                    item.setForeground(QBrush(QColor("#808080")))
                    item.setToolTip(_("沿用默认规则；修改后为此行业单独保存"))
                self.table.setItem(row, column, item)

    def set_value(self, sector: str, column: int, value: str) -> None:
        """Type `value` into a cell (what the administrator does)."""
        self._cell(SECTORS.index(sector), column).setText(value)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell is filled by `refresh`
        return item

    def _typed(self) -> dict[str, tuple[str, str, str]]:
        typed = {}
        for row, sector in enumerate(SECTORS):
            cells = tuple(self._cell(row, c).text().strip() for c in (LEAD, GRACE, ESCALATE))
            typed[sector] = (cells[0], cells[1], cells[2])
        return typed

    def save(self) -> None:
        self.message.clear_message()
        changed = {s: v for s, v in self._typed().items() if v != self.loaded.get(s)}
        if not changed:
            self.message.show_info(_("没有修改"))
            return
        problems, rules = [], {}
        for sector, values in changed.items():
            try:
                lead, grace, escalate = (int(v) for v in values)
            except ValueError:
                problems.append(_("{sector}：天数须为整数").format(sector=_sector_name(sector)))
                continue
            rules[sector] = RecallRule(lead, grace, escalate)
        if problems:
            self.message.show_error("\n".join(problems))
            return
        actor, clock = self.ctx.actor, self.ctx.clock

        def apply(s: Session) -> int:
            found = []
            for sector, rule in rules.items():
                try:
                    set_reminder_rule(s, actor, clock, sector, rule)
                except ValidationError as error:
                    found += [f"{_sector_name(sector)}：{m}" for m in error.problems]
            if found:
                raise ValidationError(found)
            return len(rules)

        saved = op.write(self, apply, Change.MESSAGES)
        if saved is not None:
            self.refresh()
            self.message.show_info(_("已保存 {n} 个行业的提醒规则").format(n=saved))
