"""Import certificates from lab systems' JSON files: all the chosen files, or nothing.

Ctrl+O chooses files, Enter imports.  The import runs off the main thread; every
problem is listed per file and certificate, and with any problem nothing is saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.certificates.imports import FileProblem, import_certificate_files
from counter.certificates.service import SavedCertificate
from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.session import run_action
from ui.certificates import import_problems_model as pm
from ui.certificates.import_findings_model import ImportFindingsModel, blocking_findings
from ui.certificates.import_problems_model import ImportProblemsModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import open_file_names
from ui.common.message_line import MessageLine
from ui.common.worker import Progress

Outcome = tuple[tuple[SavedCertificate, ...], tuple[FileProblem, ...]]


class CertificateImportDialog(QDialog):
    certificates_imported = Signal(int)  # how many were saved
    import_refused = Signal(int)  # how many problems were found

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.paths: list[Path] = []
        self.busy = False
        self.setWindowTitle(_("导入证书（JSON）"))
        self.files_label = QLabel(_("尚未选择文件"), self)
        self.files_label.setWordWrap(True)
        choose = QPushButton(_("选择文件…"), self)
        choose.setToolTip("Ctrl+O")
        choose.clicked.connect(self.choose_files)
        self.import_button = QPushButton(_("导入"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton(_("关闭"), self)
        close.clicked.connect(self.reject)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.problems = ImportProblemsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.problems)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(pm.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.findings = ImportFindingsModel(self)  # blocking defects of what was imported
        self.findings_table = QTableView(self)
        self.findings_table.setModel(self.findings)
        self.findings_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_table.setWordWrap(True)
        self.findings_table.verticalHeader().hide()
        self.findings_table.horizontalHeader().setStretchLastSection(True)
        self.findings_table.hide()
        self.message = MessageLine(self)
        row = QHBoxLayout()
        row.addWidget(self.files_label, 1)
        row.addWidget(choose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.findings_table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Open, self, self.choose_files)
        self.resize(900, 480)
        self._update()

    def choose_files(self) -> None:
        names = open_file_names(self, _("选择证书文件"), _("JSON 文件 (*.json);;所有文件 (*)"))
        if names:
            self.set_files([Path(n) for n in names])

    def set_files(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self.files_label.setText("、".join(p.name for p in self.paths) or _("尚未选择文件"))
        self.problems.set_rows([])
        self.findings.set_rows([])
        self.findings_table.hide()
        self.message.clear_message()
        self._update()

    def _update(self) -> None:
        self.import_button.setEnabled(bool(self.paths) and not self.busy)

    def start_import(self) -> None:
        if not self.paths or self.busy:
            return
        try:
            files = [(p.name, p.read_bytes()) for p in self.paths]
        except OSError as error:
            self.message.show_error(
                _("无法读取文件：{reason}").format(reason=error.strerror or error)
            )
            return
        ctx = self.ctx

        def work(progress: Progress) -> Outcome:
            return run_action(ctx.database, lambda s: import_certificate_files(
                s, ctx.actor, ctx.clock, files, progress))  # fmt: skip

        self.busy = True
        self.progress.setRange(0, len(files))
        self.progress.show()
        self.message.clear_message()
        self._update()
        op.in_background(self, work, on_success=self._done, on_failure=self._failed,
                         on_progress=self._progressed)  # fmt: skip

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finish(self) -> None:
        self.busy = False
        self.progress.hide()
        self._update()

    def _done(self, outcome: Outcome) -> None:
        self._finish()
        saved, problems = outcome
        self.problems.set_rows(problems)
        self.table.resizeRowsToContents()
        if problems:
            self.message.show_error(
                _("发现 {n} 个问题，没有导入任何证书。请改正文件后重新导入。").format(
                    n=len(problems)
                )
            )
            self.import_refused.emit(len(problems))
            return
        blocking = sum(1 for s in saved if s.blocking)
        findings = blocking_findings(saved)
        self.findings.set_rows(findings)
        self.findings_table.setVisible(bool(findings))
        self.findings_table.resizeColumnsToContents()
        self.findings_table.resizeRowsToContents()
        text = _("已导入 {n} 份证书，已提交终审；其中 {b} 份有阻断性缺陷。").format(
            n=len(saved), b=blocking
        )
        if findings:
            text += _("阻断性缺陷列在上表，须改正后才能通过终审。")
        self.message.show_info(text)
        self.paths = []
        self._update()
        op.announce(self.ctx, Change.CERTIFICATES)
        self.certificates_imported.emit(len(saved))

    def _failed(self, error: CounterError) -> None:
        self._finish()
        self.message.show_error(str(error))
