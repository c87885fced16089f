"""The institute settings form: saved settings are read back, bad ones refused with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from counter.admin.settings import load_settings
from counter.changes import Change
from printing.fonts import SANS_FONT_PATH
from tests.conftest import Counter
from tests.printing.fake_printer import FakePrinter, closed_port
from tests.printing.fontfakes import cjk_font_without_digits
from tests.ui.orders_helpers import announces, context, type_text
from ui.admin.screen import AdminScreen
from ui.admin.settings import SettingsTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _tab(qtbot: QtBot, counter: Counter, admin: bool = True) -> SettingsTab:
    tab = SettingsTab(context(counter, counter.admin if admin else counter.clerk))
    qtbot.addWidget(tab)
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    return tab


def test_saved_settings_are_read_back(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    assert tab.edits["institute_name"].text() == "示例市计量检定测试所"
    tab.edits["institute_name"].clear()
    type_text(tab.edits["institute_name"], "聊城市计量测试所")
    tab.edits["authorisation_no"].clear()
    type_text(tab.edits["authorisation_no"], "(鲁)法计(2021)01002号")
    tab.terms.setPlainText("1. 凭回执取件。\n2. 30 日内取回。")
    tab.label_width.setValue(50)
    tab.label_height.setValue(30)
    type_text(tab.printer, "192.168.1.50:9100")
    tab.receipt_page.setCurrentText("A4")
    tab.days[("calibration", "urgent")].setValue(3)
    with announces(qtbot, tab.ctx, Change.SETTINGS):
        qtbot.keyClick(tab.edits["phone"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.message.text() == "设置已保存" and not tab.message.is_error
    with c.db.session() as s:
        saved = load_settings(s)
    assert saved.institute_name == "聊城市计量测试所"
    assert saved.authorisation_no == "(鲁)法计(2021)01002号"
    assert saved.receipt_terms == "1. 凭回执取件。\n2. 30 日内取回。"
    assert (saved.label_width_mm, saved.label_height_mm) == (50, 30)
    assert saved.label_printer == "192.168.1.50:9100" and saved.receipt_page == "A4"
    assert saved.working_days("calibration", "urgent") == 3
    assert saved.working_days("verification", "normal") == 5


def test_invalid_label_size_is_refused_with_the_message(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    tab.label_width.setValue(10)
    tab.days[("repair", "normal")].setValue(90)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.is_error
    assert "标签宽度应在 20 到 150 毫米之间" in tab.message.text()
    assert "约定工作日数应在 0 到 60 之间" in tab.message.text()
    assert tab.label_width.value() == 10  # nothing typed is lost
    with c.db.session() as s:
        assert load_settings(s).label_width_mm == 60


def test_only_an_administrator_saves(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter, admin=False)
    tab.save()
    assert tab.message.text() == "王收发 没有“系统管理”权限"


def test_test_label_reaches_the_printer(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter)
    with FakePrinter("zpl") as printer:
        tab.printer.setText(f"127.0.0.1:{printer.port}")
        qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "打印机已确认收到测试标签" in tab.message.text())
        received = printer.wait()
    assert received.startswith(b"^XA") and b"^GFA" in received and received.endswith(b"~HS")
    tab.printer.setText(f"127.0.0.1:{closed_port()}")
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.message.is_error)
    assert "测试标签未确认" in tab.message.text() and "无响应" in tab.message.text()
    tab.printer.clear()
    tab.test_printer()
    assert tab.message.text() == "请先填写标签打印机地址"


def test_a_tspl_printer_is_chosen_and_answers_the_test_label(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    tab.protocol.setFocus()
    qtbot.keyClicks(tab.protocol, "TSPL")  # type-ahead in the combo box, as a clerk picks it
    assert tab.protocol.currentData() == "tspl"
    with FakePrinter("tspl", answers=[{"paper_out"}]) as printer:
        tab.printer.clear()
        type_text(tab.printer, f"127.0.0.1:{printer.port}")
        qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.message.is_error, timeout=10000)
        assert printer.wait().startswith(b"SIZE 60 mm,40 mm\r\n")
    assert "缺纸" in tab.message.text()
    with announces(qtbot, tab.ctx, Change.SETTINGS):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    with c.db.session() as s:
        saved = load_settings(s)
    assert (saved.label_printer_protocol, saved.label_printer_dpi) == ("tspl", 203)
    tab.protocol.setFocus()
    qtbot.keyClick(tab.protocol, Qt.Key.Key_End)  # the last kind: PDF through the system
    assert tab.protocol.currentData() == "pdf"
    assert not tab.printer.isEnabled() and not tab.test_button.isEnabled()


def test_a_printer_address_with_a_space_is_refused(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter)
    type_text(tab.printer, "printer 1:9100")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.is_error and "不能含空格或斜杠" in tab.message.text()
    assert tab.printer.text() == "printer 1:9100"  # nothing typed is lost


def test_admin_screen_has_its_tabs(qtbot: QtBot, sqlite_counter: Counter) -> None:
    screen = AdminScreen(context(sqlite_counter, sqlite_counter.admin))
    qtbot.addWidget(screen)
    titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert titles == [
        "机构设置",
        "收费政策",
        "用户",
        "工作日历",
        "周检提醒规则",
        "消息模板",
        "预约目录",
        "预约容量",
        "车辆",
        "操作日志",
    ]
    screen.tabs.setCurrentWidget(screen.audit_view)
    assert screen.audit_view.model.rowCount() >= 1  # the customer created by the fixture


def _answer_file_dialog(qtbot: QtBot, path: Path) -> None:
    """When the file dialog opens, pick ``path`` in it and press Enter."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_a_font_without_digits_is_refused_and_the_shipped_one_kept(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    droid = cjk_font_without_digits(tmp_path / "droid-like.ttf")
    tab = _tab(qtbot, sqlite_counter)
    assert tab.document_font.text() == ""  # the shipped font
    _answer_file_dialog(qtbot, droid)
    qtbot.mouseClick(tab.document_font.browse_button, Qt.MouseButton.LeftButton)
    assert tab.document_font.text() == str(droid)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.is_error
    assert "文书字体：字体 droid-like.ttf 缺少必需的字符：0 1 2 3" in tab.message.text()
    with sqlite_counter.db.session() as s:
        assert load_settings(s).document_font == ""
    qtbot.mouseClick(tab.document_font.shipped_button, Qt.MouseButton.LeftButton)
    tab.label_font.edit.setText(str(SANS_FONT_PATH))
    with announces(qtbot, tab.ctx, Change.SETTINGS):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    with sqlite_counter.db.session() as s:
        saved = load_settings(s)
    assert (saved.document_font, saved.label_font) == ("", str(SANS_FONT_PATH))
