"""Run in a separate process by the concurrency test: save orders as fast as possible.

Order i carries instrument "S{i}" in both processes, so at every step the two may
create the same new ledger entry at the same moment.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from counter.admin.rules.roles import Actor, Role
from counter.clock import SystemClock
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from db.engine import Database, make_engine


def _barrier(folder: Path, name: str, parties: int) -> None:
    """Wait until every process has connected: they then start saving together."""
    (folder / name).touch()
    deadline = time.monotonic() + 60
    while len(list(folder.iterdir())) < parties:
        if time.monotonic() > deadline:
            raise SystemExit("the other process never arrived")
        time.sleep(0.001)


def main(
    url: str, count: int, customer_id: int, clerk_id: int, type_id: int, barrier: str, name: str
) -> None:
    database = Database(make_engine(url, busy_timeout_ms=30000))
    clerk = Actor(clerk_id, "clerk", "王收发", frozenset({Role.INTAKE}))
    with database.session() as session:  # connected and warm before the race starts
        session.connection()
    _barrier(Path(barrier), name, 2)
    began = time.time()
    numbers = []
    for i in range(count):
        item = ItemDraft(type_id, serial=f"S{i}")
        with database.action() as session:
            saved = save_order(session, clerk, SystemClock(), OrderDraft(customer_id, (item,)))
            numbers.append(saved.number)
    ended = time.time()
    database.dispose()
    print(json.dumps({"numbers": numbers, "began": began, "ended": ended}))


if __name__ == "__main__":
    url, count, customer, clerk, type_id, barrier, name = sys.argv[1:8]
    main(url, int(count), int(customer), int(clerk), int(type_id), barrier, name)
