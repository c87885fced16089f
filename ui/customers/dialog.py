"""Create or edit a customer; the credit code is checked while it is typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.changes import Change
from counter.customers.records import (
    KINDS,
    SECTORS,
    SIZES,
    CustomerForm,
    create_customer,
    form_of,
    kind_label,
    size_label,
    update_customer,
)
from counter.customers.rules.credit_code import KIND_LEGACY, validate_customer_code
from counter.errors import CounterError
from counter.i18n import _
from counter.limits import text_limit
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_cancel_buttons
from ui.common.messages import error_text

_ERROR_STYLE = "QLabel { color: #b00020; }"
_OK_STYLE = "QLabel { color: #26703a; }"


def sector_label(sector: str) -> str:
    return {
        "": _("未填"),
        "医疗机构": _("医疗机构"),
        "眼镜店": _("眼镜店"),
        "加油站": _("加油站"),
        "粮食收购": _("粮食收购"),
        "集贸市场": _("集贸市场"),
        "商场超市": _("商场超市"),
        "出租汽车": _("出租汽车"),
        "燃气供应": _("燃气供应"),
        "供水": _("供水"),
        "工业企业": _("工业企业"),
        "检测机构": _("检测机构"),
        "其他": _("其他"),
    }.get(sector, sector)


class CustomerDialog(QDialog):
    """`customer_id` is set after a successful save."""

    def __init__(
        self,
        ctx: AppContext,
        customer_id: int | None,
        parent: QWidget | None = None,
        *,
        initial_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.setWindowTitle(_("编辑客户资料") if customer_id else _("新建客户"))
        self.name = QLineEdit(initial_name)
        self.short_name = QLineEdit()
        self.credit_code = QLineEdit()
        self.credit_code.setPlaceholderText(_("18 位统一社会信用代码；个人可不填"))
        self.code_message = QLabel()
        self.code_message.setWordWrap(True)
        self.kind_combo = self._combo([(k, kind_label(k)) for k in KINDS])
        self.size_combo = self._combo([(s, size_label(s)) for s in SIZES])
        self.newly_opened = QCheckBox(_("新开办企业"))
        self.sector_combo = self._combo([(s, sector_label(s)) for s in SECTORS])
        self.contact_name = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.email = QLineEdit()
        self.account_customer = QCheckBox(_("记账客户（月结）"))
        for edit, column in (
            (self.name, "name"),
            (self.short_name, "short_name"),
            (self.contact_name, "contact_name"),
            (self.phone, "phone"),
            (self.address, "address"),
            (self.email, "email"),
        ):
            edit.setMaxLength(text_limit("customers", column))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(_ERROR_STYLE)
        self.problems.hide()

        form = QFormLayout()
        form.addRow(_("客户名称(&N)"), self.name)
        form.addRow(_("简称"), self.short_name)
        form.addRow(_("统一社会信用代码(&C)"), self.credit_code)
        form.addRow("", self.code_message)
        form.addRow(_("客户类型"), self.kind_combo)
        form.addRow(_("企业规模"), self.size_combo)
        form.addRow("", self.newly_opened)
        form.addRow(_("行业"), self.sector_combo)
        form.addRow(_("联系人"), self.contact_name)
        form.addRow(_("电话(&P)"), self.phone)
        form.addRow(_("地址"), self.address)
        form.addRow(_("电子邮箱"), self.email)
        form.addRow("", self.account_customer)
        form.addRow(_("备注"), self.note)
        buttons = ok_cancel_buttons(self, save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.credit_code.textChanged.connect(self._check_code)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 32)
        if customer_id is not None:
            self._load(customer_id)
        self._check_code(self.credit_code.text())

    @staticmethod
    def _combo(items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for code, label in items:
            combo.addItem(label, code)
        return combo

    @property
    def message(self) -> CustomerDialog:
        """Refusals show in the dialog's problems line (`show_error`)."""
        return self

    def show_error(self, text: str) -> None:
        self._show_problems(text)

    def _load(self, customer_id: int) -> None:
        current = op.read(self, lambda s: form_of(s, customer_id), on_failure=self._show_problems)
        if current is None:
            return
        for field in (
            "name",
            "short_name",
            "credit_code",
            "contact_name",
            "phone",
            "address",
            "email",
        ):
            getattr(self, field).setText(getattr(current, field))
        for field in ("kind", "size", "sector"):
            combo: QComboBox = getattr(self, f"{field}_combo")
            combo.setCurrentIndex(max(0, combo.findData(getattr(current, field))))
        self.newly_opened.setChecked(current.newly_opened)
        self.account_customer.setChecked(current.account_customer)
        self.note.setPlainText(current.note)

    def _check_code(self, text: str) -> None:
        check = validate_customer_code(text)
        if not check.ok:
            self.code_message.setText(check.message)
            self.code_message.setStyleSheet(_ERROR_STYLE)
        elif check.kind == KIND_LEGACY:
            self.code_message.setText(_("15 位旧工商注册号"))
            self.code_message.setStyleSheet(_OK_STYLE)
        elif check.normalized:
            self.code_message.setText(_("✓ 校验位正确"))
            self.code_message.setStyleSheet(_OK_STYLE)
        else:
            self.code_message.clear()

    def form(self) -> CustomerForm:
        return CustomerForm(
            name=self.name.text(),
            short_name=self.short_name.text(),
            credit_code=self.credit_code.text(),
            kind=self.kind_combo.currentData(),
            size=self.size_combo.currentData(),
            newly_opened=self.newly_opened.isChecked(),
            sector=self.sector_combo.currentData(),
            contact_name=self.contact_name.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            email=self.email.text(),
            account_customer=self.account_customer.isChecked(),
            note=self.note.toPlainText(),
        )

    def _show_problems(self, error: CounterError | str) -> None:
        self.problems.setText(error_text(error))
        self.problems.show()

    def accept(self) -> None:
        form = self.form()
        actor, clock, customer_id = self.ctx.actor, self.ctx.clock, self.customer_id

        def store(session: Session) -> int:
            if customer_id is None:
                return create_customer(session, actor, clock, form).id
            return update_customer(session, actor, clock, customer_id, form).id

        saved_id = op.write(self, store, Change.CUSTOMERS, on_failure=self._show_problems)
        if saved_id is None:
            return
        self.customer_id = saved_id
        super().accept()
