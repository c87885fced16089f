"""A counter where instruments come back: staff, registers, orders driven to "ready" through
the real functions (intake, lab certificate, final check, statement, payment).

Shared by the database and GUI tests of the return desk.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PIL import Image, ImageDraw
from sqlalchemy import select

from counter.admin.auth import actor_of
from counter.admin.rules.roles import Actor
from counter.billing import issue_statement, record_payment
from counter.billing.rules.pricing import ExtraCharge
from counter.certificates.lookups import list_authorisations
from counter.certificates.registers import (
    AuthorisationForm,
    StandardForm,
    grant_authorisation,
    revoke_authorisation,
    save_standard,
)
from counter.certificates.review import open_review, pass_certificate
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.samples import STANDARDS
from counter.certificates.service import save_certificate
from counter.clock import local_date
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.release import Collector
from db.engine import Database
from db.models import Customer, Item, User
from tests.cert_world import SCALE, STAFF
from tests.conftest import NOW, Counter

LAB_DAY = NOW + dt.timedelta(days=7)  # the lab works a week after intake


@dataclass(frozen=True)
class Received:
    order_id: int
    number: str
    item_ids: tuple[int, ...]
    item_numbers: tuple[str, ...]
    customer_id: int


@dataclass
class ReleaseWorld:
    counter: Counter
    lab: Actor
    supervisor: Actor
    scale_type: int
    serial_seq: int = 0

    @property
    def db(self) -> Database:
        return self.counter.db

    def receive(
        self, n: int = 5, *, customer_id: int | None = None, way: str = "pickup"
    ) -> Received:
        """An order of `n` trade scales (compulsory verification: no fee)."""
        c = self.counter
        drafts = []
        for _k in range(n):
            self.serial_seq += 1
            drafts.append(
                ItemDraft(self.scale_type, model="ACS-15", serial=f"A{self.serial_seq:03d}",
                          manufacturer="上海大华电子秤厂", accuracy_class="Ⅲ", use="trade",
                          return_way=way)
            )  # fmt: skip
        owner = customer_id or c.customer_id
        with self.db.action() as s:
            saved = save_order(s, c.clerk, c.clock, OrderDraft(owner, tuple(drafts)))
            query = select(Item.id).where(Item.order_id == saved.order_id).order_by(Item.seq)
            ids = tuple(s.scalars(query))
        return Received(saved.order_id, saved.number, ids, saved.item_numbers, owner)

    def certify(self, order: Received, indexes: Sequence[int] | None = None, *,
                passed: bool = True) -> list[int]:  # fmt: skip
        """The lab's certificate for each item (clean), passed by the supervisor."""
        c = self.counter
        if c.clock.now() < LAB_DAY:
            c.clock.at = LAB_DAY
        chosen = range(len(order.item_ids)) if indexes is None else indexes
        ids = []
        with self.db.action() as s:
            customer = s.get(Customer, order.customer_id)
            assert customer is not None
            for k in chosen:
                item = s.get(Item, order.item_ids[k])
                assert item is not None
                day = local_date(item.order.received_at) + dt.timedelta(days=1)
                day = min(day, local_date(c.clock.now()))
                cert = replace(clean("scale"), item_number=item.number, number="",
                               customer=customer.name, serial=item.serial, received=None,
                               page_count=None, performed=day, issued=day,
                               valid_until=None)  # fmt: skip
                ids.append(save_certificate(s, self.lab, c.clock, cert).certificate_id)
        if passed:
            with self.db.action() as s:
                for cid in ids:
                    pass_certificate(s, self.supervisor, c.clock, cid)
        return ids

    def bill(self, order: Received, repair_fen: int = 8000) -> int:
        """A statement with a repair charge (the scales themselves are free)."""
        c = self.counter
        repair = ExtraCharge("repair_fee", "更换传感器", repair_fen,
                             item_number=order.item_numbers[0])  # fmt: skip
        with self.db.action() as s:
            return issue_statement(s, c.billing, c.clock, [order.order_id], None, [repair]).id

    def pay(self, statement_id: int, fen: int) -> None:
        c = self.counter
        with self.db.action() as s:
            record_payment(s, c.billing, c.clock, statement_id, "cash", fen)

    def customer(self, name: str, *, account: bool = False, address: str = "") -> int:
        c = self.counter
        form = CustomerForm(name=name, account_customer=account, contact_name="李四",
                            phone="13900139000", address=address)  # fmt: skip
        with self.db.action() as s:
            return create_customer(s, c.clerk, c.clock, form).id

    def spoil(self, certificate_id: int) -> None:
        """Two of its signatories lose their authorisation; the supervisor's review finds it."""
        c = self.counter
        with self.db.action() as s:
            for grant in list_authorisations(s):
                if grant.username in ("liuyang", "wangfang") and grant.active:
                    revoke_authorisation(s, c.admin, c.clock, grant.id, "授权有误")
            open_review(s, self.supervisor, c.clock, certificate_id)

    def ready(self, n: int = 5, **kwargs: object) -> Received:
        order = self.receive(n, **kwargs)  # type: ignore[arg-type]
        self.certify(order)
        return order


def signature_png() -> bytes:
    """A scribble, as the signature pad would store it."""
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(10, 80), (60, 20), (110, 70), (160, 25), (220, 75), (290, 30)], fill="black",
              width=4)  # fmt: skip
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def collector(**changes: object) -> Collector:
    base = Collector("张三", "13800138000", "1234", signature_png())
    return replace(base, **changes)  # type: ignore[arg-type]


def make_release_world(counter: Counter) -> ReleaseWorld:
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
            grant_authorisation(s, admin, clock, AuthorisationForm(
                actors[username].id, scale_type.id, dt.date(2029, 12, 31)))  # fmt: skip
        for std in STANDARDS:
            save_standard(s, admin, clock, StandardForm(
                std.id, std.name, std.range, std.accuracy, std.certificate_number,
                std.valid_until))  # fmt: skip
    return ReleaseWorld(counter, actors["zhangwei"], actors["sunli"], scale_type.id)
