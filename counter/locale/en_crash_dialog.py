"""English for ui/shell/crash_dialog.py (the dialog for an unexpected error)."""

from __future__ import annotations

EN: dict[str, str] = {}
EN.update(
    {
        "程序出错": "Unexpected error",
        "程序遇到了意外错误：{message}": "The program met an unexpected error: {message}",
        "已保存的数据不受影响。请把错误报告复制给管理员。": (
            "What was saved is not affected. Copy the error report for the administrator."
        ),
        "复制错误报告": "Copy error report",
    }
)
