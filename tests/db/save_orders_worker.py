"""Run in a separate process by test_concurrency: save orders as fast as possible."""

from __future__ import annotations

import json
import sys
import time

from counter.auth import Actor, Role
from counter.clock import SystemClock
from counter.intake import ItemDraft, OrderDraft, save_order
from db.engine import Database, make_engine


def main(
    url: str, count: int, customer_id: int, clerk_id: int, type_id: int, start_at: float
) -> None:
    database = Database(make_engine(url, busy_timeout_ms=30000))
    clerk = Actor(clerk_id, "clerk", "王收发", frozenset({Role.INTAKE}))
    while time.time() < start_at:  # both processes start at the same moment
        time.sleep(0.001)
    numbers = []
    for _ in range(count):
        with database.action() as session:
            saved = save_order(
                session, clerk, SystemClock(), OrderDraft(customer_id, (ItemDraft(type_id),))
            )
            numbers.append(saved.number)
    database.dispose()
    print(json.dumps(numbers))


if __name__ == "__main__":
    url, count, customer, clerk, type_id, start = sys.argv[1:7]
    main(url, int(count), int(customer), int(clerk), int(type_id), float(start))
