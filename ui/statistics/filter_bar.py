"""The statistics filter bar: period, department, sector, region, service, customer, and
the report to run."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from counter.i18n import _
from counter.intake.receive import service_label
from counter.statistics.rules.filters import StatFilter
from ui.common.dates import date_edit, qdate

SERVICES = ("verification", "calibration", "testing", "repair")


class FilterBar(QWidget):
    def __init__(
        self,
        today: dt.date,
        departments: list[tuple[int, str]],
        kinds: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.start = date_edit(self, dt.date(today.year, 1, 1))
        self.end = date_edit(self, today)
        self.report = QComboBox(self)
        for key, title in kinds:
            self.report.addItem(title, key)
        self.department = QComboBox(self)
        self.department.addItem(_("全部科室"), None)
        for dept_id, name in departments:
            self.department.addItem(name, dept_id)
        self.service = QComboBox(self)
        self.service.addItem(_("全部服务"), "")
        for code in SERVICES:
            self.service.addItem(service_label(code), code)
        self.sector = QLineEdit(self)
        self.sector.setPlaceholderText(_("行业"))
        self.region = QLineEdit(self)
        self.region.setPlaceholderText(_("地区代码前缀，如 3201"))
        self.customer = QLineEdit(self)
        self.customer.setPlaceholderText(_("客户名称、简拼或电话"))
        form = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(self.end)
        form.addRow(_("报表"), self.report)
        form.addRow(_("期间"), period)
        narrow = QHBoxLayout()
        for widget in (self.department, self.service, self.sector, self.region, self.customer):
            narrow.addWidget(widget)
        form.addRow(_("筛选"), narrow)
        self.setLayout(form)

    def kind(self) -> str:
        return str(self.report.currentData())

    def customer_text(self) -> str:
        return self.customer.text().strip()

    def stat_filter(self, customer_id: int | None = None) -> StatFilter:
        """The filter as chosen; raises ValueError when the period is upside down."""
        dept = self.department.currentData()
        return StatFilter(
            start=self.start.date().toPython(),  # type: ignore[arg-type]
            end=self.end.date().toPython(),  # type: ignore[arg-type]
            department_ids=(int(dept),) if dept is not None else (),
            sector=self.sector.text().strip(),
            division_prefix=self.region.text().strip(),
            service=str(self.service.currentData() or ""),
            customer_id=customer_id,
        )

    def show_filter(self, kind: str, f: StatFilter) -> None:
        """Set the controls to a saved definition's report and filter."""
        self.report.setCurrentIndex(max(0, self.report.findData(kind)))
        self.start.setDate(qdate(f.start))
        self.end.setDate(qdate(f.end))
        dept = f.department_ids[0] if f.department_ids else None
        self.department.setCurrentIndex(max(0, self.department.findData(dept)))
        self.service.setCurrentIndex(max(0, self.service.findData(f.service)))
        self.sector.setText(f.sector)
        self.region.setText(f.division_prefix)
        self.customer.clear()
