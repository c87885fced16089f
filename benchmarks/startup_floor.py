"""The platform's own floor for `cold_start_s`: a bare PySide6 program that shows a dialog
with a line edit and reports once it is usable, the way the app's probe does.

Run by the cold-start case with the installed environment's Python, in the same run as
the app's starts, so that ``cold_start_vs_floor_ratio`` tells the app's own share of the
start apart from the machine's (Python, Qt's libraries, the window system, the load).

Prints ``FLOOR_DIALOG_USABLE <seconds since process start>`` and exits 0.
"""

import time

START = time.perf_counter()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout  # noqa: E402


def main() -> int:
    app = QApplication([])
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLineEdit())
    layout.addWidget(QLineEdit())

    def usable() -> None:
        print(f"FLOOR_DIALOG_USABLE {time.perf_counter() - START:.3f}", flush=True)
        dialog.reject()

    QTimer.singleShot(0, usable)
    dialog.exec()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
