"""The administrator's message templates: one per kind × channel, with its placeholders.

Choose a template on the left; edit its subject (e-mail, letter) and body on the
right.  The placeholders it may use are listed; an unknown one (a typo like
`{custmer}`) is named at once and refused on saving.  For SMS and WeChat the length
is counted live as the network counts it (characters, and how many messages).
Ctrl+S saves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.archive.rules.messages import (
    PLACEHOLDERS,
    SHORT_CHANNELS,
    Template,
    channel_label,
    kind_label,
    sms_length,
    template_problems,
)
from counter.archive.templates import all_templates, set_template
from counter.changes import Change
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine

_PROBLEM_STYLE = "color: #b00020;"


def placeholder_help() -> str:
    names = {
        "customer": _("客户名称"),
        "contact": _("联系人"),
        "count": _("器具件数"),
        "instruments": _("器具清单"),
        "due": _("最早到期日"),
        "institute": _("本机构名称"),
        "phone": _("本机构电话"),
        "order": _("委托单号"),
        "details": _("其他说明"),
    }
    return "   ".join(f"{{{p}}} {names.get(p, p)}" for p in PLACEHOLDERS)


class TemplatesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.templates: list[Template] = []
        self.message = MessageLine(self)
        self.list = QTableWidget(0, 3, self)
        self.list.setHorizontalHeaderLabels([_("类型"), _("渠道"), _("来源")])
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.currentCellChanged.connect(lambda *_a: self._show())
        self.subject = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.placeholders = QLabel(placeholder_help(), self)
        self.placeholders.setWordWrap(True)
        self.placeholders.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.length = QLabel(self)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(_PROBLEM_STYLE)
        self.subject.textChanged.connect(self._check)
        self.body.textChanged.connect(self._check)
        self.save_button = QPushButton(_("保存模板"), self)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        editor = QWidget(self)
        form = QFormLayout(editor)
        form.addRow(_("标题"), self.subject)
        form.addRow(_("正文"), self.body)
        form.addRow(_("可用占位符"), self.placeholders)
        form.addRow(_("长度"), self.length)
        form.addRow(self.problems)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        form.addRow(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        found = op.read(self, all_templates)
        if found is None:
            return
        keep = self.list.currentRow()
        self.templates = found
        self.list.setRowCount(len(found))
        for row, t in enumerate(found):
            for column, text in enumerate(
                (kind_label(t.kind), channel_label(t.channel),
                 _("自定义") if t.custom else _("内置"))
            ):  # fmt: skip
                self.list.setItem(row, column, QTableWidgetItem(text))
        self.list.resizeColumnsToContents()
        self.list.setCurrentCell(max(keep, 0), 0)
        self._show()

    def select(self, kind: str, channel: str) -> None:
        for row, t in enumerate(self.templates):
            if (t.kind, t.channel) == (kind, channel):
                self.list.setCurrentCell(row, 0)
                return

    def current(self) -> Template | None:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _show(self) -> None:
        t = self.current()
        if t is None:
            return
        self.message.clear_message()
        self.subject.setEnabled(t.channel in ("email", "letter"))
        self.subject.setText(t.subject)
        self.body.setPlainText(t.body)
        self._check()

    def _check(self) -> None:
        t = self.current()
        if t is None:
            return
        body = self.body.toPlainText()
        if t.channel in SHORT_CHANNELS:
            length = sms_length(body)
            self.length.setText(
                _("{chars} 字（每条 {per} 字），约 {parts} 条短信；占位符替换后会更长").format(
                    chars=length.chars, per=length.per_part, parts=length.parts
                )
            )
        else:
            self.length.setText(_("{chars} 字").format(chars=len(body)))
        problems = template_problems(t.kind, t.channel, self.subject.text(), body)
        self.problems.setText("\n".join(problems))
        self.save_button.setEnabled(not problems)

    def save(self) -> None:
        t = self.current()
        if t is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        subject, body = self.subject.text(), self.body.toPlainText()
        saved = op.write(
            self,
            lambda s: set_template(s, actor, clock, t.kind, t.channel, subject, body),
            Change.MESSAGES,
        )
        if saved is not None:
            self.refresh()
            self.message.show_info(
                _("已保存“{kind} / {channel}”模板").format(
                    kind=kind_label(t.kind), channel=channel_label(t.channel)
                )
            )
