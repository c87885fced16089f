"""What starting the counter imports: the login dialog and the main window load no
printing, spreadsheet, planning, chart or PDF-viewing library (each loads when first used);
the login dialog shows before SQLAlchemy, the models and argon2 are loaded (the database
is opened behind it, on a thread), and the limits check still guards every flush."""

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


#: what the database's opening loads behind the login dialog
BEHIND_THE_DIALOG = ("sqlalchemy", "argon2", "alembic", "db.models", "db.engine", "counter.startup")


def test_the_login_dialog_loads_no_database_library() -> None:
    code = (
        "import sys\n"
        "import ui.shell.app\n"
        f"print(' '.join(m for m in {BEHIND_THE_DIALOG!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []


def test_the_limits_check_guards_flushes_when_the_orm_loads_after_the_domain() -> None:
    code = (
        "import counter.i18n, sys\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "from sqlalchemy import create_engine\n"
        "from sqlalchemy.orm import Session\n"
        "from counter.errors import ValidationError\n"
        "from db.models import Base, Department\n"
        "engine = create_engine('sqlite://')\n"
        "Base.metadata.create_all(engine, tables=[Department.__table__])\n"
        "with Session(engine) as s:\n"
        "    s.add(Department(code='x' * 500, name='n', name_en='n', sort=0))\n"
        "    try:\n"
        "        s.flush()\n"
        "    except ValidationError as e:\n"
        "        print('refused', e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("refused")
