"""On-site items go through item numbers, certificates, fees and release like counter items."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.billing import record_payment
from counter.errors import CounterError, ValidationError
from counter.onsite.items import bill_job, hand_over_job, number_items, onsite_extras
from counter.onsite.jobs import (
    InstrumentDraft,
    JobForm,
    add_instruments,
    create_job,
    finish_job,
    start_job,
)
from counter.onsite.schedule import Assignment, schedule_job
from counter.onsite.vehicles import VehicleForm, save_vehicle
from counter.release import MailTo
from db.models import Item, PrintJob
from db.models_certificates import StandardEntry
from db.models_onsite import JobInstrument
from db.models_release import Release
from tests.conftest import Counter
from tests.release_world import (
    LAB_DAY,
    Received,
    ReleaseWorld,
    collector,
    make_release_world,
)

DAY = dt.date(2026, 11, 24)


def _job(counter: Counter, n: int = 3, way: str = "handover") -> tuple[ReleaseWorld, int]:
    w = make_release_world(counter)
    c = counter
    with c.db.action() as s:
        truck = save_vehicle(s, c.admin, c.clock, VehicleForm("鲁P·J0002", "检衡车", 6)).id
        std = s.scalars(select(StandardEntry.id).where(StandardEntry.ref == "STD-W-001")).one()
        form = JobForm(
            customer_id=c.customer_id,
            site_address="聊城市某超市",
            requested_date=DAY,
            instruments=tuple(
                InstrumentDraft(type_id=w.scale_type, serial=f"S{k}", model="ACS-15", use="trade")
                for k in range(n)
            ),
            return_way=way,
        )
        job_id = create_job(s, c.clerk, c.clock, form).job_id
        schedule_job(s, c.clerk, c.clock, job_id, Assignment(DAY, (w.lab.id,), truck, (std,)))
    return w, job_id


def test_items_get_numbers_certificates_fees_and_are_handed_over_at_the_site(
    counter: Counter,
) -> None:
    w, job_id = _job(counter)
    c = counter
    with c.db.action() as s:
        saved = number_items(s, c.clerk, c.clock, job_id)
        assert saved is not None and len(saved.item_numbers) == 3
        assert number_items(s, c.clerk, c.clock, job_id) is None  # once
        items = list(s.scalars(select(Item).where(Item.order_id == saved.order_id)))
        assert {i.return_way for i in items} == {"handover"}
        assert items[0].order.channel == "onsite"
        # labels queued for printing exactly as for counter items (before leaving or on site)
        kinds = s.scalars(select(PrintJob.kind).where(PrintJob.order_id == saved.order_id))
        assert sorted(kinds).count("label") == 3
        rows = list(s.scalars(select(JobInstrument).where(JobInstrument.job_id == job_id)))
        assert [r.item_id for r in rows] == [i.id for i in items]
        extras = onsite_extras(s, job_id)
        assert [(e.kind, e.fee_code, e.quantity, e.unit_price_fen) for e in extras] == [
            ("travel", "SAMPLE-24", 1, 20000),
            ("other", "SAMPLE-25", 3, 5000),
        ]
        ids = tuple(i.id for i in items)
    c.clock.at = dt.datetime.combine(DAY, dt.time(9), tzinfo=c.clock.now().tzinfo)
    with c.db.action() as s:
        start_job(s, w.lab, c.clock, job_id)
        finish_job(s, w.lab, c.clock, job_id)
    order = Received(saved.order_id, saved.number, ids, saved.item_numbers, c.customer_id)
    # not yet certified: the gate refuses, as at the counter
    with c.db.action() as s, pytest.raises(ValidationError, match="不能发放"):
        hand_over_job(s, c.clerk, c.clock, job_id, collector())
    w.certify(order)
    assert c.clock.now() >= LAB_DAY
    with c.db.action() as s:
        statement = bill_job(s, c.billing, c.clock, job_id)
        assert statement.total_fen == 20000 + 3 * 5000
        sid = statement.id
    # unpaid: the gate holds the certificates
    with c.db.action() as s, pytest.raises(ValidationError, match="不能发放"):
        hand_over_job(s, c.clerk, c.clock, job_id, collector())
    with c.db.action() as s:
        record_payment(s, c.billing, c.clock, sid, "cash", 35000)
    with c.db.action() as s:
        done = hand_over_job(s, c.clerk, c.clock, job_id, collector(), request_token="t1")
        assert [d.way for d in done] == ["handover"]
    with c.db.action() as s:
        assert {i.status for i in s.scalars(select(Item).where(Item.id.in_(ids)))} == {"released"}
        assert s.scalars(select(Release.way)).one() == "handover"


def test_mailed_certificates_of_an_onsite_job(counter: Counter) -> None:
    w, job_id = _job(counter, 1, way="mail")
    c = counter
    with c.db.action() as s:
        saved = number_items(s, c.clerk, c.clock, job_id)
        assert saved is not None
        ids = tuple(s.scalars(select(Item.id).where(Item.order_id == saved.order_id)))
    order = Received(saved.order_id, saved.number, ids, saved.item_numbers, c.customer_id)
    w.certify(order)
    with c.db.action() as s:
        sid = bill_job(s, c.billing, c.clock, job_id).id
        record_payment(s, c.billing, c.clock, sid, "cash", 25000)
    mail = MailTo("顺丰速运", "SF0000000001", "张三", "13800138000", "聊城市某超市")
    with c.db.action() as s:
        done = hand_over_job(s, c.clerk, c.clock, job_id, mail)
    assert [d.way for d in done] == ["mail"]


def test_a_job_without_items_cannot_be_billed(counter: Counter) -> None:
    _w, job_id = _job(counter)
    with counter.db.action() as s, pytest.raises(Exception, match="还没有收件编号"):
        bill_job(s, counter.billing, counter.clock, job_id)


def test_instruments_found_on_site_get_a_second_order_and_are_mailed_order_by_order(
    counter: Counter,
) -> None:
    w, job_id = _job(counter, 1, way="mail")
    c = counter
    with c.db.action() as s:
        first = number_items(s, c.clerk, c.clock, job_id)
        add_instruments(
            s, c.clerk, c.clock, job_id, [InstrumentDraft(type_id=w.scale_type, serial="NEW-1")]
        )
        second = number_items(s, c.clerk, c.clock, job_id)
        assert first is not None and second is not None and first.number != second.number
    mail = MailTo("顺丰速运", "SF0000000002", "张三", "13800138000", "聊城市某超市")
    with c.db.action() as s, pytest.raises(CounterError, match="请逐单邮寄"):
        hand_over_job(s, c.clerk, c.clock, job_id, mail)
