"""The instrument ledger on SQLite and PostgreSQL: built by intake, updated by a release,
edited by a clerk (validated, audited, never deleted)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from counter.archive.ledger import (
    add_entry,
    customer_ledger,
    entry_form,
    get_entry,
    recompute_due,
    set_status,
    update_entry,
)
from counter.archive.rules.due import DueState, RecallRule
from counter.archive.rules.ledger_form import EntryForm
from counter.archive.verifications import rebuild_due, record_verifications
from counter.clock import local_date
from counter.errors import PermissionDenied, ValidationError
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.release import pickup
from db.models import AuditEntry, Customer, Instrument, InstrumentType, Item
from db.models_certificates import CertificateRecord
from tests.conftest import Counter, add_user
from tests.release_world import ReleaseWorld, collector, make_release_world

CN_TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def world(counter: Counter) -> ReleaseWorld:
    return make_release_world(counter)


def _types(c: Counter) -> dict[str, int]:
    with c.db.session() as s:
        return {t.name: t.id for t in list_types(s)}


def _ledger(c: Counter, customer_id: int | None = None) -> list:  # type: ignore[type-arg]
    with c.db.session() as s:
        return customer_ledger(s, customer_id or c.customer_id, local_date(c.clock.now()))


def _audits(c: Counter, action: str) -> list[AuditEntry]:
    with c.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- intake and release ------------------------------------------------------------------


def test_intake_creates_entries_links_them_again_and_sets_the_owner_department(
    world: ReleaseWorld,
) -> None:
    c = world.counter
    with c.db.session() as s:
        assert s.get(Customer, c.customer_id).owner_department_id is None  # type: ignore[union-attr]
    first = world.receive(2)
    entries = _ledger(c)
    assert [(e.serial, e.name, e.use, e.compulsory, e.source, e.status) for e in entries] == [
        ("A001", "电子计价秤", "trade", True, "intake", "in_use"),
        ("A002", "电子计价秤", "trade", True, "intake", "in_use"),
    ]
    assert all(e.due is DueState.NEVER_VERIFIED for e in entries)
    with c.db.session() as s:
        customer = s.get(Customer, c.customer_id)
        scale = s.get(InstrumentType, world.scale_type)
        assert customer is not None and scale is not None
        assert customer.owner_department_id == scale.department_id  # 衡器 took the first order
        links = [s.get(Item, i).instrument_id for i in first.item_ids]  # type: ignore[union-attr]
    assert links == [e.id for e in entries]
    # the next order of a length instrument leaves the owner alone
    types = _types(c)
    with c.db.action() as s:
        tape = ItemDraft(types["钢卷尺"], serial="R1")
        save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, (tape,)))
        assert s.get(Customer, c.customer_id).owner_department_id == scale.department_id  # type: ignore[union-attr]


def test_a_scrapped_entry_keeps_its_status_but_intake_still_links_to_it(
    world: ReleaseWorld,
) -> None:
    c = world.counter
    world.receive(1)
    entry = _ledger(c)[0]
    with c.db.action() as s:
        set_status(s, c.clerk, c.clock, entry.id, "scrapped", CN_TODAY, "传感器损坏")
    draft = ItemDraft(world.scale_type, serial="A001", use="trade")
    with c.db.action() as s:
        saved = save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, (draft,)))
        item = s.scalars(select(Item).where(Item.order_id == saved.order_id)).one()
        assert item.instrument_id == entry.id
        assert s.scalar(select(func.count()).select_from(Instrument)) == 1
    again = _ledger(c)[0]
    assert (again.status, again.status_reason, again.due) == (
        "scrapped",
        "传感器损坏",
        DueState.RESTING,
    )


def test_a_release_records_the_verification_on_the_entry(world: ReleaseWorld) -> None:
    c = world.counter
    order = world.ready(2)
    with c.db.action() as s:
        pickup(s, c.clerk, c.clock, order.order_id, order.item_ids, collector())
    with c.db.session() as s:
        numbers = {
            cert.item_id: cert
            for cert in s.scalars(
                select(CertificateRecord).where(CertificateRecord.status == "passed")
            )
        }
        performed = {numbers[i].item_id: numbers[i].performed for i in order.item_ids}
    entries = _ledger(c)
    assert len(entries) == 2
    for entry, item_id in zip(entries, order.item_ids, strict=True):
        cert = numbers[item_id]
        assert entry.last_verified == performed[item_id] == dt.date(2026, 11, 24)
        assert (entry.last_result, entry.last_certificate) == ("pass", cert.number)
        assert entry.valid_until == cert.valid_until == dt.date(2027, 11, 23)
        assert entry.next_due == dt.date(2027, 11, 24)  # the day after valid-until
        assert entry.updated_at is not None
        assert entry.due is DueState.NOT_DUE


def test_the_certificate_valid_until_and_a_failed_verdict_decide_the_next_due_date(
    world: ReleaseWorld,
) -> None:
    c = world.counter
    order = world.ready(2)
    with c.db.action() as s:
        first, second = (
            s.scalars(select(CertificateRecord).where(CertificateRecord.item_id == i)).one()
            for i in order.item_ids
        )
        first.valid_until = dt.date(2027, 5, 23)
        second.verdict = "fail"
    with c.db.action() as s:
        assert record_verifications(s, c.clock, order.item_ids) == 2
    one, two = _ledger(c, c.customer_id)
    by_serial = {e.serial: e for e in (one, two)}
    assert by_serial["A001"].next_due == dt.date(2027, 5, 24)  # the day after valid-until
    assert by_serial["A002"].last_result == "fail"
    assert by_serial["A002"].next_due == dt.date(2026, 11, 24)  # due again at once
    # an older certificate never overwrites a newer verification
    with c.db.action() as s:
        entry = s.get(Instrument, by_serial["A001"].id)
        assert entry is not None
        entry.last_verified = dt.date(2027, 1, 1)
    with c.db.action() as s:
        assert record_verifications(s, c.clock, order.item_ids[:1]) == 0


def test_items_without_a_serial_or_a_passed_certificate_leave_the_ledger_alone(
    world: ReleaseWorld,
) -> None:
    c = world.counter
    order = world.receive(1)
    world.certify(order, passed=False)  # awaiting the final check
    with c.db.action() as s:
        assert record_verifications(s, c.clock, order.item_ids) == 0
        assert record_verifications(s, c.clock, []) == 0
    with c.db.action() as s:
        save_order(s, c.clerk, c.clock, OrderDraft(c.customer_id, (ItemDraft(world.scale_type),)))
    assert [e.last_verified for e in _ledger(c)] == [None]


# --- the clerk's actions -----------------------------------------------------------------


def _form(c: Counter, **changes: object) -> EntryForm:
    base = EntryForm(
        type_id=_types(c)["一般压力表"],
        serial="P-0001",
        model="Y-100",
        measuring_range="(0~1.6)MPa",
        accuracy_class="1.6",
        manufacturer="红旗仪表",
        origin="山东",
        location="锅炉房",
        division_code="371502",
        quantity=2,
        use="safety",
        verify_mode="onsite",
        regulator_number="QG-371502-0001",
        last_verified=dt.date(2026, 3, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_add_and_update_an_entry_validated_and_audited(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        entry = add_entry(s, c.clerk, c.clock, c.customer_id, _form(c, serial=" P-0001 "))
    assert (entry.name, entry.serial, entry.source, entry.compulsory) == (
        "一般压力表", "P-0001", "manual", True,
    )  # fmt: skip
    assert entry.next_due == dt.date(2026, 9, 1)  # 6 months
    assert entry.due is DueState.ESCALATED  # overdue since September
    with c.db.session() as s:
        assert entry_form(s, entry.id).serial == "P-0001"
    with c.db.action() as s:
        changed = update_entry(s, c.clerk, c.clock, entry.id, _form(c, location="二号锅炉房",
                               valid_until=dt.date(2027, 2, 28), use=""))  # fmt: skip
    assert changed.location == "二号锅炉房"
    assert changed.next_due == dt.date(2027, 3, 1)
    assert changed.compulsory is False  # no compulsory use any more
    update = _audits(c, "ledger.update")[0]
    assert "二号锅炉房" in update.after and "锅炉房" in update.before
    assert len(_audits(c, "ledger.add")) == 1
    with c.db.action() as s:  # nothing changed: nothing audited
        update_entry(s, c.clerk, c.clock, entry.id, entry_form(s, entry.id))
    assert len(_audits(c, "ledger.update")) == 1


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"division_code": "3715"}, "行政区划"),
        ({"division_code": "991502"}, "行政区划"),
        ({"quantity": 0}, "数量"),
        ({"quantity": 100_001}, "数量"),
        ({"use": "farming"}, "未知用途"),
        ({"verify_mode": "mail"}, "送检方式"),
        ({"valid_until": dt.date(2025, 1, 1)}, "有效期"),
        ({"type_id": 999_999}, "目录"),
        ({"location": "地" * 257}, "安装/使用地点"),
        ({"regulator_number": "号" * 65}, "强管唯一性号"),
        ({"origin": "山东\x07"}, "产地"),
    ],
)
def test_a_wrong_field_is_refused_with_its_name(
    counter: Counter, changes: dict[str, object], expected: str
) -> None:
    c = counter
    with pytest.raises(ValidationError) as refused, c.db.action() as s:
        add_entry(s, c.clerk, c.clock, c.customer_id, _form(c, **changes))
    assert expected in str(refused.value)
    assert _ledger(c) == []


def test_the_same_instrument_twice_is_refused(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        add_entry(s, c.clerk, c.clock, c.customer_id, _form(c))
        other = add_entry(s, c.clerk, c.clock, c.customer_id, _form(c, serial="P-0002"))
    with pytest.raises(ValidationError, match="已有同一器具"), c.db.action() as s:
        add_entry(s, c.clerk, c.clock, c.customer_id, _form(c))
    with pytest.raises(ValidationError, match="已有同一器具"), c.db.action() as s:
        update_entry(s, c.clerk, c.clock, other.id, _form(c))


def test_a_status_change_needs_a_reason_and_nothing_is_ever_deleted(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        entry = add_entry(s, c.clerk, c.clock, c.customer_id, _form(c))
    for status, day, reason, message in (
        ("out_of_use", CN_TODAY, "  ", "原因"),
        ("in_use", CN_TODAY, "复用", "没有变化"),
        ("lost", CN_TODAY, "丢失", "状态无效"),
        ("scrapped", CN_TODAY + dt.timedelta(days=1), "坏了", "晚于今天"),
    ):
        with pytest.raises(ValidationError, match=message), c.db.action() as s:
            set_status(s, c.clerk, c.clock, entry.id, status, day, reason)
    with c.db.action() as s:
        out = set_status(s, c.clerk, c.clock, entry.id, "out_of_use", CN_TODAY, "停产检修")
    assert (out.status, out.status_date, out.status_reason, out.due) == (
        "out_of_use", CN_TODAY, "停产检修", DueState.RESTING,
    )  # fmt: skip
    with c.db.action() as s:
        back = set_status(s, c.clerk, c.clock, entry.id, "in_use", CN_TODAY, "检修完毕")
    assert back.status == "in_use" and back.due is DueState.ESCALATED
    assert [a.reason for a in _audits(c, "ledger.status")] == ["停产检修", "检修完毕"]
    assert len(_ledger(c)) == 1


def test_only_intake_clerks_and_administrators_edit_the_ledger(counter: Counter) -> None:
    c = counter
    lab = add_user(c, "lab1", "赵检定", "lab")
    with pytest.raises(PermissionDenied), c.db.action() as s:
        add_entry(s, c.billing, c.clock, c.customer_id, _form(c))
    with pytest.raises(PermissionDenied), c.db.action() as s:
        add_entry(s, lab, c.clock, c.customer_id, _form(c))
    with c.db.action() as s:
        entry = add_entry(s, c.admin, c.clock, c.customer_id, _form(c))
        set_status(s, c.admin, c.clock, entry.id, "scrapped", CN_TODAY, "报废")


def test_the_ledger_lists_in_use_first_by_due_date_with_due_states(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        for serial, verified in (("late", dt.date(2025, 6, 1)), ("soon", dt.date(2026, 6, 10)),
                                 ("never", None), ("fine", dt.date(2026, 10, 1))):  # fmt: skip
            add_entry(s, c.clerk, c.clock, c.customer_id,
                      _form(c, serial=serial, last_verified=verified))  # fmt: skip
        gone = add_entry(s, c.clerk, c.clock, c.customer_id, _form(c, serial="gone"))
        set_status(s, c.clerk, c.clock, gone.id, "scrapped", CN_TODAY, "报废")
    entries = _ledger(c)
    assert [(e.serial, e.due) for e in entries] == [
        ("late", DueState.ESCALATED),
        ("soon", DueState.DUE_SOON),
        ("fine", DueState.NOT_DUE),
        ("never", DueState.NEVER_VERIFIED),
        ("gone", DueState.RESTING),
    ]
    with c.db.session() as s:
        lenient = customer_ledger(s, c.customer_id, CN_TODAY, rule=RecallRule(10, 15, 600))
        assert lenient[0].due is DueState.OVERDUE
        assert get_entry(s, entries[0].id, CN_TODAY).department == "温度"


def test_rebuild_due_follows_a_changed_catalogue_period(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:
        entry = add_entry(s, c.clerk, c.clock, c.customer_id, _form(c))
    with c.db.action() as s:
        assert rebuild_due(s, c.clock) == 0
        s.get(InstrumentType, _types(c)["一般压力表"]).period_months = 12  # type: ignore[union-attr]
    with c.db.action() as s:
        assert rebuild_due(s, c.clock) == 1
        stored = s.get(Instrument, entry.id)
        assert stored is not None and stored.next_due == dt.date(2027, 3, 1)
        assert recompute_due(stored) == dt.date(2027, 3, 1)
    assert _audits(c, "ledger.rebuild_due")[-1].after == '{"changed": 1}'
