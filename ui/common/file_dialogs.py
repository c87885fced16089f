"""Every file and folder dialog of the program starts in a sensible place; a file is
written one way (`write_file`), saying why not when the disk refuses.

The first time: the user's documents folder (never the program's working
directory).  After that: the folder the user last saved to or opened from,
remembered in QSettings "file_dialogs/last_folder".  A remembered folder that
has since gone falls back to the documents folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from counter.i18n import _

LAST_FOLDER_KEY = "file_dialogs/last_folder"


def documents_folder() -> Path:
    """The user's documents folder, else the home folder when it does not exist."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder() -> Path:
    remembered = str(QSettings().value(LAST_FOLDER_KEY, "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_folder(folder: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(folder))


def save_file_name(parent: QWidget, title: str, file_name: str, filters: str) -> str:
    """Ask where to save `file_name`; "" when the user cancels."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(start_folder() / file_name), filters
    )
    if path:
        remember_folder(Path(path).parent)
    return path


def open_file_name(parent: QWidget, title: str, filters: str) -> str:
    """Ask for one file to open; "" when the user cancels."""
    path, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if path:
        remember_folder(Path(path).parent)
    return path


def open_file_names(parent: QWidget, title: str, filters: str) -> list[str]:
    """Ask for files to open; [] when the user cancels."""
    paths, _filter = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), filters)
    if paths:
        remember_folder(Path(paths[0]).parent)
    return list(paths)


def existing_folder(parent: QWidget, title: str) -> str:
    """Ask for a folder; "" when the user cancels."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder()))
    if folder:
        remember_folder(Path(folder))
    return folder


def write_file(path: Path | str, data: bytes) -> str:
    """Write `data` to `path`: "" when saved, else the clerk's message why not
    (no permission, disk full, a folder that has gone); nothing is raised."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        return _("无法保存到 {path}：{reason}").format(path=path, reason=error.strerror)
    return ""
