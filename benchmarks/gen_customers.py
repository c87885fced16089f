"""Customers: Chinese company names, valid credit codes, phones, pinyin keys.

The names, codes and phones are drawn in the main process (fixed seed).  The
derived columns (short name, pinyin keys, search text, code kind) are computed
by the product's own `counter.customers.records._apply`, exactly as when a clerk saves
a customer; that costs ~0.3 ms a name (pypinyin), so big builds run it in
worker processes while the main process writes the orders.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from benchmarks import names
from counter.admin.audit.write import _dump
from counter.customers.records import CustomerForm, _apply, validate_customer
from counter.customers.rules.credit_code import ALPHABET, check_character
from db.models import Customer

# columns written by the build, in this order (id and timestamps are added by the loader)
DERIVED_COLUMNS = (
    "name",
    "short_name",
    "pinyin_initials",
    "pinyin_full",
    "search_text",
    "credit_code",
    "code_kind",
    "kind",
    "size",
    "newly_opened",
    "sector",
    "contact_name",
    "phone",
    "address",
    "email",
    "account_customer",
    "note",
)
COLUMNS: tuple[str, ...] = ("id", *DERIVED_COLUMNS, "active", "created_at", "updated_at")
COLUMNS += ("owner_department_id", "division_code")


def division_of(credit_code: str, code_kind: str) -> str:
    """The GB/T 2260 division a customer's code carries (positions 3–8 of a credit code)."""
    if code_kind == "credit_code":
        return credit_code[2:8]
    return credit_code[:6] if code_kind == "legacy_registration" else ""


@dataclass(frozen=True)
class CustomerPlan:
    forms: list[CustomerForm]
    created: list[dt.datetime]
    active: list[bool]
    weights: list[float]  # how often each customer comes to the counter


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p for p, _w in pairs], [w for _p, w in pairs])[0]


class _Drawer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places = names.PLACES
        self.place_weights = [p[3] for p in names.PLACES]
        self.industry_weights = [i[2] for i in names.INDUSTRIES]
        self.codes: set[str] = set()
        self.names: set[str] = set()

    def person(self) -> str:
        return self.rng.choice(names.SURNAMES) + self.rng.choice(names.GIVEN)

    def phone(self, area: str) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        return f"{area}-{rng.randrange(2, 9)}{rng.randrange(10**6, 10**7)}"

    def credit_code(self, prefix: str, division: str) -> str:
        while True:
            body = prefix + division + "".join(self.rng.choices(ALPHABET, k=9))
            code = body + check_character(body)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def form(self) -> CustomerForm:
        rng = self.rng
        place, division, area, _w = rng.choices(self.places, self.place_weights)[0]
        roll = rng.random()
        for attempt in range(100):
            short = ""
            if roll < 0.85:
                keyword = rng.choice(names.KEYWORDS)
                industry, sector, _iw = rng.choices(names.INDUSTRIES, self.industry_weights)[0]
                name = place + keyword + industry + _weighted(rng, names.SUFFIXES)
                kind, size = "enterprise", rng.choice(("small", "micro", "micro", "medium", ""))
                if rng.random() < 0.7:
                    short = keyword + industry[:2]
            elif roll < 0.89:
                what, sector = rng.choice(names.INSTITUTIONS)
                city = place if place.endswith(("市", "县")) else place + "市"
                name = city + what + ("" if rng.random() < 0.7 else rng.choice(("分院", "东院")))
                kind, size = "institution", ""
            else:
                trade, sector = rng.choice(names.TRADES)
                name = place + rng.choice(names.SURNAMES) + "记" + trade
                kind, size = "individual", ""
            if attempt > 10:
                name += rng.choice(("一分公司", "二分公司", "第一分店", "第二分店", "经营部"))
            if name not in self.names:
                break
        else:
            name += f"第{len(self.names)}经营部"
        self.names.add(name)
        code_roll = rng.random()
        code = ""
        if kind == "enterprise" and code_roll < 0.92:
            code = self.credit_code("91", division)
        elif kind == "enterprise" and code_roll < 0.96:
            code = division + f"{rng.randrange(10**9):09d}"  # legacy registration number
        elif kind == "institution" and code_roll < 0.95:
            code = self.credit_code("12", division)
        elif kind == "individual" and code_roll < 0.6:
            code = self.credit_code("92", division)
        road = rng.choice(names.ROADS)
        return CustomerForm(
            name=name,
            short_name=short,
            credit_code=code,
            kind=kind,
            size=size,
            newly_opened=rng.random() < 0.03,
            sector=sector,
            contact_name=self.person(),
            phone=self.phone(area),
            address=f"{place}{road}{rng.randrange(1, 400)}号",
            email=f"jl{rng.randrange(10**6)}@163.com" if rng.random() < 0.25 else "",
            account_customer=rng.random() < 0.05,
            note="",
        )


def plan_customers(rng: random.Random, count: int, end: dt.datetime) -> CustomerPlan:
    drawer = _Drawer(rng)
    forms = [drawer.form() for _ in range(count)]
    span = 5 * 365 * 86400
    created = [end - dt.timedelta(seconds=rng.randrange(span)) for _ in range(count)]
    active = [rng.random() >= 0.02 for _ in range(count)]
    # a few customers (gas stations, hospitals, the water company) come very often
    weights = [rng.paretovariate(1.3) for _ in range(count)]
    return CustomerPlan(forms, created, active, weights)


def derive(forms: Sequence[CustomerForm]) -> list[tuple[tuple[object, ...], str]]:
    """(derived column values, audit "after" text) of every form, as the product stores them."""
    out = []
    for form in forms:
        problems, code, code_kind = validate_customer(form)
        if problems:
            raise ValueError(f"generated customer is invalid: {form.name}: {problems}")
        customer = Customer()
        _apply(customer, form, code, code_kind)
        values = tuple(getattr(customer, c) for c in DERIVED_COLUMNS)
        after = CustomerForm(**{f: getattr(customer, f) for f in asdict(form)})
        out.append((values, _dump(after.__dict__)))
    return out


def chunks(forms: Sequence[CustomerForm], size: int) -> Iterator[Sequence[CustomerForm]]:
    for start in range(0, len(forms), size):
        yield forms[start : start + size]
