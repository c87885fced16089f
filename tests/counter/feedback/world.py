"""A counter with orders in two departments, a quality supervisor, and a billing clerk."""

from __future__ import annotations

from dataclasses import dataclass

from counter.admin.rules.roles import Actor
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from tests.conftest import Counter, add_user


@dataclass
class FeedbackWorld:
    counter: Counter
    supervisor: Actor
    # two instrument types of two departments: (type id, department id, department name)
    a: tuple[int, int, str]
    b: tuple[int, int, str]

    def order(self, *kinds: str) -> int:
        """An order with one item per letter ("a" / "b"): its id."""
        c = self.counter
        types = {"a": self.a[0], "b": self.b[0]}
        drafts = tuple(ItemDraft(types[k], serial=f"S{n}") for n, k in enumerate(kinds))
        with c.db.action() as s:
            return save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, drafts)).order_id


def make_world(counter: Counter) -> FeedbackWorld:
    supervisor = add_user(counter, "sunli", "孙丽", "quality")
    with counter.db.action() as s:
        types = list_types(s)
    first = types[0]
    second = next(t for t in types if t.department_id != first.department_id)
    return FeedbackWorld(
        counter,
        supervisor,
        (first.id, first.department_id, first.department),
        (second.id, second.department_id, second.department),
    )
