"""The customer archive: find while typing, create and edit with validation."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Integer, and_, case, or_, select, text, union
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.customers.rules.credit_code import validate_customer_code
from counter.customers.rules.search_keys import name_keys, normalize_query
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer
from db.models_search import CustomerBigram

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


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# at most this many substring matches are ranked; a broader query shows the best
# of them and the clerk types more to narrow it down
CANDIDATES = 500
BIGRAM = 2
TRIGRAM = 3
_MAX_INITIALS = 10


def _prefix(column: Any, q: str, dialect: str) -> ColumnElement[bool]:
    if dialect == "sqlite":  # a range uses the index; SQLite's LIKE is case-folding and cannot
        return and_(column >= q, column < q + "\U0010ffff")
    return cast("ColumnElement[bool]", column.startswith(q, autoescape=True))


def _initials_pattern(q: str) -> str | None:
    """'lcjl' → 'l%c%j%l%': initials typed with some left out (聊城[市]计量 for 聊城市计量测试所).

    Only for a few ASCII letters, as clerks type initials; the first letter stays first.
    """
    if not (2 <= len(q) <= _MAX_INITIALS and q.isascii() and q.isalpha()):
        return None
    return "%".join(q) + "%"


def _subsequence(q: str, dialect: str) -> ColumnElement[bool] | None:
    pattern = _initials_pattern(q)
    if pattern is None:
        return None
    # the first letter's range comes from the initials index; LIKE checks the rest
    return and_(_prefix(Customer.pinyin_initials, q[0], dialect),
                Customer.pinyin_initials.like(pattern))  # fmt: skip


def _prefix_parts(q: str, dialect: str) -> list[Any]:
    return [
        select(Customer.id).where(_prefix(column, q, dialect)).limit(CANDIDATES)
        for column in (Customer.pinyin_initials, Customer.name, Customer.phone)
    ]


def _candidates(q: str, dialect: str) -> Any:
    """Ids worth ranking: prefix matches from indexes, plus a bounded set of substring matches
    (and of initials typed as a subsequence)."""
    pattern = f"%{like_escape(q)}%"
    if len(q) == BIGRAM:  # the bigram index (migration 0015): trigrams cannot answer two
        contains: Any = (
            select(CustomerBigram.customer_id.label("id"))
            .where(CustomerBigram.bigram == q)
            .limit(CANDIDATES)
        )
    elif dialect == "sqlite" and len(q) >= TRIGRAM:
        phrase = '"' + q.replace('"', '""') + '"'
        contains = text(
            "SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH :phrase LIMIT :cap"
        ).bindparams(phrase=phrase, cap=CANDIDATES)
        contains = select(contains.columns(id=Integer).subquery().c.id)
    else:  # PostgreSQL's trigram index serves this LIKE; one character scans until enough
        contains = (
            select(Customer.id)
            .where(Customer.search_text.like(pattern, escape="\\"))
            .limit(CANDIDATES)
        )
    parts = _prefix_parts(q, dialect)
    subsequence = _subsequence(q, dialect)
    if subsequence is not None:
        parts.append(select(Customer.id).where(subsequence).limit(CANDIDATES))
    return union(*(p.subquery().select() for p in parts), contains.subquery().select())


def _prefixes_decide(q: str) -> bool:
    """Whether the prefix indexes find every prefix match LIKE would: always, but for text
    mixing Latin letters with other characters (SQLite's LIKE ignores the letters' case; an
    all-letters-and-digits text finds such names by their initials instead)."""
    return (q.isascii() and q.isalnum()) or not any(c.isascii() and c.isalpha() for c in q)


def search_customers(session: Session, query: str, limit: int = 20) -> list[CustomerHit]:
    """Part of the name, pinyin initials, phone or credit code; best matches first.

    Prefix matches (initials, name, phone) rank first (and when they fill the list,
    nothing else is looked for), then substring matches
    by name, then initials typed as a subsequence ("lcjl" for 聊城市计量测试所,
    whose initials are lcsjlcss).  Substrings are found through the search indexes:
    two characters from the bigram table (migration 0015), more from FTS5 trigrams or
    pg_trgm (migration 0005).
    """
    q = normalize_query(query)
    if not q:
        return []
    dialect = session.get_bind().dialect.name
    starts = f"{like_escape(q)}%"
    contains = Customer.search_text.like(f"%{like_escape(q)}%", escape="\\")
    subsequence = _subsequence(q, dialect)
    rank = case(
        (Customer.pinyin_initials.like(starts, escape="\\"), 0),
        (Customer.name.like(starts, escape="\\"), 0),
        (Customer.phone.like(starts, escape="\\"), 1),
        (contains, 2),
        else_=3,  # initials as a subsequence
    )
    ranked = select(
        Customer.id,
        Customer.name,
        Customer.short_name,
        Customer.credit_code,
        Customer.contact_name,
        Customer.phone,
        Customer.address,
        Customer.account_customer,
        rank,
    ).where(Customer.active, contains if subsequence is None else or_(contains, subsequence))
    if _prefixes_decide(q):
        # enough prefix matches (rank 0 and 1) fill the list before any substring would
        prefixes = union(*(p.subquery().select() for p in _prefix_parts(q, dialect))).subquery()
        rows = session.execute(
            ranked.where(Customer.id.in_(select(prefixes.c.id)))
            .order_by(rank, Customer.name)
            .limit(limit)
        ).all()
        if len(rows) == limit and rows[-1][-1] <= 1:
            return [CustomerHit(*row[:-1]) for row in rows]
    candidates = _candidates(q, dialect).subquery()
    rows = session.execute(
        ranked.where(Customer.id.in_(select(candidates.c.id)))
        .order_by(rank, Customer.name)
        .limit(limit)
    ).all()
    return [CustomerHit(*row[:-1]) for row in rows]


def customer_hit(session: Session, customer_id: int) -> CustomerHit:
    """One customer as the search shows it (after creating or editing one)."""
    c = get_customer(session, customer_id)
    return CustomerHit(
        c.id, c.name, c.short_name, c.credit_code, c.contact_name, c.phone, c.address,
        c.account_customer,
    )  # fmt: skip
