"""What starting the counter imports: the login dialog and the main window load no
printing, spreadsheet, planning, chart or PDF-viewing library (each loads when first used)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HEAVY = (
    "ortools",
    "openpyxl",
    "reportlab",
    "PIL",
    "barcode",
    "segno",
    "cryptography",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
)


def loaded_after(*modules: str) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(' '.join(h for h in {HEAVY!r} if h in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


@pytest.mark.parametrize(
    "modules",
    [
        ("ui.shell.app",),  # up to the login dialog
        ("ui.shell.app", "ui.shell.user_session", "ui.admin.backup_actions"),  # the main window
    ],
    ids=["login", "main_window"],
)
def test_starting_loads_no_heavy_library(modules: tuple[str, ...]) -> None:
    assert loaded_after(*modules) == []
