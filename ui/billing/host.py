"""What the billing screen's actions and conversations need of the screen they act on.

`ui.billing.screen.BillingScreen` is the one host and the one set of commands;
`actions` and `flows` name these instead of the screen, so the screen imports them
and never the reverse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QWidget

from counter.billing import BillingDraft, DraftLine, StatementView
from counter.billing.rules.pricing import ExtraCharge
from ui.billing.fee_lines_model import FeeLineRow
from ui.billing.texts import Reissue
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


class BillingHost(QWidget):
    """The screen's widget and the state its actions are enabled by."""

    ctx: AppContext
    message: MessageLine
    pending: QDialog | None  # the dialog last opened (tests answer it)
    draft: BillingDraft | None  # the items being billed, before a statement is issued
    lines: list[DraftLine]
    extras: list[ExtraCharge]
    statement: StatementView | None  # the statement on screen, once issued
    reissue_of: Reissue | None  # the statement a draft will replace


class BillingCommands(Protocol):
    """What the screen's keys and buttons do."""

    def current_row(self) -> FeeLineRow | None: ...
    def edit_line(self) -> None: ...
    def add_extra(self) -> None: ...
    def remove_extra(self) -> None: ...
    def issue(self) -> None: ...
    def monthly(self) -> None: ...
    def import_schedule(self) -> None: ...
    def preview(self) -> None: ...
    def export_xlsx(self, path: Path | None = None) -> None: ...
    def record_payment(self, refund: bool = False) -> None: ...
    def record_refund(self) -> None: ...
    def void(self) -> None: ...
    def reissue(self) -> None: ...
