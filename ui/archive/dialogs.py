"""The recall and outbox screens' small dialogs: draft reminders, choose a folder, show a result.

`DraftDialog` asks the channel and whether the selected or all listed customers are
reminded; `FolderDialog` asks the folder a batch is written into (and, for sending,
the channel); `ResultDialog` says what a batch did, each problem by name.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter.archive.rules.messages import CHANNELS, channel_label
from counter.i18n import _
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.file_dialogs import existing_folder, start_folder
from ui.common.message_line import MessageLine


def channel_combo(parent: QWidget, current: str = "sms") -> QComboBox:
    combo = QComboBox(parent)
    for channel in CHANNELS:
        combo.addItem(channel_label(channel), channel)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class DraftDialog(QDialog):
    """Which customers to remind (selected / all listed) and on which channel."""

    def __init__(self, selected: int, listed: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("起草提醒"))
        self.channel = channel_combo(self)
        self.selected = QRadioButton(_("选中的客户（{n} 家）").format(n=selected), self)
        self.listed = QRadioButton(_("列表中全部客户（{n} 家）").format(n=listed), self)
        group = QButtonGroup(self)
        group.addButton(self.selected)
        group.addButton(self.listed)
        self.selected.setEnabled(selected > 0)
        (self.selected if selected else self.listed).setChecked(True)
        self.buttons = ok_cancel_buttons(self, _("起草"))
        form = QFormLayout(self)
        form.addRow(_("发送渠道"), self.channel)
        form.addRow(_("提醒对象"), self.selected)
        form.addRow("", self.listed)
        form.addRow(QLabel(_("已提醒过的器具（同一到期日）不再重复起草。"), self))
        form.addRow(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return ok_button(self.buttons)

    def chosen_channel(self) -> str:
        return str(self.channel.currentData())

    def all_listed(self) -> bool:
        return self.listed.isChecked()


class FolderDialog(QDialog):
    """The folder a batch writes into; `channel` shows a channel choice (sending)."""

    def __init__(
        self,
        title: str,
        what: str,
        parent: QWidget | None = None,
        *,
        channel: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.what = QLabel(what, self)
        self.what.setWordWrap(True)
        self.channel = channel_combo(self, channel) if channel is not None else None
        self.folder = QLineEdit(str(start_folder()), self)
        browse = QPushButton(_("浏览…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self, _("开始"), on_ok=self._check)
        form = QFormLayout(self)
        form.addRow(self.what)
        if self.channel is not None:
            form.addRow(_("发送渠道"), self.channel)
        form.addRow(_("保存到文件夹"), row)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.resize(560, self.sizeHint().height())

    @property
    def ok_button(self) -> QPushButton:
        return ok_button(self.buttons)

    def _browse(self) -> None:
        folder = existing_folder(self, _("选择文件夹"))
        if folder:
            self.folder.setText(folder)

    def _check(self) -> None:
        if not self.folder.text().strip():
            self.message.show_error(_("请选择保存文件的文件夹"))
            return
        self.accept()

    def chosen_channel(self) -> str:
        return str(self.channel.currentData()) if self.channel is not None else ""


class ResultDialog(QDialog):
    """What a batch did: a summary line and, below, every problem or file by name."""

    def __init__(
        self, title: str, summary: str, lines: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(lines), self)
        self.details.setReadOnly(True)
        self.details.setVisible(bool(lines))
        close = QPushButton(_("关闭"), self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(close)
        self.resize(600, 380 if lines else 140)

    def text(self) -> str:
        return self.summary.text() + "\n" + self.details.toPlainText()
