"""A counter with lab staff, a quality supervisor, the registers, and scales in the lab.

Shared by the database, GUI and benchmark-free tests of certificates: the sample
certificates of `counter.certificates.rules.sample_certificates` are made to fit the
items this world registered, so a "clean" one has no defect at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select

from counter.admin.auth import actor_of
from counter.admin.rules.roles import Actor
from counter.certificates.registers import (
    AuthorisationForm,
    StandardForm,
    grant_authorisation,
    save_standard,
)
from counter.certificates.rules import Certificate
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.samples import STANDARDS
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from db.models import Customer, Item, User
from tests.conftest import Counter

#: username, full name, roles
STAFF = (
    ("zhangwei", "张伟", "lab"),
    ("liuyang", "刘洋", "lab"),
    ("wangfang", "王芳", "lab"),
    ("sunli", "孙丽", "quality"),
)
SCALE = "电子计价秤"


@dataclass
class CertWorld:
    counter: Counter
    lab: Actor  # zhangwei, the verifier of the sample scale
    approver: Actor  # wangfang, who approves it
    supervisor: Actor  # sunli: reviews, signs nothing
    order_number: str
    item_numbers: tuple[str, ...]
    item_ids: tuple[int, ...]
    customer: str

    def scale(self, n: int = 0, **changes: object) -> Certificate:
        """The clean sample scale certificate, for item `n` of this world (number left blank)."""
        cert = replace(
            clean("scale"),
            item_number=self.item_numbers[n],
            number="",
            customer=self.customer,
            serial=f"A12{n}",
            received=None,
            page_count=None,
        )
        return replace(cert, **changes)  # type: ignore[arg-type]


def make_world(counter: Counter, items: int = 3) -> CertWorld:
    clock, admin = counter.clock, counter.admin
    with counter.db.action() as s:
        actors = {}
        for username, name, roles in STAFF:
            user = User(username=username, full_name=name, password_hash="x", roles=roles,
                        active=True, created_at=clock.now())  # fmt: skip
            s.add(user)
            s.flush()
            actors[username] = actor_of(user)
        scale_type = next(t for t in list_types(s) if t.name == SCALE)
        for username in ("zhangwei", "liuyang", "wangfang"):
            grant_authorisation(
                s, admin, clock,
                AuthorisationForm(actors[username].id, scale_type.id, dt.date(2029, 12, 31)),
            )  # fmt: skip
        for std in STANDARDS:
            save_standard(
                s, admin, clock,
                StandardForm(std.id, std.name, std.range, std.accuracy, std.certificate_number,
                             std.valid_until),
            )  # fmt: skip
        drafts = tuple(
            ItemDraft(scale_type.id, model="ACS-15", serial=f"A12{n}",
                      manufacturer="上海大华电子秤厂", accuracy_class="Ⅲ", use="trade")
            for n in range(items)
        )  # fmt: skip
        saved = save_order(s, counter.clerk, clock, OrderDraft(counter.customer_id, drafts))
        customer = s.get(Customer, counter.customer_id).name  # type: ignore[union-attr]
        query = select(Item.id).where(Item.number.in_(saved.item_numbers)).order_by(Item.number)
        ids = tuple(s.scalars(query))
    # the lab works on the scales a week after intake
    clock.advance(dt.timedelta(days=7))
    return CertWorld(counter, actors["zhangwei"], actors["wangfang"], actors["sunli"],
                     saved.number, saved.item_numbers, ids, customer)  # fmt: skip
