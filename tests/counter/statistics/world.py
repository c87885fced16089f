"""A small counter history built through the real actions, counted by hand for the statistics.

Dates are Beijing dates in 2026.  Order A (3 trade scales, 力学 department) comes in on
30 September, the day before the National Day week (1–7 October off, 8 October a working
day): two items pass the final check on 9 October (2 working days), one on 12 October
(4: 8, 9, 10 — a make-up Saturday — and 12).  Order B (2 scales) comes on 2 November: one
passes on 3 November (1 working day); the other is sent back on 3 November and passes on
5 November (3).  Order C (2 items of another department) comes on 2 November: one is
returned unprocessed on 4 November, the other is still open on "today" (23 November).
Order D (1 scale, 16 November): its certificate is sent back on 17 November because the
reviewer finds signatories without a valid authorisation (blocking defects).  A year
earlier, on 3 November 2025, one scale came in and is still open (overdue).
Item A1 is handed over on 6 November with both of B's; its certificate is reissued on
10 November.  Fees: A's statement (repair 80.00) is paid 50.00; B's (repair 60.00) paid
60.00 and 20.00 refunded; C's statement is voided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select

from counter.billing import issue_statement, record_payment, record_refund
from counter.billing.rules.pricing import ExtraCharge
from counter.billing.statements import void_statement
from counter.certificates.review import pass_certificate, send_back
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.service import reissue_certificate, save_certificate
from counter.clock import CHINA_TZ
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.release import pickup, return_unprocessed
from db.models import Customer, Item
from tests.conftest import Counter
from tests.release_world import ReleaseWorld, collector, make_release_world

TODAY = dt.date(2026, 11, 23)
MAKER = "上海大华电子秤厂"


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=CHINA_TZ)


@dataclass
class StatsWorld:
    world: ReleaseWorld
    order_a: int
    order_b: int
    order_c: int
    items_a: tuple[int, ...]
    items_b: tuple[int, ...]
    items_c: tuple[int, ...]
    scale_department: int
    other_department: int
    statement_a: int
    statement_b: int
    statement_c: int


def _receive(
    w: ReleaseWorld, when: dt.datetime, drafts: list[ItemDraft]
) -> tuple[int, tuple[int, ...]]:
    c = w.counter
    c.clock.at = when
    with w.db.action() as s:
        saved = save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, tuple(drafts)))
        ids = tuple(
            s.scalars(select(Item.id).where(Item.order_id == saved.order_id).order_by(Item.seq))
        )
    return saved.order_id, ids


def _certify(w: ReleaseWorld, item_id: int, when: dt.datetime) -> int:
    c = w.counter
    c.clock.at = when
    day = when.date()
    with w.db.action() as s:
        item = s.get(Item, item_id)
        assert item is not None
        customer = s.get(Customer, item.order.customer_id)
        assert customer is not None
        cert = replace(clean("scale"), item_number=item.number, number="", customer=customer.name,
                       serial=item.serial, received=None, page_count=None, performed=day,
                       issued=day, valid_until=None)  # fmt: skip
        return save_certificate(s, w.lab, c.clock, cert).certificate_id


def _pass(w: ReleaseWorld, cert_id: int, when: dt.datetime) -> None:
    w.counter.clock.at = when
    with w.db.action() as s:
        pass_certificate(s, w.supervisor, w.counter.clock, cert_id)


def build(counter: Counter) -> StatsWorld:
    w = make_release_world(counter)
    c = counter
    with w.db.action() as s:
        types = list_types(s)
    scale = next(t for t in types if t.id == w.scale_type)
    other = next(t for t in types if t.department_id != scale.department_id)
    serial = iter(range(1, 100))

    def scale_draft() -> ItemDraft:
        number = f"S{next(serial):03d}"
        return ItemDraft(scale.id, model="ACS-15", serial=number, manufacturer=MAKER,
                         accuracy_class="Ⅲ", use="trade")  # fmt: skip

    _receive(w, dt.datetime(2025, 11, 3, 10, tzinfo=CHINA_TZ), [scale_draft()])  # a year before
    order_a, items_a = _receive(w, at(9, 30), [scale_draft() for _ in range(3)])
    order_b, items_b = _receive(w, at(11, 2), [scale_draft() for _ in range(2)])
    order_c, items_c = _receive(
        w, at(11, 2, 11), [ItemDraft(other.id, serial=f"X{k}") for k in range(2)]
    )
    certs = {i: _certify(w, i, at(10, 9, 9)) for i in items_a}
    _pass(w, certs[items_a[0]], at(10, 9, 15))
    _pass(w, certs[items_a[1]], at(10, 9, 15))
    _pass(w, certs[items_a[2]], at(10, 12, 15))
    b0, b1 = _certify(w, items_b[0], at(11, 3, 9)), _certify(w, items_b[1], at(11, 3, 9))
    _pass(w, b0, at(11, 3, 15))
    c.clock.at = at(11, 3, 16)
    with w.db.action() as s:
        send_back(s, w.supervisor, c.clock, b1, "检定日期有误")
    b1 = _certify(w, items_b[1], at(11, 5, 9))
    _pass(w, b1, at(11, 5, 15))
    c.clock.at = at(11, 4)
    with w.db.action() as s:
        return_unprocessed(s, c.clerk, c.clock, items_c[0], "客户要求退回")
    c.clock.at = at(11, 6)
    with w.db.action() as s:
        pickup(s, c.clerk, c.clock, order_b, list(items_b), collector())
        pickup(s, c.clerk, c.clock, order_a, [items_a[0]], collector())
    c.clock.at = at(11, 10)
    with w.db.action() as s:
        new = reissue_certificate(
            s, w.lab, c.clock, certs[items_a[0]], {"remarks": "更正"}, "更正备注"
        )
    _pass(w, new.certificate_id, at(11, 10, 15))
    c.clock.at = at(11, 12)
    with w.db.action() as s:
        st_a = issue_statement(s, c.billing, c.clock, [order_a], None,
                               [ExtraCharge("repair_fee", "更换传感器", 8000)]).id  # fmt: skip
        st_b = issue_statement(s, c.billing, c.clock, [order_b], None,
                               [ExtraCharge("repair_fee", "更换传感器", 6000)]).id  # fmt: skip
        st_c = issue_statement(s, c.billing, c.clock, [order_c], None,
                               [ExtraCharge("repair_fee", "更换传感器", 1000)]).id  # fmt: skip
        record_payment(s, c.billing, c.clock, st_a, "cash", 5000)
        record_payment(s, c.billing, c.clock, st_b, "wechat", 6000)
    c.clock.at = at(11, 13)
    with w.db.action() as s:
        record_refund(s, c.billing, c.clock, st_b, 2000, "多收退还", "wechat")
        void_statement(s, c.billing, c.clock, st_c, "开错客户")
    _order_d, items_d = _receive(w, at(11, 16), [scale_draft()])
    d0 = _certify(w, items_d[0], at(11, 17, 9))
    c.clock.at = at(11, 17, 15)
    w.spoil(d0)  # the reviewer finds two signatories without a valid authorisation
    with w.db.action() as s:
        send_back(s, w.supervisor, c.clock, d0, "签字人员授权失效")
    c.clock.at = dt.datetime.combine(TODAY, dt.time(9, 30), CHINA_TZ)
    return StatsWorld(w, order_a, order_b, order_c, items_a, items_b, items_c,
                      scale.department_id, other.department_id, st_a, st_b, st_c)  # fmt: skip
