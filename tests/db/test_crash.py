"""kill -9 at any moment of a working day loses nothing committed and half-saves nothing.

A forked worker runs the whole counter (intake, certificate and final check, statement and
payment, pickup) until the test kills it with SIGKILL at a random moment; after every kill
the database must hold only whole actions: every invariant below is checked each time.
The random moment is measured in the worker's own step time (calibrated by a first worker
that is let run three steps), so a loaded machine moves the kills later instead of letting
the day stall.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from counter.intake.rules.lifecycle import ItemStatus
from counter.reports.audit_log import verify_chain
from db.models import Item, NumberSequence, Order
from db.models_billing import FeePayment, FeeStatement, FeeStatementLine
from db.models_certificates import CertificateRecord, FinalCheckRecord
from db.models_release import ReleaseItem
from tests.conftest import Counter
from tests.db import crash_worker
from tests.db.crash_worker import Cast, as_plain
from tests.release_world import make_release_world

KILLS = 50


def _wait(steps: Any, at_least: int, worker: Any, timeout: float = 120.0) -> None:
    """Until the worker's step count reaches `at_least` (it must not die meanwhile)."""
    deadline = time.monotonic() + timeout
    while steps.value < at_least:
        assert worker.is_alive(), "worker died by itself"
        assert time.monotonic() < deadline, f"worker stuck at step {steps.value}"
        time.sleep(0.005)


def invariants(session: Session, is_sqlite: bool) -> list[str]:
    """Everything a half-saved action would break; empty when the database is whole."""
    broken: list[str] = []
    if is_sqlite:
        check = session.execute(text("PRAGMA integrity_check")).scalar()
        if check != "ok":
            broken.append(f"integrity_check: {check}")
    counts = session.execute(
        select(Order.number, Order.item_count, func.count(Item.id))
        .outerjoin(Item, Item.order_id == Order.id)
        .group_by(Order.id)
    ).all()
    broken += [
        f"order {n} says {want} items, has {have}" for n, want, have in counts if want != have
    ]
    bad_numbers = session.scalars(
        select(Item.number)
        .join(Order, Order.id == Item.order_id)
        .where(func.substr(Item.number, 1, func.length(Order.number)) != Order.number)
    ).all()
    broken += [f"item {n} is not numbered after its order" for n in bad_numbers]
    issued = session.scalar(select(func.count()).select_from(Order)) or 0
    sequence = session.scalar(
        select(func.coalesce(func.sum(NumberSequence.value), 0)).where(
            NumberSequence.key.like("order:%")
        )
    )
    if sequence != issued:
        broken.append(f"order sequence at {sequence} but {issued} orders exist")
    released = select(ReleaseItem.id).where(ReleaseItem.item_id == Item.id).exists()
    broken += [
        f"item {n} released without a handover record"
        for n in session.scalars(
            select(Item.number).where(Item.status == ItemStatus.RELEASED, ~released)
        )
    ]
    passed = (
        select(CertificateRecord.id)
        .join(FinalCheckRecord, FinalCheckRecord.certificate_id == CertificateRecord.id)
        .where(
            CertificateRecord.item_id == Item.id,
            CertificateRecord.status == "passed",
            FinalCheckRecord.outcome == "passed",
        )
        .exists()
    )
    broken += [
        f"item {n} checked without a passed final check"
        for n in session.scalars(
            select(Item.number).where(Item.status == ItemStatus.CHECKED, ~passed)
        )
    ]
    totals = session.execute(
        select(FeeStatement.number, FeeStatement.total_fen, func.sum(FeeStatementLine.amount_fen))
        .join(FeeStatementLine, FeeStatementLine.statement_id == FeeStatement.id)
        .group_by(FeeStatement.id)
    ).all()
    broken += [f"statement {n}: total {t} ≠ lines {s}" for n, t, s in totals if t != s]
    paid = session.execute(
        select(FeeStatement.number, FeeStatement.total_fen, func.sum(FeePayment.amount_fen))
        .join(FeePayment, FeePayment.statement_id == FeeStatement.id)
        .group_by(FeeStatement.id)
    ).all()
    broken += [f"statement {n}: paid {p} > total {t}" for n, t, p in paid if p > t]
    report = verify_chain(session)
    if not report.ok:
        broken.append(f"audit chain: {report.broken}")
    return broken


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_only_whole_actions(counter: Counter) -> None:
    w = make_release_world(counter)
    c = counter
    cast = Cast(
        c.db.engine.url.render_as_string(hide_password=False),
        *(as_plain(a) for a in (c.admin, c.clerk, c.billing, w.lab, w.supervisor)),
        c.customer_id,
        w.scale_type,
    )
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.db.crash_worker"])
    rng = random.Random(20261206)

    def start(seed: int) -> tuple[Any, Any, Any]:
        flag, steps = context.Value("i", 0), context.Value("i", 0)
        worker = context.Process(target=crash_worker.run, args=(cast, seed, flag, steps))
        worker.start()
        _wait(steps, 1, worker)  # imports done, connected: the day starts
        return worker, flag, steps

    def kill(worker: Any, number: int) -> None:
        assert worker.pid is not None and worker.is_alive(), f"worker died by itself ({number})"
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(10)
        assert worker.exitcode == -signal.SIGKILL
        with c.db.session() as s:
            broken = invariants(s, c.db.is_sqlite)
        assert not broken, f"after kill {number}:\n" + "\n".join(broken)

    worker, _flag, steps = start(KILLS + 1)  # calibration: how long a step takes here, now
    began = time.monotonic()
    _wait(steps, 4, worker)
    step_s = (time.monotonic() - began) / 3
    kill(worker, 0)
    mid_transaction = 0
    for number in range(1, KILLS + 1):
        worker, flag, _steps = start(number)
        time.sleep(rng.uniform(0.2, 2.5) * step_s)  # the random moment of the power cut
        mid_transaction += flag.value
        kill(worker, number)
    with c.db.session() as s:
        orders = s.scalar(select(func.count()).select_from(Order)) or 0
        released = s.scalar(
            select(func.count()).select_from(Item).where(Item.status == ItemStatus.RELEASED)
        )
    assert orders >= 3 and released, (orders, released)  # the whole day went round
    assert mid_transaction >= KILLS // 5, mid_transaction  # and killed in the middle of it
