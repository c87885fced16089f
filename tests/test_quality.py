"""House rules as tests: lint, format, types, import contracts, migrations in step."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from db.engine import make_engine, sqlite_url
from db.migrate import alembic_config

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed in the project environment"
    return found


def _run(*args: str) -> None:
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint() -> None:
    _run(_tool("ruff"), "check", ".")


def test_ruff_format() -> None:
    _run(_tool("ruff"), "format", "--check", ".")


def test_mypy() -> None:
    _run(_tool("mypy"), "counter", "db", "printing", "ui", "main.py")


def test_import_contracts() -> None:
    _run(_tool("lint-imports"))


def test_models_and_migrations_agree(sqlite_template: Path, tmp_path: Path) -> None:
    """`alembic check`: the models have no change that lacks a migration."""
    path = tmp_path / "check.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(sqlite_url(path))
    config = alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.check(config)
    engine.dispose()


MAX_MODULE_LINES = 400
#: what the size rule covers: the program, not its tests or generated migrations
SIZED = ("counter", "ui", "printing", "db", "benchmarks", "tools")


def test_no_module_over_400_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): lines
        for folder in SIZED
        for path in (ROOT / folder).rglob("*.py")
        if "versions" not in path.parts
        and (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not too_long, f"split these modules (over {MAX_MODULE_LINES} lines): {too_long}"


def test_every_area_has_a_home_for_its_pure_rules() -> None:
    """Each business area is a package with its pure rules in `rules/` beside the database side."""
    areas = ("admin", "customers", "intake", "billing", "certificates", "release")
    areas += ("archive", "appointments", "onsite", "statistics", "feedback")
    missing = [a for a in areas if not (ROOT / "counter" / a / "rules" / "__init__.py").is_file()]
    assert not missing
