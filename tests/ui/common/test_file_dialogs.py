"""Save and open dialogs start in the user's documents folder, then where the user last was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from counter.intake.documents import labels_pdf
from tests.conftest import Counter
from tests.printing.pdftools import pdf_page_count
from tests.ui.common.test_pdf_preview import save_two_items
from tests.ui.conftest import make_ctx, show_active, wait_active, when_modal
from ui.certificates.import_dialog import CertificateImportDialog
from ui.common.file_dialogs import LAST_FOLDER_KEY
from ui.common.pdf_preview import PdfPreviewDialog


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user whose documents folder is ~/Documents, working in some other folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (tmp_path / "program").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path / "program")
    QSettings().remove(LAST_FOLDER_KEY)
    yield home
    QSettings().remove(LAST_FOLDER_KEY)


def answer_file_dialog(seen: list[Path], choose: Path | None = None) -> None:
    """Note where the next file dialog starts; choose `choose` in it, or cancel."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        seen.append(Path(dialog.directory().absolutePath()))
        if choose is None:
            dialog.reject()
        else:
            dialog.selectFile(str(choose))
            dialog.accept()

    when_modal(answer)


def button(parent: QWidget, text: str) -> QPushButton:
    (found,) = [b for b in parent.findChildren(QPushButton) if b.text() == text]
    return found


def test_save_starts_in_documents_then_in_the_folder_last_saved_to(
    qtbot: QtBot, sqlite_counter: Counter, home: Path, tmp_path: Path
) -> None:
    saved = save_two_items(sqlite_counter)
    with sqlite_counter.db.session() as s:
        pdf = labels_pdf(s, saved.order_id)
    preview = PdfPreviewDialog(pdf, "labels", file_name="labels.pdf")
    qtbot.addWidget(preview)
    show_active(qtbot, preview)
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    seen: list[Path] = []

    answer_file_dialog(seen, choose=elsewhere / "labels.pdf")
    qtbot.mouseClick(button(preview, "保存为 PDF…"), Qt.MouseButton.LeftButton)
    assert seen == [home / "Documents"]  # not the program's working directory
    assert pdf_page_count((elsewhere / "labels.pdf").read_bytes()) == pdf_page_count(pdf)

    answer_file_dialog(seen)
    qtbot.mouseClick(button(preview, "保存为 PDF…"), Qt.MouseButton.LeftButton)
    assert seen[1] == elsewhere


def test_imports_open_in_the_last_folder_or_documents_when_it_is_gone(
    qtbot: QtBot, sqlite_counter: Counter, home: Path, tmp_path: Path
) -> None:
    dialog = CertificateImportDialog(make_ctx(sqlite_counter, sqlite_counter.admin))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    seen: list[Path] = []

    answer_file_dialog(seen)
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert seen == [home / "Documents"]
    wait_active(qtbot, dialog)

    last = tmp_path / "certificates"
    last.mkdir()
    QSettings().setValue(LAST_FOLDER_KEY, str(last))
    answer_file_dialog(seen)
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert seen[1] == last
    wait_active(qtbot, dialog)

    last.rmdir()
    answer_file_dialog(seen)
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert seen[2] == home / "Documents"
