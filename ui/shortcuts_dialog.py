"""Help → keyboard shortcuts: everything the counter can do without a mouse."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from counter.i18n import _


def shortcuts() -> list[tuple[str, str]]:
    return [
        ("Ctrl+1 … Ctrl+4", _("切换到收件登记、委托单、补打、系统管理")),
        ("Ctrl+L", _("扫码/查号输入框（扫描枪在任何位置扫码都会直接打开器具或委托单）")),
        ("F3 / Ctrl+F", _("查找客户")),
        ("↓ ↑ / Enter", _("在客户搜索结果中选择 / 确认")),
        ("Ctrl+Shift+C", _("新建客户")),
        ("Ctrl+Shift+E", _("编辑所选客户")),
        ("Tab / Enter", _("下一个单元格；在最后一行的最后一格添加新行")),
        ("Shift+Tab", _("上一个单元格")),
        ("F2", _("编辑当前单元格")),
        ("Ctrl+N / Insert", _("添加器具")),
        ("Ctrl+D", _("复制本行（出厂编号留空）")),
        ("Ctrl+Shift+N", _("添加多件相同器具")),
        ("Ctrl+Delete", _("删除本行")),
        (_("空格"), _("在“强检”列：更改强检标志（需填写原因）")),
        ("Ctrl+S", _("保存委托单")),
        ("Ctrl+P", _("预览/打印回执")),
        ("Ctrl+Shift+P", _("预览/打印标签")),
        ("Ctrl+Shift+Delete", _("清空表单")),
        ("Ctrl+Shift+V", _("验证证书（扫描纸质证书的二维码）")),
        ("F1", _("快捷键")),
        ("Ctrl+Q", _("退出")),
    ]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("快捷键"))
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td>"
            f"<td>{html.escape(text)}</td></tr>"
            for keys, text in shortcuts()
        )
        label = QLabel(f"<table cellspacing='4'>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
