"""A font file field for the settings: typed or picked, empty for the shipped font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from counter.i18n import _

FONT_FOLDERS = ("/usr/share/fonts", "C:/Windows/Fonts", "/Library/Fonts")


class FontPicker(QWidget):
    """A path to a TrueType font (``x.ttc#1`` for another face); "" = the shipped font."""

    def __init__(self, shipped: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("留空 = 随附字体（{font}）").format(font=shipped))
        self.browse_button = QPushButton(_("选择…"), self)
        self.browse_button.clicked.connect(self.browse)
        self.shipped_button = QPushButton(_("用随附字体"), self)
        self.shipped_button.clicked.connect(self.edit.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse_button)
        layout.addWidget(self.shipped_button)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def browse(self) -> None:
        """Pick a .ttf/.ttc file; whether it can print is checked when settings are saved."""
        current = Path(self.text().partition("#")[0])
        folder = next((f for f in FONT_FOLDERS if Path(f).is_dir()), str(Path.home()))
        dialog = QFileDialog(
            self,
            _("选择 TrueType 字体"),
            str(current.parent) if current.name else folder,
            _("TrueType 字体 (*.ttf *.ttc)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selectedFiles():
            self.edit.setText(dialog.selectedFiles()[0])
