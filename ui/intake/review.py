"""The live check under the items table: what stops saving, what to look at."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from counter.i18n import _


class ReviewPanel(QFrame):
    """Problems (red) block saving; warnings and the calendar notice (amber) do not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.refusal.hide()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal)
        layout.addWidget(self.text, 1)
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def show_refusal(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.show()

    def show_review(
        self, problems: list[str], warnings: list[str], notice: str, *, empty: bool = False
    ) -> None:
        self.problems, self.warnings = list(problems), list(warnings)
        self.refusal.hide()
        lines = [f"<span style='color:#b00020'>✗ {html.escape(p)}</span>" for p in problems]
        lines += [f"<span style='color:#8a5a00'>⚠ {html.escape(w)}</span>" for w in warnings]
        if notice:
            lines.append(f"<span style='color:#8a5a00'>ⓘ {html.escape(notice)}</span>")
        if not lines and empty:
            lines.append(html.escape(_("选择客户后逐件录入器具；按 F3 查找客户。")))
        elif not lines:
            lines.append(
                "<span style='color:#26703a'>{}</span>".format(
                    html.escape(_("可以保存：按 Ctrl+S 保存委托单"))
                )
            )
        self.text.setText("<br>".join(lines))

    def plain_text(self) -> str:
        """What the panel says, as text (for tests and screen readers)."""
        parts = [self.refusal.text()] if not self.refusal.isHidden() else []
        return "\n".join([*parts, self.text.text()])
