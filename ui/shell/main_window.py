"""The main window: screens as tabs, a scan/lookup field, scans from anywhere.

The window talks to its tabs only through the `Screen` protocol
(`ui.common.screen`): focus, scans.  Screens hear committed changes themselves
(`ctx.signals.changed`); the window listens only for what its title shows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.admin.rules.roles import Perm, role_label
from counter.admin.settings import load_settings
from counter.changes import Change
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.lookups import order_of_item
from counter.intake.scan import ScanHit, find, unknown_code_message
from ui.admin.backup_actions import BackupActions
from ui.archive.customer_file_windows import CustomerFiles
from ui.common import op
from ui.common.context import AppContext
from ui.common.lazy_screen import LazyScreen
from ui.common.messages import NoticeBar, confirm
from ui.common.scanner import MAX_GAP_SECONDS, MIN_LENGTH, ScanDetector, cell_editor
from ui.common.screen import Screen
from ui.intake.screen import IntakeScreen
from ui.shell.screens import home_key, offered
from ui.shell.shortcuts_dialog import ShortcutsDialog

if TYPE_CHECKING:  # the dialogs' modules load when first opened, not at start
    from ui.certificates.verify_dialog import CertificateVerifyDialog
    from ui.orders.order_dialog import OrderDialog

STATUS_MS = 10000


def _scanner_from_settings(parent: QWidget) -> ScanDetector:
    """Scanner timing is UI-only state: QSettings "scanner/max_gap_ms" and "scanner/min_length"."""
    settings = QSettings()
    try:
        gap_ms = int(str(settings.value("scanner/max_gap_ms", round(MAX_GAP_SECONDS * 1000))))
        min_length = int(str(settings.value("scanner/min_length", MIN_LENGTH)))
    except ValueError:
        gap_ms, min_length = round(MAX_GAP_SECONDS * 1000), MIN_LENGTH
    return ScanDetector(parent, min_length=min_length, max_gap=gap_ms / 1000)


class MainWindow(QMainWindow):
    #: the user asked to switch user and the window has closed
    user_switch_requested = Signal()
    #: the window closed (after asking about unsaved work)
    closed = Signal()

    def __init__(self, ctx: AppContext, *, mount_other_screens: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.switching_user = False
        self.open_dialogs: dict[int, OrderDialog] = {}
        self.notice = NoticeBar()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.customer_files = CustomerFiles(ctx, self)  # ctx.signals.customer_opened
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.screens: dict[str, QWidget] = {}
        self.intake: IntakeScreen | None = None
        self._mount_screens(mount_other_screens)
        if mount_other_screens:  # orders open in their own windows
            ctx.signals.order_opened.connect(self.open_order)
            ctx.signals.item_opened.connect(self.open_item)
        self._scanned_while_editing: QWidget | None = None
        self.scanner = _scanner_from_settings(self)
        self.scanner.code_scanned.connect(self.look_up_code)
        self.scanner.install()
        ctx.signals.status_message.connect(self.show_status)
        ctx.signals.changed.connect(self._changed)
        self._update_title()
        self._restore_geometry()

    # -- the screens, by what the user may do ---------------------------------------------
    def _mount_screens(self, mount_other_screens: bool) -> None:
        """The screens of `ui.shell.screens.SCREENS` this user may use; the intake form is built at
        once (it is where typing starts), the others when first opened."""
        for spec in offered(self.ctx.actor):
            if spec.key != "intake" and not mount_other_screens:
                continue
            shortcut = f"Ctrl+{self.tabs.count() + 1}" if self.tabs.count() < 9 else None
            if spec.key == "intake":
                self.intake = IntakeScreen(self.ctx, self)
                screen: QWidget = self.intake
            else:
                screen = LazyScreen(self._builder(spec.module, spec.factory))
            self.screens[spec.key] = screen
            self.add_screen(screen, spec.title(), shortcut)

    def home_screen(self) -> QWidget | None:
        """The screen this user's role lands on."""
        return self.screens.get(home_key(self.ctx.actor))

    def show_home(self) -> None:
        home = self.home_screen()
        if home is not None:
            self.show_screen(home)

    def _builder(self, module: str, name: str) -> Callable[[QWidget], QWidget]:
        """Import `module` when the tab is first shown and build its screen (`LazyScreen`
        checks that it is a `Screen`)."""

        def build(parent: QWidget) -> QWidget:
            factory: Callable[[AppContext, QWidget], QWidget] = vars(
                importlib.import_module(module)
            )[name]
            return factory(self.ctx, parent)

        return build

    @property
    def message(self) -> NoticeBar:
        """Refusals of the window's own look-ups show in the notice line."""
        return self.notice

    def _changed(self, changes: Change) -> None:
        if changes & Change.SETTINGS:
            self._update_title()

    def import_certificates(self) -> None:
        from ui.certificates.import_dialog import CertificateImportDialog

        dialog = CertificateImportDialog(self.ctx, self)
        dialog.exec()

    def verify_certificate(self) -> CertificateVerifyDialog:
        """Open 验证证书 (modal, not blocking: the clerk may scan one certificate after another)."""
        from ui.certificates.verify_dialog import CertificateVerifyDialog

        dialog = CertificateVerifyDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()
        dialog.field.setFocus()
        return dialog

    def open_order(self, order_id: int, focus_item_id: int | None = None) -> None:
        """Show an order in its own window, next to whatever is being typed."""
        from ui.orders.order_dialog import OrderDialog

        dialog_class = OrderDialog
        existing = self.open_dialogs.get(order_id)
        typing_in = self._scanned_while_editing  # a cell editor keeps the keyboard
        if existing is not None:  # already open: bring it forward, keep what is typed there
            if focus_item_id is not None:
                existing.focus_item(focus_item_id)
            existing.raise_()
            if typing_in is None:
                existing.activateWindow()
            return
        if focus_item_id is None:
            dialog = dialog_class(self.ctx, order_id, self)
        else:
            dialog = dialog_class(self.ctx, order_id, self, focus_item_id=focus_item_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(False)
        dialog.destroyed.connect(lambda *_a: self.open_dialogs.pop(order_id, None))
        self.open_dialogs[order_id] = dialog
        if typing_in is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        dialog.show()
        dialog.raise_()
        if typing_in is not None:  # platforms that activate every new window anyway
            QTimer.singleShot(0, lambda: self._keep_typing(typing_in))

    def _keep_typing(self, editor: QWidget) -> None:
        if shiboken6.isValid(editor) and editor.isVisible():
            self.activateWindow()
            editor.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def open_item(self, item_id: int) -> None:
        order_id = op.read(self, lambda s: order_of_item(s, item_id))
        if order_id is not None:
            self.open_order(order_id, focus_item_id=item_id)

    # -- building -------------------------------------------------------------------------
    def add_screen(self, widget: QWidget, title: str, shortcut: str | None = None) -> int:
        """Mount a screen as a tab (with a View-menu entry and an optional shortcut)."""
        label = title.replace("&", "&&")  # a screen's name has no mnemonic: its "&" shows
        index = self.tabs.addTab(widget, label)
        action = QAction(label, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            self.tabs.setTabToolTip(index, shortcut)
        action.triggered.connect(lambda: self.show_screen(widget))
        self.view_menu.addAction(action)
        return index

    def show_screen(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)
        if isinstance(widget, Screen):
            widget.focus_first()
        else:  # a plain widget mounted with `add_screen`
            widget.setFocus()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("文件(&F)"))
        file_menu.addAction(self.customer_files.choose_action)
        switch = file_menu.addAction(_("切换用户(&U)…"))
        switch.setShortcut(QKeySequence("Ctrl+L"))
        switch.triggered.connect(self.switch_user)
        quit_action = file_menu.addAction(_("退出(&Q)"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.view_menu = self.menuBar().addMenu(_("视图(&V)"))
        cert_menu = self.menuBar().addMenu(_("证书(&C)"))
        if self.ctx.actor.can(Perm.LAB_WORK):
            imports = cert_menu.addAction(_("导入证书 JSON…"))
            imports.triggered.connect(self.import_certificates)
        verify = cert_menu.addAction(_("验证证书…"))
        verify.setShortcut(QKeySequence("Ctrl+Shift+V"))
        verify.triggered.connect(self.verify_certificate)
        if self.ctx.actor.can(Perm.ADMIN):
            self.backup = BackupActions(self.ctx, self, self.show_notice)
            self.menuBar().addMenu(_("备份(&G)")).addActions(list(self.backup.actions))
        help_menu = self.menuBar().addMenu(_("帮助(&H)"))
        keys = help_menu.addAction(_("快捷键(&K)"))
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_shortcuts)
        about = help_menu.addAction(_("关于(&A)"))
        about.triggered.connect(self._about)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(_("扫码"))
        toolbar.setObjectName("scan_toolbar")
        toolbar.setMovable(False)
        label = QLabel(_("扫码/查号(&L)："))
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(_("扫描或输入收件编号、委托单号，回车查找"))
        self.scan_field.setClearButtonEnabled(True)
        self.scan_field.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 22)
        self.scan_field.returnPressed.connect(self._scan_field_entered)
        label.setBuddy(self.scan_field)
        toolbar.addWidget(label)
        toolbar.addWidget(self.scan_field)
        focus = QAction(_("扫码/查号"), self)
        focus.setShortcut(QKeySequence("F6"))
        focus.triggered.connect(self.focus_scan_field)
        self.addAction(focus)

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        roles = _("、").join(role_label(r) for r in sorted(actor.roles))
        self.user_label = QLabel(_("{name}（{roles}）").format(name=actor.full_name, roles=roles))
        self.database_label = QLabel(_("数据库：{url}").format(url=self.ctx.database.url))
        self.database_label.setStyleSheet("color: palette(placeholder-text);")
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.database_label)

    def _update_title(self) -> None:
        settings = op.read(self, load_settings, on_failure=lambda _error: None)
        institute = settings.institute_name if settings is not None else ""
        parts = [_("计量收发台"), institute, self.ctx.actor.full_name]
        self.setWindowTitle(" — ".join(p for p in parts if p))

    def show_shortcuts(self) -> None:
        for index in range(self.tabs.count()):  # their keys are listed too
            page = self.tabs.widget(index)
            if isinstance(page, LazyScreen):
                page.ensure_built()
        ShortcutsDialog(self, self.tabs).exec()

    def switch_user(self) -> None:
        """Close this user's window (asking about unsaved intake work) and log in again."""
        self.switching_user = True
        if not self.close():
            self.switching_user = False
            return
        self.user_switch_requested.emit()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("关于计量收发台"),
            _("计量收发台：法定计量检定机构仪器收发室的收件、标签、回执与查询。"),
        )

    # -- scanning and looking up ------------------------------------------------------------
    def focus_scan_field(self) -> None:
        self.scan_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scan_field.selectAll()

    def _scan_field_entered(self) -> None:
        code = self.scan_field.text()
        self.scan_field.clear()
        self.look_up_code(code)

    def look_up_code(self, code: str) -> ScanHit | None:
        """Open what a scanned or typed code names; an unknown code changes nothing.

        The screen in front (billing, return) may take the scan for its own work.
        """
        current = self.tabs.currentWidget()
        if isinstance(current, Screen) and current.accept_scan(code):
            return None
        self._scanned_while_editing = cell_editor()
        try:
            return self._open_code(code)
        finally:
            self._scanned_while_editing = None

    def _open_code(self, code: str) -> ScanHit | None:
        try:
            hit = find(self.ctx.database, code)
        except CounterError as error:
            self.show_notice(str(error))
            return None
        if hit is None:
            message = unknown_code_message(code)
            self.show_status(message)
            self.show_notice(message)
            return None
        if hit.kind in ("item", "certificate") and hit.item_id is not None:
            self.show_status(
                _("器具 {number}：{name}，{customer}").format(
                    number=hit.item_number, name=hit.instrument_name, customer=hit.customer_name
                )
            )
            self.ctx.signals.item_opened.emit(hit.item_id)
        else:
            self.show_status(
                _("委托单 {number}：{customer}").format(
                    number=hit.order_number, customer=hit.customer_name
                )
            )
            self.ctx.signals.order_opened.emit(hit.order_id)
        return hit

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def show_notice(self, text: str) -> None:
        self.notice.show_notice(text)

    # -- window state -------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 860)
        state = settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.switching_user:
            question = _("收件登记中还有没有保存的器具。切换用户后这些内容会丢失，确定切换用户吗？")
            leave = _("切换用户")
        else:
            question = _("收件登记中还有没有保存的器具。退出后这些内容会丢失，确定退出吗？")
            leave = _("退出")
        if (
            self.intake is not None
            and self.intake.has_unsaved_work()
            and not confirm(
                self,
                question,
                yes=leave,
                no=_("返回继续录入"),
            )
        ):
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        self.scanner.uninstall()
        for dialog in list(self.open_dialogs.values()):
            dialog.close()
        self.customer_files.close_all()
        event.accept()
        self.closed.emit()
