"""The institute settings form (`counter.admin.settings.InstituteSettings`), saved with Ctrl+S.

Validation is the domain's (`save_settings` → `ValidationError`); the spin
boxes are deliberately wider than the allowed ranges so that the message says
what is allowed instead of the field silently refusing a digit.  "测试标签打印机"
sends one sample label to the printer typed in the form (saved or not) and says
whether the printer confirmed it.  The label printer's kind (ZPL, TSPL or PDF
through the system printer), resolution and wait are chosen here.  The print
fonts are the shipped ones unless a TrueType file is picked; saving refuses one that
cannot be embedded or lacks Chinese, digits or Latin letters.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter.admin.settings import (
    SERVICES,
    URGENCIES,
    InstituteSettings,
    load_settings,
    save_settings,
    validate_settings,
)
from counter.changes import Change
from counter.clock import local_date
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.label_printing import send_test_label
from counter.intake.receive import service_label, urgency_label
from ui.admin.font_picker import FontPicker
from ui.admin.signing_key_panel import SigningKeyPanel
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.worker import Progress

TEXT_FIELDS = ("institute_name", "address", "phone", "authorisation_no", "counter_name")


class SettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = InstituteSettings()
        self.message = MessageLine(self)
        self._sending: QObject | None = None
        self.edits = {name: QLineEdit(self) for name in TEXT_FIELDS}
        for name, edit in self.edits.items():
            edit.setObjectName(name)
        self.terms = QPlainTextEdit(self)
        self.terms.setTabChangesFocus(True)
        self.label_width, self.label_height = self._mm_box(), self._mm_box()
        self.printer = QLineEdit(self)
        self.printer.setPlaceholderText(_("例如 192.168.1.50:9100；留空则只打印 PDF"))
        self.document_font = FontPicker(_("AR PL UMing 宋体"), self)
        self.document_font.setObjectName("document_font")
        self.label_font = FontPicker(_("文泉驿微米黑，加粗"), self)
        self.label_font.setObjectName("label_font")
        self.protocol = QComboBox(self)
        for code, title in (
            ("zpl", _("ZPL（斑马等）")),
            ("tspl", _("TSPL（TSC、佳博等）")),
            ("pdf", _("PDF（系统打印机）")),
        ):
            self.protocol.addItem(title, code)
        self.protocol.currentIndexChanged.connect(lambda _i: self._protocol_changed())
        self.dpi = QComboBox(self)
        for dpi in (203, 300):
            self.dpi.addItem(f"{dpi} dpi", dpi)
        self.printer_timeout = QDoubleSpinBox(self)
        self.printer_timeout.setRange(0, 999)
        self.printer_timeout.setDecimals(1)
        self.printer_timeout.setSuffix(_(" 秒"))
        self.receipt_page = QComboBox(self)
        self.receipt_page.addItems(["A4", "A5"])
        self.days: dict[tuple[str, str], QSpinBox] = {}
        self.save_button = QPushButton(_("保存设置"), self)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(_("测试标签打印机"), self)
        self.test_button.clicked.connect(self.test_printer)
        self.reload_button = QPushButton(_("放弃修改"), self)
        self.reload_button.clicked.connect(self.reload)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.signing_key = SigningKeyPanel(ctx, self)
        self._layout()
        self.reload()

    def _mm_box(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(0, 999)
        box.setDecimals(1)
        box.setSuffix(" mm")
        return box

    def _layout(self) -> None:
        form = QFormLayout()
        titles = (_("机构名称"), _("地址"), _("电话"), _("授权证书号"), _("收发室名称"))
        for name, title in zip(TEXT_FIELDS, titles, strict=True):
            form.addRow(title, self.edits[name])
        form.addRow(_("回执须知"), self.terms)
        size = QHBoxLayout()
        size.addWidget(self.label_width)
        size.addWidget(QLabel("×", self))
        size.addWidget(self.label_height)
        size.addStretch(1)
        form.addRow(_("标签尺寸（宽×高）"), size)
        printer = QHBoxLayout()
        printer.addWidget(self.printer, 1)
        printer.addWidget(self.test_button)
        form.addRow(_("标签打印机类型"), self.protocol)
        form.addRow(_("标签打印机"), printer)
        form.addRow(_("标签打印机分辨率"), self.dpi)
        form.addRow(_("等待标签打印机"), self.printer_timeout)
        form.addRow(_("回执纸张"), self.receipt_page)
        form.addRow(_("证书与文书字体"), self.document_font)
        form.addRow(_("标签字体"), self.label_font)
        grid = QGridLayout()
        for col, urgency in enumerate(URGENCIES, 1):
            grid.addWidget(QLabel(urgency_label(urgency), self), 0, col)
        for row, service in enumerate(SERVICES, 1):
            grid.addWidget(QLabel(service_label(service), self), row, 0)
            for col, urgency in enumerate(URGENCIES, 1):
                box = QSpinBox(self)
                box.setRange(0, 999)
                box.setObjectName(f"days_{service}_{urgency}")
                self.days[(service, urgency)] = box
                grid.addWidget(box, row, col)
        form.addRow(_("约定工作日数"), grid)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.signing_key)
        layout.addStretch(1)

    def reload(self) -> None:
        loaded = op.read(self, load_settings)
        if loaded is None:
            return
        self.loaded = loaded
        for name, edit in self.edits.items():
            edit.setText(getattr(loaded, name))
        self.terms.setPlainText(loaded.receipt_terms)
        self.label_width.setValue(loaded.label_width_mm)
        self.label_height.setValue(loaded.label_height_mm)
        self.printer.setText(loaded.label_printer)
        self.protocol.setCurrentIndex(max(0, self.protocol.findData(loaded.label_printer_protocol)))
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(loaded.label_printer_dpi)))
        self.printer_timeout.setValue(loaded.label_printer_timeout_s)
        self._protocol_changed()
        self.receipt_page.setCurrentText(loaded.receipt_page)
        self.document_font.setText(loaded.document_font)
        self.label_font.setText(loaded.label_font)
        for (service, urgency), box in self.days.items():
            box.setValue(loaded.working_days(service, urgency))

    def form_settings(self) -> InstituteSettings:
        turnaround = {s: {u: self.days[(s, u)].value() for u in URGENCIES} for s in SERVICES}
        return dataclasses.replace(
            self.loaded,
            **{name: edit.text().strip() for name, edit in self.edits.items()},
            receipt_terms=self.terms.toPlainText().strip(),
            label_width_mm=self.label_width.value(),
            label_height_mm=self.label_height.value(),
            label_printer=self.printer.text().strip(),
            label_printer_protocol=self.protocol.currentData(),
            label_printer_dpi=self.dpi.currentData(),
            label_printer_timeout_s=self.printer_timeout.value(),
            receipt_page=self.receipt_page.currentText(),
            document_font=self.document_font.text(),
            label_font=self.label_font.text(),
            turnaround=turnaround,
        )

    def _protocol_changed(self) -> None:
        raw = self.protocol.currentData() != "pdf"
        for widget in (self.printer, self.test_button, self.dpi, self.printer_timeout):
            widget.setEnabled(raw)

    def save(self) -> None:
        new = self.form_settings()
        actor, clock = self.ctx.actor, self.ctx.clock
        saved = op.write(self, lambda s: save_settings(s, actor, clock, new), Change.SETTINGS)
        if saved is not None:
            self.loaded = saved
            self.message.show_info(_("设置已保存"))

    def test_printer(self) -> None:
        settings = self.form_settings()
        problems = validate_settings(settings)
        if not settings.label_printer:
            problems.append(_("请先填写标签打印机地址"))
        if problems:
            self.message.show_error("\n".join(problems))
            return
        today = local_date(self.ctx.clock.now())
        self.test_button.setEnabled(False)
        self.message.show_info(
            _("正在发送测试标签到 {address}…").format(address=settings.label_printer)
        )

        def send(_progress: Progress) -> str:
            return send_test_label(settings, today)

        self._sending = op.in_background(self, send, on_success=self._sent, on_failure=self._failed)

    def _sent(self, _result: object) -> None:
        self.test_button.setEnabled(True)
        self.message.show_info(_("打印机已确认收到测试标签，请查看是否打出"))

    def _failed(self, error: CounterError) -> None:
        self.test_button.setEnabled(True)
        self.message.show_error(str(error))
