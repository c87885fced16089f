"""The customer archive: find while typing, create and edit with validation."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.customers.rules.credit_code import validate_customer_code
from counter.customers.rules.search_keys import name_keys, normalize_query
from counter.customers.search_sql import search_rows
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer

KINDS = ("enterprise", "institution", "individual")
SIZES = ("", "large", "medium", "small", "micro")
# sectors used to plan appointments (DOMAIN: 12 everyday sectors)
SECTORS = (
    "",
    "医疗机构",
    "眼镜店",
    "加油站",
    "粮食收购",
    "集贸市场",
    "商场超市",
    "出租汽车",
    "燃气供应",
    "供水",
    "工业企业",
    "检测机构",
    "其他",
)


def kind_label(kind: str) -> str:
    return {
        "enterprise": _("企业"),
        "institution": _("事业单位/机关"),
        "individual": _("个人/个体户"),
    }[kind]


def size_label(size: str) -> str:
    return {
        "": _("未填"),
        "large": _("大型"),
        "medium": _("中型"),
        "small": _("小型"),
        "micro": _("微型"),
    }[size]


@dataclass(frozen=True)
class CustomerForm:
    name: str
    short_name: str = ""
    credit_code: str = ""
    kind: str = "enterprise"
    size: str = ""
    newly_opened: bool = False
    sector: str = ""
    contact_name: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""
    account_customer: bool = False
    note: str = ""


@dataclass(frozen=True)
class CustomerHit:
    id: int
    name: str
    short_name: str
    credit_code: str
    contact_name: str
    phone: str
    address: str
    account_customer: bool


_LIMITS = {
    "name": 128,
    "short_name": 32,
    "contact_name": 64,
    "phone": 32,
    "address": 256,
    "email": 128,
}


def validate_customer(form: CustomerForm) -> tuple[list[str], str, str]:
    """Return (problems, normalised code, code kind)."""
    problems: list[str] = []
    if not form.name.strip():
        problems.append(_("客户名称不能为空"))
    for fname, limit in _LIMITS.items():
        if len(getattr(form, fname).strip()) > limit:
            problems.append(
                _("“{field}”过长（最多 {n} 个字符）").format(field=field_label(fname), n=limit)
            )
    check = validate_customer_code(form.credit_code)
    if not check.ok:
        problems.append(check.message)
    if form.kind not in KINDS:
        problems.append(_("客户类型无效"))
    if form.size not in SIZES:
        problems.append(_("企业规模无效"))
    phone = form.phone.strip()
    if phone and not all(c.isdigit() or c in "-+ ()转" for c in phone):
        problems.append(_("电话号码只能包含数字和 - + ( ) 空格"))
    if form.kind == "enterprise" and check.kind == "none" and not form.credit_code.strip():
        pass  # small shops may have no code; allowed
    return problems, check.normalized, check.kind


def field_label(name: str) -> str:
    return {
        "name": _("客户名称"),
        "short_name": _("简称"),
        "contact_name": _("联系人"),
        "phone": _("电话"),
        "address": _("地址"),
        "email": _("电子邮箱"),
    }.get(name, name)


def _search_text(c: Customer) -> str:
    parts = [
        c.name,
        c.short_name,
        c.pinyin_initials,
        c.pinyin_full,
        c.phone,
        c.credit_code,
        c.contact_name,
    ]
    return "|".join(normalize_query(p) for p in parts if p)


def _apply(c: Customer, form: CustomerForm, code: str, code_kind: str) -> None:
    c.name = form.name.strip()
    c.short_name = form.short_name.strip() or c.name[:8]
    c.credit_code = code
    c.code_kind = code_kind
    c.kind = form.kind
    c.size = form.size
    c.newly_opened = form.newly_opened
    c.sector = form.sector
    c.contact_name = form.contact_name.strip()
    c.phone = form.phone.strip()
    c.address = form.address.strip()
    c.email = form.email.strip()
    c.account_customer = form.account_customer
    c.note = form.note.strip()
    c.pinyin_initials, c.pinyin_full = name_keys(c.name)
    c.search_text = _search_text(c)


def _check_duplicate_code(session: Session, code: str, own_id: int | None) -> list[str]:
    if not code:
        return []
    other = session.scalar(select(Customer).where(Customer.credit_code == code, Customer.active))
    if other is not None and other.id != own_id:
        return [_("统一社会信用代码 {code} 已属于客户“{name}”").format(code=code, name=other.name)]
    return []


def create_customer(session: Session, actor: Actor, clock: Clock, form: CustomerForm) -> Customer:
    require(session, actor, Perm.EDIT_CUSTOMER)
    problems, code, code_kind = validate_customer(form)
    problems += _check_duplicate_code(session, code, None)
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    customer = Customer(active=True, created_at=now, updated_at=now)
    _apply(customer, form, code, code_kind)
    session.add(customer)
    session.flush()
    record(
        session,
        actor,
        clock,
        "customer.create",
        "customer",
        str(customer.id),
        after=_form_of(customer).__dict__,
    )
    return customer


def _form_of(c: Customer) -> CustomerForm:
    return CustomerForm(**{f.name: getattr(c, f.name) for f in dataclasses.fields(CustomerForm)})


def form_of(session: Session, customer_id: int) -> CustomerForm:
    return _form_of(get_customer(session, customer_id))


def get_customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("客户不存在"))
    return customer


def update_customer(
    session: Session, actor: Actor, clock: Clock, customer_id: int, form: CustomerForm
) -> Customer:
    require(session, actor, Perm.EDIT_CUSTOMER)
    customer = get_customer(session, customer_id)
    problems, code, code_kind = validate_customer(form)
    problems += _check_duplicate_code(session, code, customer.id)
    if problems:
        raise ValidationError(problems)
    old = dataclasses.asdict(_form_of(customer))
    _apply(customer, form, code, code_kind)
    customer.updated_at = clock.now()
    before, after = changes(old, dataclasses.asdict(_form_of(customer)))
    if after:
        record(
            session,
            actor,
            clock,
            "customer.update",
            "customer",
            str(customer.id),
            before=before,
            after=after,
        )
    session.flush()
    return customer


def search_customers(session: Session, query: str, limit: int = 20) -> list[CustomerHit]:
    """Part of the name, pinyin initials, phone or credit code; best matches first.

    Prefix matches (initials, name, phone) rank first (and when they fill the list,
    nothing else is looked for), then substring matches by name, then initials typed as
    a subsequence ("lcjl" for 聊城市计量测试所, whose initials are lcsjlcss).  Substrings are
    found through the search indexes: two characters from the bigram table (migration
    0015), more from FTS5 trigrams or pg_trgm (migration 0005).  The statements are in
    `counter.customers.search_sql`.
    """
    return [CustomerHit(*row) for row in search_rows(session, query, limit)]


def customer_hit(session: Session, customer_id: int) -> CustomerHit:
    """One customer as the search shows it (after creating or editing one)."""
    c = get_customer(session, customer_id)
    return CustomerHit(
        c.id, c.name, c.short_name, c.credit_code, c.contact_name, c.phone, c.address,
        c.account_customer,
    )  # fmt: skip
