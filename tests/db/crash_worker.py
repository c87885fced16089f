"""Run in a forked process by test_crash: the whole counter at work until it is killed.

Intake, the lab's certificate and the supervisor's final check, a statement and its
payment, and the pickup: each its own transaction, one after the other, forever.  The
shared flag says whether a transaction is open at the moment the test kills the process;
the shared step count says when the worker is ready (1) and how many steps it finished.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor, Role
from counter.clock import FixedClock
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.handover import pickup
from db.engine import Database, make_engine
from db.models import Item, Order
from db.models_billing import FeePayment, FeeStatement, FeeStatementOrder
from printing.fonts import sans_font, serif_font
from tests.conftest import Counter
from tests.release_world import LAB_DAY, Received, ReleaseWorld, collector

# Parsed once in the fork server, so that each worker starts working at once (the
# certificate's Song face takes a second to read).
serif_font()
sans_font()


@dataclass(frozen=True)
class Cast:
    """Who works, as plain values a forked process can take."""

    url: str
    admin: tuple[int, str, str, str]
    clerk: tuple[int, str, str, str]
    billing: tuple[int, str, str, str]
    lab: tuple[int, str, str, str]
    supervisor: tuple[int, str, str, str]
    customer_id: int
    scale_type: int


def as_plain(actor: Actor) -> tuple[int, str, str, str]:
    return actor.id, actor.username, actor.full_name, ",".join(sorted(actor.roles))


def _actor(plain: tuple[int, str, str, str]) -> Actor:
    user_id, username, full_name, roles = plain
    return Actor(user_id, username, full_name, frozenset(Role(r) for r in roles.split(",") if r))


def run(cast: Cast, seed: int, in_transaction: Any, steps: Any) -> None:
    engine = make_engine(cast.url, busy_timeout_ms=30000)

    @event.listens_for(engine, "begin")
    def _began(_conn: Any) -> None:
        in_transaction.value = 1

    @event.listens_for(engine, "commit")
    def _ended(_conn: Any) -> None:
        in_transaction.value = 0

    database = Database(engine)
    clock = FixedClock(LAB_DAY)
    c = Counter(database, clock, _actor(cast.admin), _actor(cast.clerk), _actor(cast.billing),
                cast.customer_id)  # fmt: skip
    world = ReleaseWorld(c, _actor(cast.lab), _actor(cast.supervisor), cast.scale_type,
                         serial_seq=seed * 100_000)  # fmt: skip
    rng = random.Random(seed)
    steps.value = 1  # ready: the test's random moment starts now, whatever the machine's load
    while True:  # each step one transaction; a new worker goes on where the last was killed
        step(world, rng)
        steps.value += 1


def _order(s: Session, order_id: int) -> Received:
    order = s.get(Order, order_id)
    assert order is not None
    items = sorted(order.items, key=lambda i: i.seq)
    return Received(order.id, order.number, tuple(i.id for i in items),
                    tuple(i.number for i in items), order.customer_id)  # fmt: skip


def step(world: ReleaseWorld, rng: random.Random) -> None:
    """The next piece of the day's work: the oldest unfinished order moves on one step."""
    c = world.counter
    with world.db.session() as s:
        waiting = s.scalar(select(Item.order_id).where(Item.status == ItemStatus.RECEIVED))
        billed = select(FeeStatementOrder.order_id).where(FeeStatementOrder.order_id == Order.id)
        unbilled = s.scalar(
            select(Order.id).where(Order.status == ItemStatus.CHECKED, ~billed.exists())
        )
        unpaid = s.execute(
            select(FeeStatement.id, FeeStatement.total_fen)
            .where(FeeStatement.voided_at.is_(None))
            .where(
                ~select(FeePayment.id).where(FeePayment.statement_id == FeeStatement.id).exists()
            )
        ).first()
        paid = s.scalar(select(Order.id).where(Order.status == ItemStatus.CHECKED, billed.exists()))
        order = _order(s, waiting or unbilled or paid) if (waiting or unbilled or paid) else None
    if waiting and order:
        world.certify(order)
    elif unbilled and order:
        world.bill(order, repair_fen=rng.randint(1, 9) * 1000)
    elif unpaid:
        world.pay(unpaid[0], unpaid[1])
    elif paid and order:
        with world.db.action() as s:
            pickup(s, c.clerk, c.clock, order.order_id, order.item_ids, collector())
    else:
        world.receive(rng.randint(1, 3))
