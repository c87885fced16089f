"""The certificate's fields as widgets, on four tabs, to and from a `Certificate`.

Cover (type, number, regulation, instrument, verdict and conclusion, dates, place,
signatories, record number), environment and standards, results (before and after an
adjustment), statements and remarks.  The conclusion follows verdict and class, and
valid-until follows the verification date (performed + period − 1 day) until the
lab changes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.certificates.lookups import CertificateFormData, role_label
from counter.certificates.rules import (
    DEFAULT_STATEMENTS,
    Certificate,
    CertType,
    EnvCondition,
    ResultRow,
    SignRole,
    StandardUsed,
    Verdict,
    compose_conclusion,
    propose_valid_until,
)
from counter.errors import ValidationError
from counter.i18n import _
from ui.certificates.review_model import type_title
from ui.certificates.rows_model import RowsModel
from ui.certificates.standards_model import StandardsModel
from ui.certificates.widgets import picked, rows_table
from ui.common.dates import date_edit, qdate

RESULT_FIELDS = ("quantity", "nominal", "measured", "error", "mpe", "uncertainty", "unit")
ENV_FIELDS = ("quantity", "value", "unit")
OTHER_STANDARD_FIELDS = ("name", "range", "accuracy", "certificate_number", "valid_until", "ref")


def _result_headers() -> list[str]:
    return [_("项目"), _("标称值"), _("测得值"), _("误差"), _("最大允许误差"), _("不确定度"),
            _("单位")]  # fmt: skip


class CertificateFields(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: Certificate | None = None
        self._period: int | None = None
        self.addTab(self._cover(), _("封面"))
        self.addTab(self._lab(), _("环境与标准"))
        self.addTab(self._results(), _("检定结果"))
        self.addTab(self._statements(), _("声明与备注"))

    # --- building --------------------------------------------------------

    def _cover(self) -> QWidget:
        page = QWidget(self)
        self.type_box = QComboBox(page)
        for kind in CertType:
            self.type_box.addItem(type_title(kind.value), kind.value)
        self.number = QLineEdit(page)
        self.number.setPlaceholderText(_("留空则自动编号（JD + 年份 + 6 位序号）"))
        self.regulation = QComboBox(page)
        self.regulation.setEditable(True)
        self.customer, self.instrument = QLineEdit(page), QLineEdit(page)
        self.model, self.serial, self.maker = QLineEdit(page), QLineEdit(page), QLineEdit(page)
        self.accuracy_class = QLineEdit(page)
        self.verdict = QComboBox(page)
        for verdict, label in ((Verdict.PASS, _("合格")), (Verdict.FAIL, _("不合格")),
                               (Verdict.NONE, _("不作判定"))):  # fmt: skip
            self.verdict.addItem(label, verdict.value)
        self.conclusion = QLineEdit(page)
        self.performed, self.issued = date_edit(page), date_edit(page)
        self.has_valid = QCheckBox(_("有效期至"), page)
        self.valid_until = date_edit(page)
        self.valid_hint = QLabel(page)
        self.location, self.record_number = QLineEdit(page), QLineEdit(page)
        self.signers = {role: QComboBox(page) for role in SignRole}
        valid = QHBoxLayout()
        valid.addWidget(self.has_valid)
        valid.addWidget(self.valid_until)
        valid.addWidget(self.valid_hint, 1)
        form = QFormLayout(page)
        for label, widget in (
            (_("证书类型"), self.type_box), (_("证书编号"), self.number),
            (_("检定依据"), self.regulation), (_("送检单位"), self.customer),
            (_("器具名称"), self.instrument), (_("型号规格"), self.model),
            (_("出厂编号"), self.serial), (_("制造单位"), self.maker),
            (_("准确度等级"), self.accuracy_class), (_("检定结果"), self.verdict),
            (_("结论"), self.conclusion), (_("检定日期"), self.performed),
            (_("签发日期"), self.issued),
        ):  # fmt: skip
            form.addRow(label, widget)
        form.addRow("", valid)
        form.addRow(_("地点"), self.location)
        for role, box in self.signers.items():
            form.addRow(role_label(role.value), box)
        form.addRow(_("原始记录编号"), self.record_number)
        self.type_box.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.verdict.currentIndexChanged.connect(lambda _i: self._recompose())
        self.accuracy_class.textEdited.connect(lambda _t: self._recompose())
        self.performed.dateChanged.connect(lambda _d: self._propose_valid())
        self.has_valid.toggled.connect(self.valid_until.setEnabled)
        return page

    def _lab(self) -> QWidget:
        page = QWidget(self)
        self.environment = RowsModel(ENV_FIELDS, [_("项目"), _("数值"), _("单位")], page)
        env_box, self.env_table = rows_table(self.environment, page)
        self.standards = StandardsModel(checkable=True, parent=page)
        self.standards_table = QTableView(page)
        self.standards_table.setModel(self.standards)
        self.standards_table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_("环境条件"), page))
        layout.addWidget(env_box, 1)
        layout.addWidget(QLabel(_("所用计量标准（勾选，取自标准台账）"), page))
        layout.addWidget(self.standards_table, 2)
        self.other_standards = RowsModel(
            OTHER_STANDARD_FIELDS,
            [_("名称"), _("测量范围"), _("准确度"), _("证书编号"), _("有效期至"), _("台账编号")],
            page,
        )
        others_box, self.other_standards_table = rows_table(self.other_standards, page)
        layout.addWidget(QLabel(_("其他计量标准（导入的或不在标准台账中的，逐行删除才会去掉）"),
                                page))  # fmt: skip
        layout.addWidget(others_box, 1)
        return page

    def _results(self) -> QWidget:
        page = QWidget(self)
        self.results = RowsModel(RESULT_FIELDS, _result_headers(), page)
        results_box, self.results_table = rows_table(self.results, page)
        self.adjusted, self.repaired = QCheckBox(_("经调整"), page), QCheckBox(_("经修理"), page)
        self.before = RowsModel(RESULT_FIELDS, _result_headers(), page)
        before_box, self.before_table = rows_table(self.before, page)
        flags = QHBoxLayout()
        flags.addWidget(self.adjusted)
        flags.addWidget(self.repaired)
        flags.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(results_box, 2)
        layout.addLayout(flags)
        layout.addWidget(QLabel(_("调整/修理前的结果"), page))
        layout.addWidget(before_box, 1)
        return page

    def _statements(self) -> QWidget:
        page = QWidget(self)
        self.conformity = QCheckBox(_("客户要求给出符合性判定"), page)
        self.interval = QCheckBox(_("客户要求给出复校间隔"), page)
        self.specification, self.decision_rule = QLineEdit(page), QLineEdit(page)
        self.calibration_interval, self.statement = QLineEdit(page), QLineEdit(page)
        self.remarks = QPlainTextEdit(page)
        self.remarks.setTabChangesFocus(True)
        form = QFormLayout(page)
        form.addRow(self.conformity)
        form.addRow(self.interval)
        for label, widget in (
            (_("判定依据的规范"), self.specification), (_("判定规则"), self.decision_rule),
            (_("建议复校间隔"), self.calibration_interval), (_("声明"), self.statement),
            (_("备注"), self.remarks),
        ):  # fmt: skip
            form.addRow(label, widget)
        return page

    # --- behaviour -------------------------------------------------------

    def kind(self) -> CertType:
        return CertType(self.type_box.currentData())

    def _type_changed(self) -> None:
        kind = self.kind()
        if self.statement.text() in DEFAULT_STATEMENTS.values() or not self.statement.text():
            self.statement.setText(DEFAULT_STATEMENTS[kind])
        if kind is CertType.VERIFICATION_NOTICE:
            self.verdict.setCurrentIndex(self.verdict.findData(Verdict.FAIL.value))
        self.has_valid.setChecked(kind is CertType.VERIFICATION_CERTIFICATE)
        self._recompose()

    def _recompose(self) -> None:
        if self.kind() in (CertType.VERIFICATION_CERTIFICATE, CertType.VERIFICATION_NOTICE):
            verdict = Verdict(self.verdict.currentData())
            self.conclusion.setText(compose_conclusion(verdict, self.accuracy_class.text()))

    def _propose_valid(self) -> None:
        if not self._period:
            self.valid_hint.setText("")
            return
        proposal = propose_valid_until(picked(self.performed), self._period)
        self.valid_hint.setText(_("建议：{day}（检定周期 {n} 个月）").format(
            day=proposal.isoformat(), n=self._period))  # fmt: skip
        if self.kind() is CertType.VERIFICATION_CERTIFICATE:
            self.valid_until.setDate(qdate(proposal))

    # --- to and from a certificate ----------------------------------------

    def load(self, data: CertificateFormData) -> None:
        cert, self._base, self._period = data.certificate, data.certificate, data.item.period_months
        self.type_box.setCurrentIndex(self.type_box.findData(cert.type.value))
        self.number.setText(cert.number)
        self.regulation.clear()
        self.regulation.addItems(list(data.regulations))
        self.regulation.setCurrentText(cert.regulation)
        for edit, value in ((self.customer, cert.customer), (self.instrument, cert.instrument_name),
                            (self.model, cert.model), (self.serial, cert.serial),
                            (self.maker, cert.manufacturer),
                            (self.accuracy_class, cert.accuracy_class),
                            (self.location, cert.location),
                            (self.record_number, cert.record_number),
                            (self.specification, cert.specification),
                            (self.decision_rule, cert.decision_rule),
                            (self.calibration_interval, cert.calibration_interval),
                            (self.statement, cert.statement)):  # fmt: skip
            edit.setText(value)
        self.verdict.setCurrentIndex(self.verdict.findData(cert.verdict.value))
        self.conclusion.setText(cert.conclusion)
        self.performed.setDate(qdate(cert.performed or data.today))
        self.issued.setDate(qdate(cert.issued or data.today))
        self._propose_valid()
        self.has_valid.setChecked(cert.valid_until is not None)
        self.valid_until.setEnabled(cert.valid_until is not None)
        if cert.valid_until is not None:
            self.valid_until.setDate(qdate(cert.valid_until))
        for role, box in self.signers.items():
            box.clear()
            box.addItem("", "")
            for s in data.signers:
                if role in s.roles:
                    box.addItem(f"{s.full_name}（{s.username}）", s.username)
            chosen = getattr(cert, role.value)
            if chosen and box.findData(chosen) < 0:
                box.addItem(chosen, chosen)
            box.setCurrentIndex(box.findData(chosen))
        self.environment.set_values([(e.quantity, e.value, e.unit) for e in cert.environment])
        registered = {s.ref for s in data.standards}
        self.standards.set_rows(data.standards)
        self.standards.set_checked(s.ref for s in cert.standards if s.ref in registered)
        self.other_standards.set_values(
            [(s.name, s.range, s.accuracy, s.certificate_number,
              s.valid_until.isoformat() if s.valid_until else "", s.ref)
             for s in cert.standards if s.ref not in registered or not s.ref]
        )  # fmt: skip
        self.results.set_values([[getattr(r, f) for f in RESULT_FIELDS] for r in cert.results])
        self.before.set_values(
            [[getattr(r, f) for f in RESULT_FIELDS] for r in cert.results_before]
        )
        self.adjusted.setChecked(cert.adjusted)
        self.repaired.setChecked(cert.repaired)
        self.conformity.setChecked(cert.customer_requested_conformity)
        self.interval.setChecked(cert.customer_requested_interval)
        self.remarks.setPlainText(cert.remarks)

    def _standards(self) -> tuple[StandardUsed, ...]:
        """Ticked register standards (as the certificate already had them, when it did),
        then the other standards as their rows say."""
        assert self._base is not None
        had = {s.ref: s for s in self._base.standards if s.ref}
        out = [
            had.get(s.ref)
            or StandardUsed(s.name, s.measuring_range, s.accuracy, s.certificate_number,
                            s.valid_until, s.ref)
            for s in self.standards.checked()
        ]  # fmt: skip
        problems: list[str] = []
        for name, rng, acc, cert_no, until, ref in self.other_standards.values():
            try:
                day = dt.date.fromisoformat(until) if until else None
            except ValueError:
                problems.append(
                    _("计量标准“{name}”的有效期“{day}”不是日期（YYYY-MM-DD）").format(
                        name=name, day=until
                    )
                )
                continue
            out.append(StandardUsed(name, rng, acc, cert_no, day, ref))
        if problems:
            raise ValidationError(problems)
        return tuple(out)

    def certificate(self) -> Certificate:
        """The certificate as the form shows it; page count left for the counter to fill."""
        assert self._base is not None, "load() first"
        return dataclasses.replace(
            self._base,
            type=self.kind(), number=self.number.text().strip(),
            regulation=self.regulation.currentText().strip(), customer=self.customer.text(),
            instrument_name=self.instrument.text(), model=self.model.text(),
            serial=self.serial.text(), manufacturer=self.maker.text(),
            accuracy_class=self.accuracy_class.text(),
            verdict=Verdict(self.verdict.currentData()), conclusion=self.conclusion.text(),
            performed=picked(self.performed), issued=picked(self.issued),
            valid_until=picked(self.valid_until) if self.has_valid.isChecked() else None,
            location=self.location.text(),
            environment=tuple(EnvCondition(*row) for row in self.environment.values()),
            standards=self._standards(),
            results=tuple(ResultRow(*row) for row in self.results.values()),
            results_before=tuple(ResultRow(*row) for row in self.before.values()),
            adjusted=self.adjusted.isChecked(), repaired=self.repaired.isChecked(),
            record_number=self.record_number.text(),
            verifier=self.signers[SignRole.VERIFIER].currentData() or "",
            checker=self.signers[SignRole.CHECKER].currentData() or "",
            approver=self.signers[SignRole.APPROVER].currentData() or "",
            customer_requested_conformity=self.conformity.isChecked(),
            customer_requested_interval=self.interval.isChecked(),
            specification=self.specification.text(), decision_rule=self.decision_rule.text(),
            calibration_interval=self.calibration_interval.text(),
            statement=self.statement.text(), remarks=self.remarks.toPlainText(),
            page_count=None, page_numbers=(),
        )  # fmt: skip
