"""预约目录 (administrator): the sectors, the appointment catalogue (which sector books which
type with which department, when, whom to call), and its two printouts (PDF preview, XLSX)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.appointments.documents import (
    catalogue_document,
    classification_document,
    document_pdf,
    document_xlsx,
)
from counter.appointments.sectors import (
    CatalogueForm,
    CatalogueLine,
    catalogue,
    list_sectors,
    save_catalogue_line,
    save_sector,
)
from counter.changes import Change
from counter.i18n import _
from counter.intake.catalog import list_departments, list_types
from printing.appointment_catalogue import TableDocument
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog
from ui.customers.dialog import sector_label

HEADERS = (
    lambda: _("行业"),
    lambda: _("器具类型"),
    lambda: _("检定科室"),
    lambda: _("预约时段"),
    lambda: _("联系人"),
    lambda: _("电话"),
)


class CatalogueTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.preview: PdfPreviewDialog | None = None
        self.lines: list[CatalogueLine] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([h() for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._fill_form())
        self.sector, self.type_combo, self.department = (
            QComboBox(self),
            QComboBox(self),
            QComboBox(self),
        )
        self.segments, self.contact, self.phone = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.segments.setPlaceholderText(_("如：每周二上午"))
        self.new_sector = QLineEdit(self)
        self.new_sector.setPlaceholderText(_("新行业名称"))
        form = QFormLayout()
        form.addRow(_("行业"), self.sector)
        form.addRow(_("器具类型"), self.type_combo)
        form.addRow(_("检定科室"), self.department)
        form.addRow(_("预约时段"), self.segments)
        form.addRow(_("联系人"), self.contact)
        form.addRow(_("电话"), self.phone)
        buttons = QHBoxLayout()
        for label, slot in (
            (_("保存目录条目"), self.save_line),
            (_("添加行业"), self.add_sector),
            (_("预约分类表 PDF…"), lambda: self.preview_pdf(classification_document)),
            (_("预约目录 PDF…"), lambda: self.preview_pdf(catalogue_document)),
            (_("预约目录 XLSX…"), self.export_xlsx),
        ):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.insertWidget(2, self.new_sector)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        loaded = op.read(
            self,
            lambda s: (
                list_sectors(s, active_only=True),
                list_types(s),
                list_departments(s),
                catalogue(s),
            ),
        )
        if loaded is None:
            return
        sectors, types, departments, self.lines = loaded
        for combo, rows in (
            (self.sector, [(x.id, sector_label(x.name)) for x in sectors]),
            (self.type_combo, [(t.id, t.name) for t in types]),
            (self.department, [(d.id, d.name) for d in departments]),
        ):
            combo.clear()
            for value, text in rows:
                combo.addItem(text, value)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            values = (
                line.sector,
                line.type_name,
                line.department,
                line.time_segments,
                line.contact_name,
                line.phone,
            )
            for column, cell in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(cell))

    def _fill_form(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        for combo, value in (
            (self.sector, line.sector_id),
            (self.type_combo, line.type_id),
            (self.department, line.department_id),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.segments.setText(line.time_segments)
        self.contact.setText(line.contact_name)
        self.phone.setText(line.phone)

    def save_line(self) -> None:
        form = CatalogueForm(
            self.sector.currentData() or 0,
            self.type_combo.currentData() or 0,
            self.department.currentData() or 0,
            self.segments.text(),
            self.contact.text(),
            self.phone.text(),
        )
        existing = next(
            (
                x.id
                for x in self.lines
                if (x.sector_id, x.type_id) == (form.sector_id, form.type_id)
            ),
            None,
        )
        actor, clock = self.ctx.actor, self.ctx.clock
        if op.write(
            self,
            lambda s: save_catalogue_line(s, actor, clock, form, existing),
            Change.APPOINTMENTS,
        ):
            self.refresh()
            self.message.show_info(_("已保存预约目录条目"))

    def add_sector(self) -> None:
        name = self.new_sector.text().strip()
        actor, clock, code = (
            self.ctx.actor,
            self.ctx.clock,
            f"s{len(name)}-{abs(hash(name)) % 100000}",
        )
        done = op.write(
            self,
            lambda s: save_sector(s, actor, clock, sector_id=None, code=code, name=name),
            Change.APPOINTMENTS,
        )
        if done:
            self.new_sector.clear()
            self.refresh()

    def _document(self, make: object) -> TableDocument | None:
        clock = self.ctx.clock
        return op.read(self, lambda s: make(s, clock))  # type: ignore[operator]

    def preview_pdf(self, make: object) -> None:
        document = self._document(make)
        if document is None:
            return
        self.preview = PdfPreviewDialog(
            document_pdf(document), document.title, self, file_name=f"{document.title}.pdf"
        )
        self.preview.open()

    def export_xlsx(self, path: str | None = None) -> None:
        document = self._document(catalogue_document)
        if document is None:
            return
        path = path or save_file_name(
            self, document.title, f"{document.title}.xlsx", _("Excel 文件 (*.xlsx)")
        )
        if path:
            refused = write_file(path, document_xlsx(document))
            self.message.show_message(
                refused or _("已导出到 {path}").format(path=path), bool(refused)
            )
