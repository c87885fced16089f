"""Editing the ledger from the customer's file: add, edit, status with a reason, import
(all or nothing, every row error listed), export; a billing clerk may only look."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.changes import Change
from db.models import Instrument
from tests.conftest import Counter
from tests.ui.archive.file_helpers import (
    button_for,
    click,
    ledger_serials,
    open_file,
    receive_scale,
)
from tests.ui.common.test_file_dialogs import answer_file_dialog
from tests.ui.orders_helpers import announces, type_text
from ui.archive.customer_file import CustomerFileWindow
from ui.archive.customer_file_ledger import ImportErrorsDialog, StatusDialog
from ui.archive.entry_dialog import EntryDialog

HEADINGS = ["器具名称", "项别", "种别", "型号规格", "出厂编号", "行政区划", "数量", "用途"]


def _select(qtbot: QtBot, file: CustomerFileWindow, serial: str) -> None:
    row = next(n for n, r in enumerate(file.ledger_model.rows()) if r.serial == serial)
    rect = file.ledger_table.visualRect(file.ledger_model.index(row, 0))
    qtbot.mouseClick(file.ledger_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert file.current_entry() is not None and file.current_entry().serial == serial  # type: ignore[union-attr]


def _entry(counter: Counter, serial: str) -> Instrument:
    with counter.db.session() as s:
        found = s.scalars(select(Instrument).where(Instrument.serial == serial)).one()
        s.expunge(found)
        return found


def test_a_clerk_adds_an_entry_and_sees_the_form_problems_first(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    file = open_file(qtbot, c)
    click(qtbot, button_for(file, file.ledger.add))
    dialog = file.ledger.pending
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    line = dialog.type_box.lineEdit()
    assert isinstance(line, QLineEdit)
    type_text(line, "一般压力表")
    type_text(dialog.fields["serial"], "P-9")
    type_text(dialog.fields["model"], "Y-100")
    type_text(dialog.fields["location"], "一号锅炉房")
    type_text(dialog.fields["division_code"], "12345")
    dialog.use.setCurrentIndex(dialog.use.findData("safety"))
    click(qtbot, dialog.ok_button())
    assert dialog.isVisible() and dialog.message.is_error
    assert "行政区划" in dialog.message.text() and "GB/T 2260" in dialog.message.text()
    assert ledger_serials(c) == []  # nothing saved
    dialog.fields["division_code"].clear()
    type_text(dialog.fields["division_code"], "371502")
    with announces(qtbot, file.ctx, Change.LEDGER):
        click(qtbot, dialog.ok_button())
    entry = _entry(c, "P-9")
    assert (entry.model, entry.location, entry.division_code) == ("Y-100", "一号锅炉房", "371502")
    assert (entry.use, entry.source) == ("safety", "manual")
    assert [r.serial for r in file.ledger_model.rows()] == ["P-9"]
    assert file.message.text() == "已新增台账器具 一般压力表（P-9）"


def test_an_entry_is_edited_from_a_double_click(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    receive_scale(c)
    file = open_file(qtbot, c)
    _select(qtbot, file, "A001")
    rect = file.ledger_table.visualRect(file.ledger_model.index(0, 0))
    qtbot.mouseDClick(file.ledger_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = file.ledger.pending
    assert isinstance(dialog, EntryDialog)
    assert dialog.type_box.currentText() == "电子计价秤"
    assert dialog.fields["model"].text() == "ACS-15"
    type_text(dialog.fields["manufacturer"], "上海大华")
    with announces(qtbot, file.ctx, Change.LEDGER):
        click(qtbot, dialog.ok_button())
    assert _entry(c, "A001").manufacturer == "上海大华"


def test_a_status_change_needs_a_reason_and_the_filter_hides_it(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    receive_scale(c)
    receive_scale(c, "A002")
    file = open_file(qtbot, c)
    _select(qtbot, file, "A001")
    assert file.ledger.out_of_use.isEnabled() and not file.ledger.back_in_use.isEnabled()
    click(qtbot, button_for(file, file.ledger.out_of_use))
    dialog = file.ledger.pending
    assert isinstance(dialog, StatusDialog)
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "请填写状态变更的原因" in dialog.message.text()
    assert _entry(c, "A001").status == "in_use"  # refused: nothing changed
    dialog.date.setDate(dialog.date.date().addDays(-3))
    type_text(dialog.reason, "秤盘损坏，停用待修")
    with announces(qtbot, file.ctx, Change.LEDGER):
        click(qtbot, dialog.ok_button)
    entry = _entry(c, "A001")
    assert (entry.status, entry.status_reason) == ("out_of_use", "秤盘损坏，停用待修")
    assert entry.status_date is not None and entry.status_date.isoformat() == "2026-11-20"
    assert [r.serial for r in file.ledger_model.rows()] == ["A002"]  # in use only
    file.filter.setCurrentIndex(1)
    assert sorted(r.serial for r in file.ledger_model.rows()) == ["A001", "A002"]
    _select(qtbot, file, "A001")
    assert file.ledger.back_in_use.isEnabled() and not file.ledger.out_of_use.isEnabled()


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_malformed_import_lists_every_row_error_and_saves_nothing(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    receive_scale(c)
    path = tmp_path / "台账.xlsx"
    path.write_bytes(
        _workbook(
            [
                ["电子计价秤", "衡器", "电子秤", "ACS-30", "N-1", "371502", 1, "贸易结算"],
                ["电子计价秤", "衡器", "电子秤", "ACS-30", "N-2", "12345", 1, "贸易结算"],
                ["电子计价秤", "衡器", "电子秤", "ACS-30", "N-3", "371502", 0, "买卖"],
            ]
        )
    )
    file = open_file(qtbot, c)
    answer_file_dialog([], choose=path)
    click(qtbot, button_for(file, file.ledger.import_file))
    qtbot.waitUntil(lambda: isinstance(file.ledger.pending, ImportErrorsDialog))
    dialog = file.ledger.pending
    assert isinstance(dialog, ImportErrorsDialog) and dialog.isVisible()
    errors = [dialog.errors.item(n).text() for n in range(dialog.errors.count())]
    assert any(e.startswith("第 3 行") and "12345" in e for e in errors), errors
    assert any(e.startswith("第 4 行") and "数量" in e for e in errors), errors
    assert any(e.startswith("第 4 行") and "买卖" in e for e in errors), errors
    assert "台账没有任何改动" in dialog.summary.text()
    assert ledger_serials(c) == ["A001"]  # nothing saved, not even the good row
    assert file.message.is_error
    dialog.close()

    good = tmp_path / "good.xlsx"
    good.write_bytes(
        _workbook([["电子计价秤", "衡器", "电子秤", "ACS-30", "N-1", "371502", 1, "贸易结算"]])
    )
    file.ledger.import_path(good)
    assert ledger_serials(c) == ["A001", "N-1"]
    assert file.message.text() == "台账已导入：新增 1 条，更新 0 条，无变化 0 条"
    assert sorted(r.serial for r in file.ledger_model.rows()) == ["A001", "N-1"]


def test_the_ledger_and_the_plan_are_saved_as_xlsx(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    receive_scale(c)
    file = open_file(qtbot, c)
    target = tmp_path / "ledger.xlsx"
    answer_file_dialog([], choose=target)
    click(qtbot, button_for(file, file.ledger.export_file))
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "器具名称" in cells and "A001" in cells
    plan = tmp_path / "plan.xlsx"
    answer_file_dialog([], choose=plan)
    file.printing.plan_xlsx.trigger()
    sheet = openpyxl.load_workbook(plan).active
    assert sheet is not None
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "电子计价秤" in cells and "A001" in cells
    assert file.message.text() == f"已保存到 {plan}"


def test_a_billing_clerk_sees_the_ledger_but_cannot_edit_it(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    receive_scale(c)
    file = open_file(qtbot, c, "billing")
    assert [r.serial for r in file.ledger_model.rows()] == ["A001"]
    for action in file.ledger.editing:
        assert not action.isVisible()
        assert not button_for(file, action).isVisible()
    assert button_for(file, file.ledger.export_file).isVisible()
    _select(qtbot, file, "A001")
    qtbot.keyClick(file, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(file.ledger_table, Qt.Key.Key_F2)
    file.ledger.add_entry()  # even when asked directly
    file.ledger.change_status(file.ledger_model.rows()[0].status)  # type: ignore[arg-type]
    assert file.ledger.pending is None
    assert file.note_button.isEnabled()  # billing may write notes (they edit customers)
