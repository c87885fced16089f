"""The administrator's regulations register: the shipped replacements, a new entry, an import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.conftest import Counter
from tests.ui.conftest import show_active
from tests.ui.orders_helpers import context, type_text
from ui.certificates import regulations_model as rm
from ui.certificates.registers_screen import RegistersScreen
from ui.certificates.regulations_tab import RegulationDialog


def _row_of(screen: RegistersScreen, code: str) -> int:
    model = screen.regulations.regulations
    return next(r for r in range(model.rowCount()) if model.index(r, rm.CODE).data() == code)


def test_the_administrator_keeps_and_imports_regulations(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_counter: Counter, tmp_path: Path
) -> None:
    screen = RegistersScreen(context(sqlite_counter, sqlite_counter.admin))
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    screen.setCurrentWidget(screen.regulations)
    tab, model = screen.regulations, screen.regulations.regulations
    qtmodeltester.check(model)
    old = _row_of(screen, "JJG 539-1997")  # shipped: the known replacement
    assert model.index(old, rm.WITHDRAWN).data() == "2017-05-30"
    assert model.index(old, rm.REPLACED_BY).data() == "JJG 539-2016"

    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.pending
    assert isinstance(dialog, RegulationDialog)
    type_text(dialog.code, "JJG 1-2020")
    type_text(dialog.withdrawn, "2020-02-30")
    dialog.submit()
    assert "不是日期" in dialog.message.text() and dialog.isVisible()
    dialog.withdrawn.clear()
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert model.index(_row_of(screen, "JJG 1-2020"), rm.CODE).data() == "JJG 1-2020"

    bad = tmp_path / "bad.csv"
    bad.write_text("规程编号,名称,实施日期\nJJG 2-2020,二,2020-1-1\n", "utf-8")
    tab.import_path(bad)
    assert "第 2 行 列 实施日期" in tab.message.text()
    good = tmp_path / "good.csv"
    good.write_text("规程编号,名称,实施日期\nJJG 2-2020,二,2020-01-01\n", "utf-8")
    tab.import_path(good)
    assert "1 条有变化" in tab.message.text()
    assert model.index(_row_of(screen, "JJG 2-2020"), rm.EFFECTIVE).data() == "2020-01-01"
