"""The return desk on SQLite and PostgreSQL: the gate, pickup, mail, exceptions, lists, papers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Role
from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.intake.corrections import void_item
from counter.intake.item_status import set_item_status
from counter.intake.rules.lifecycle import ItemStatus
from counter.release import (
    Collector,
    MailTo,
    ReleaseDone,
    address_label_pdf,
    find_by_tracking,
    handover_pdf,
    mail_defaults,
    mail_dispatch,
    overdue,
    pickup,
    ready_for_pickup,
    ready_message,
    release_against_unpaid,
    release_certificates,
    released_without_record,
    return_unprocessed,
    returned_unprocessed,
    scan_for_return,
)
from counter.release import handover as release_pickup
from db.models import AuditEntry, Item, Order
from db.models_billing import FeeStatement
from db.models_release import MailDispatch, Release, ReleaseItem
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcodes, pdf_page_sizes, pdf_page_texts, squash
from tests.release_world import (
    LAB_DAY,
    Received,
    ReleaseWorld,
    collector,
    make_release_world,
    signature_png,
)

MAIL = MailTo("顺丰速运", "SF1234567890123", "李四", "13900139000", "山东省聊城市东昌府区 2 号")


@pytest.fixture
def world(counter: Counter) -> ReleaseWorld:
    return make_release_world(counter)


def _reasons(w: ReleaseWorld, code: str) -> list[tuple[bool, str]]:
    with w.db.session() as s:
        view = scan_for_return(s, code)
    return [(line.can_leave, line.reason) for line in view.lines]


def _pickup(w: ReleaseWorld, order: Received, item_ids: tuple[int, ...] | None = None,
            token: str = "", who: Collector | None = None) -> ReleaseDone:  # fmt: skip
    c = w.counter
    with w.db.action() as s:
        return pickup(s, c.clerk, c.clock, order.order_id, item_ids or order.item_ids,
                      who or collector(), request_token=token)  # fmt: skip


def _statuses(w: ReleaseWorld, order: Received) -> list[str]:
    with w.db.session() as s:
        return [s.get(Item, i).status for i in order.item_ids]  # type: ignore[union-attr]


def _count(w: ReleaseWorld, model: type) -> int:
    with w.db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _audit(w: ReleaseWorld, action: str) -> list[AuditEntry]:
    with w.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- the gate ---------------------------------------------------------------------------


def test_every_refusal_is_said_in_words_a_clerk_can_say(world: ReleaseWorld) -> None:
    w, c = world, world.counter
    order = w.receive(7)
    gone = w.ready(1)
    w.certify(order, [3], passed=False)  # certificate drafted, not yet reviewed
    [defective, _ok] = w.certify(order, [4, 6])
    with w.db.action() as s:
        set_item_status(
            s, c.clerk, c.clock, order.item_ids[0], ItemStatus.ON_HOLD, "等客户寄来附件"
        )
        set_item_status(s, w.lab, c.clock, order.item_ids[2], ItemStatus.IN_LAB)
        void_item(s, c.clerk, c.clock, order.item_ids[5], "客户撤回")
    w.spoil(defective)  # item 4: two signatories lost their authorisation
    statement = w.bill(order)  # item 6: a repair charge on the statement, not paid
    _pickup(w, gone)
    reasons = _reasons(w, order.number)
    can, fees = reasons[6]
    assert not can and fees.startswith("费用未结清：清单 F2026000001 应收 ¥")
    assert fees.endswith("已收 ¥0.00")
    # every reason is told, not only the first: the unpaid statement too
    assert reasons[:4] == [
        (False, f"暂停检定：等客户寄来附件；{fees}"),
        (False, f"仍在检定中；{fees}"),  # received
        (False, f"仍在检定中；{fees}"),  # in the lab
        (False, f"证书尚未终审；{fees}"),
    ]
    can, spoilt = reasons[4]  # the open defects are named, code and message
    assert not can and spoilt.startswith("证书有 2 项阻断性缺陷未处理：[C05-")
    assert spoilt.endswith(f"；{fees}") and spoilt.count("[C05-") == 2
    assert reasons[5] == (False, "已作废")
    w.pay(statement, _due(w, statement))
    reasons = _reasons(w, order.number)
    assert reasons[6] == (True, "可以领取")
    assert reasons[1] == (False, "仍在检定中")
    assert _reasons(w, gone.item_numbers[0]) == [(False, "已于 2026-11-30 09:30 由 张三 领取")]
    # the statement scans too, and opens the same order
    assert len(_reasons(w, "F2026000001")) == 7


def _due(w: ReleaseWorld, statement_id: int) -> int:
    with w.db.session() as s:
        row = s.get(FeeStatement, statement_id)
        assert row is not None
        return row.total_fen


def test_an_unknown_code_is_refused_with_its_reason(world: ReleaseWorld) -> None:
    with world.db.session() as s, pytest.raises(CounterError, match="未找到编号为 20261999999"):
        scan_for_return(s, "20261999999")


# --- pickup -------------------------------------------------------------------------------


def test_a_whole_order_is_picked_up_and_the_slip_lists_items_and_certificates(
    world: ReleaseWorld,
) -> None:
    w = world
    order = w.ready(5)
    assert all(can for can, _why in _reasons(w, order.number))
    done = _pickup(w, order)
    assert done.number == "R2026000001" and done.item_numbers == order.item_numbers
    assert _statuses(w, order) == ["released"] * 5
    with w.db.session() as s:
        release = s.scalars(select(Release)).one()
        assert (release.collector_name, release.collector_phone, release.collector_id_digits) == (
            "张三", "13800138000", "1234")  # fmt: skip
        assert release.signature_png == signature_png() and not release.paper_slip
        rows = s.scalars(select(ReleaseItem).order_by(ReleaseItem.id)).all()
        certs = [f"JD2026{n:06d}" for n in range(1, 6)]  # the certificates' own series
        assert [r.certificate_number for r in rows] == certs
        assert s.get(Order, order.order_id).status == "released"  # type: ignore[union-attr]
        pdf = handover_pdf(s, done.release_id)
    [text] = pdf_page_texts(pdf)
    flat = squash(text)
    assert "器具交接单" in text and "R2026000001" in flat and "聊城计量器具有限公司" in flat
    for number in (*order.item_numbers, *certs):
        assert flat.count(number) == 1  # each item, and its certificate
    assert "共5件，证书5份" in flat and "领取人签字" in flat and "138****8000" in flat
    assert "交接时间：2026-11-3009:30" in flat  # Beijing time, not UTC
    barcodes = pdf_barcodes(pdf)  # the slip's number, and the QR to rate the service with
    assert barcodes[0] == "R2026000001" and [b[:5] for b in barcodes[1:]] == ["RATE-"]
    assert [a.entity_key for a in _audit(w, "release.pickup")] == ["R2026000001"]
    assert len(_audit(w, "item.released")) == 5
    with w.db.action() as s:  # the certificates, printed or saved for the customer
        certificates = release_certificates(s, w.counter.clock, done.release_id)
    assert [n for n, _pdf in certificates] == certs
    assert all(order.item_numbers[0][:11] in squash(pdf_page_texts(p)[0]) for _n, p in certificates)


def test_part_of_an_order_and_the_rest_later(world: ReleaseWorld) -> None:
    w = world
    order = w.ready(5)
    first = _pickup(w, order, order.item_ids[:2])
    assert _statuses(w, order) == ["released"] * 2 + ["checked"] * 3
    reasons = _reasons(w, order.number)
    assert [can for can, _why in reasons] == [False, False, True, True, True]
    w.counter.clock.advance(dt.timedelta(days=2, hours=5, minutes=12))
    second = _pickup(w, order, order.item_ids[2:], who=collector(name="王五", paper=True,
                                                                  signature_png=None))  # fmt: skip
    assert (first.number, second.number) == ("R2026000001", "R2026000002")
    assert len(_reasons(w, first.number)) == 5  # the handover slip's barcode opens the order
    assert _reasons(w, order.number)[3] == (False, "已于 2026-12-02 14:42 由 王五 领取")
    with w.db.session() as s:
        release = s.scalars(select(Release).where(Release.number == second.number)).one()
        assert release.paper_slip and release.signature_png is None
        pdf = handover_pdf(s, release.id)
    assert "共3件" in squash(pdf_page_texts(pdf)[0])


def test_a_double_confirm_releases_once(world: ReleaseWorld) -> None:
    w = world
    order = w.ready(2)
    first = _pickup(w, order, token="dialog-1")
    again = _pickup(w, order, token="dialog-1")
    assert again.already_done and again.release_id == first.release_id
    with pytest.raises(ValidationError) as refused:
        _pickup(w, order, token="dialog-2")
    assert refused.value.problems == [
        f"器具 {n} 不能发放：已于 2026-11-30 09:30 由 张三 领取" for n in order.item_numbers
    ]
    assert _count(w, Release) == 1 and _count(w, ReleaseItem) == 2


def test_another_customers_item_is_refused_and_nothing_leaves(world: ReleaseWorld) -> None:
    w = world
    ours = w.ready(2)
    theirs = w.ready(1, customer_id=w.customer("济南眼镜店"))
    with pytest.raises(ValidationError) as refused:
        _pickup(w, ours, (*ours.item_ids, theirs.item_ids[0]))
    assert refused.value.problems == [
        f"器具 {theirs.item_numbers[0]} 属于“济南眼镜店”，不是“聊城计量器具有限公司”的器具，"
        "不能一起领取"
    ]
    assert _statuses(w, ours) == ["checked"] * 2 and _count(w, Release) == 0


def test_a_failure_mid_pickup_leaves_no_item_released(
    world: ReleaseWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, c = world, world.counter
    order = w.ready(3)
    calls = []
    real = release_pickup.move_item_status

    def dies_on_the_third(*args: object, **kwargs: object) -> Item:
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(release_pickup, "move_item_status", dies_on_the_third)
    with pytest.raises(RuntimeError, match="power cut"):
        _pickup(w, order)
    monkeypatch.undo()
    # the app dies before commit: the session is simply never committed
    with w.db.write_session() as s:
        pickup(s, c.clerk, c.clock, order.order_id, order.item_ids, collector())
    assert _statuses(w, order) == ["checked"] * 3
    assert _count(w, Release) == 0 and _count(w, ReleaseItem) == 0
    with w.db.session() as s:
        assert released_without_record(s) == []
    assert _pickup(w, order).number == "R2026000001"  # the numbers given back are reused


def test_who_collects_must_be_recorded(world: ReleaseWorld) -> None:
    w = world
    order = w.ready(1)
    for who, problem in (
        (collector(signature_png=None), "请领取人在签字板上签名，或打印纸质交接单签字"),
        (collector(paper=True), "签字板签名和纸质交接单只能选一种"),
        (collector(signature_png=b"GIF89a"), "签名图像无效，请重新签名"),
        (collector(name=" "), "请填写领取人姓名"),
        (collector(id_digits="12"), "身份证后几位应为 4 到 6 位数字（末位可为 X）"),
    ):
        with pytest.raises(ValidationError) as refused:
            _pickup(w, order, who=who)
        assert refused.value.problems == [problem]
    billing_clerk = w.counter.billing
    with pytest.raises(PermissionDenied), w.db.action() as s:
        pickup(s, billing_clerk, w.counter.clock, order.order_id, order.item_ids, collector())


# --- mail -------------------------------------------------------------------------------------


def test_mail_dispatch_label_and_search_by_tracking_number(world: ReleaseWorld) -> None:
    w, c = world, world.counter
    order = w.ready(2, way="mail")
    with w.db.session() as s:
        proposed = mail_defaults(s, order.order_id)
    assert proposed.address == "山东省聊城市东昌府区 1 号" and proposed.recipient == "张三"
    with w.db.action() as s:
        done = mail_dispatch(s, c.clerk, c.clock, order.order_id, order.item_ids, MAIL,
                             request_token="mail-1")  # fmt: skip
    assert done.way == "mail" and _statuses(w, order) == ["released"] * 2
    assert _reasons(w, order.number)[0] == (
        False, "已于 2026-11-30 09:30 邮寄给 李四（顺丰速运 SF1234567890123）")  # fmt: skip
    with w.db.session() as s:
        [found] = find_by_tracking(s, " sf1234567890123 ")
        assert (found.release_number, found.item_numbers) == (done.number, order.item_numbers)
        assert [r.release_number for r in find_by_tracking(s, "567890")] == [done.number]
        assert find_by_tracking(s, "YT000") == []
        label = address_label_pdf(s, done.release_id)
        slip = handover_pdf(s, done.release_id)
        mail = s.scalars(select(MailDispatch)).one()
    assert mail.address == MAIL.address and mail.tracking_number == "SF1234567890123"
    assert pdf_barcodes(label) == ["SF1234567890123"]
    ((width, height),) = pdf_page_sizes(label)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (100, 150)
    text = squash(pdf_page_texts(label)[0])
    assert "李四" in text and "山东省聊城市东昌府区2号" in text and "示例市计量检定测试所" in text
    assert "SF1234567890123" in squash(pdf_page_texts(slip)[0])
    second = w.ready(1, way="mail")
    used = "快递单号 SF1234567890123 已用于交接单 R2026000001"
    with pytest.raises(CounterError, match=used), w.db.action() as s:
        mail_dispatch(s, c.clerk, c.clock, second.order_id, second.item_ids, MAIL)
    bad = dataclasses.replace(MAIL, tracking_number="", address=" ")
    with pytest.raises(ValidationError) as refused, w.db.action() as s:
        mail_dispatch(s, c.clerk, c.clock, second.order_id, second.item_ids, bad)
    assert refused.value.problems == ["请填写或扫描快递单号", "请填写收件地址"]


# --- exceptions ----------------------------------------------------------------------------------


def test_a_supervisor_lets_an_account_customers_items_leave_unpaid(world: ReleaseWorld) -> None:
    w, c = world, world.counter
    hospital = w.customer("济南第一医院", account=True)
    order = w.ready(2, customer_id=hospital)
    w.bill(order)
    with w.db.session() as s:
        lines = scan_for_return(s, order.number).lines
    assert [(x.can_leave, x.fees_only) for x in lines] == [(False, True)] * 2
    with pytest.raises(PermissionDenied), w.db.action() as s:
        release_against_unpaid(s, c.clerk, c.clock, order.item_ids, "月结")
    with pytest.raises(ValidationError), w.db.action() as s:
        release_against_unpaid(s, w.supervisor, c.clock, order.item_ids, "  ")
    with w.db.action() as s:
        release_against_unpaid(s, w.supervisor, c.clock, order.item_ids, "月结客户，月底统一结算")
    assert _reasons(w, order.number)[0] == (
        True, "可以领取（记账客户，孙丽 批准欠费放行：月结客户，月底统一结算）")  # fmt: skip
    audit = _audit(w, "item.release_unpaid")
    assert [(a.entity_key, a.user_id, a.reason) for a in audit] == [
        (n, w.supervisor.id, "月结客户，月底统一结算") for n in order.item_numbers
    ]
    done = _pickup(w, order)
    with w.db.session() as s:
        release = s.get(Release, done.release_id)
        assert release is not None
        assert release.override_reason == "孙丽 批准欠费放行：月结客户，月底统一结算"
        slip = squash(pdf_page_texts(handover_pdf(s, done.release_id))[0])
    assert "欠费放行：孙丽批准欠费放行：月结客户，月底统一结算" in slip
    # not for a customer who pays at the counter
    walk_in = w.ready(1)
    w.bill(walk_in)
    with pytest.raises(ValidationError, match="不是记账客户"), w.db.action() as s:
        release_against_unpaid(s, w.supervisor, c.clock, walk_in.item_ids, "熟人")
    assert _reasons(w, walk_in.number)[0][0] is False


def test_an_instrument_returned_unprocessed_goes_back_with_its_note(world: ReleaseWorld) -> None:
    w, c = world, world.counter
    order = w.receive(2)
    w.certify(order, [1])
    with pytest.raises(ValidationError), w.db.action() as s:
        return_unprocessed(s, c.clerk, c.clock, order.item_ids[0], " ", "x")
    with w.db.action() as s:
        return_unprocessed(s, c.clerk, c.clock, order.item_ids[0], "传感器损坏，无法检定",
                           "秤的传感器已损坏，请修理后再送检；本次不收费")  # fmt: skip
    refused = "器具状态不能从“已终审”改为“退回未检”"
    with pytest.raises(CounterError, match=refused), w.db.action() as s:
        return_unprocessed(s, c.clerk, c.clock, order.item_ids[1], "客户撤回", "")
    assert _reasons(w, order.number)[0] == (
        True, "退回未检：秤的传感器已损坏，请修理后再送检；本次不收费")  # fmt: skip
    with w.db.session() as s:
        [row] = returned_unprocessed(s)
    assert (row.item_number, row.reason, row.by) == (
        order.item_numbers[0], "传感器损坏，无法检定", "王收发")  # fmt: skip
    done = _pickup(w, order)
    with w.db.session() as s:
        text = squash(pdf_page_texts(handover_pdf(s, done.release_id))[0])
        assert returned_unprocessed(s) == []
    assert "退回未检：秤的传感器已损坏" in text and "共2件，证书1份" in text


# --- lists ---------------------------------------------------------------------------------------


def test_ready_lists_message_and_overdue(world: ReleaseWorld) -> None:
    w, c = world, world.counter
    ready = w.ready(3)
    hospital = w.customer("济南第一医院", account=True)
    late = w.receive(1, customer_id=hospital)  # promised in 5 working days, still in the lab
    mailed = w.ready(1, way="mail")
    w.bill(mailed)
    with w.db.session() as s:
        groups = ready_for_pickup(s)
        message = ready_message(s, c.customer_id)
    assert [(g.customer, len(g.items)) for g in groups] == [("聊城计量器具有限公司", 4)]
    [group] = groups
    assert group.orders == (ready.number, mailed.number) and len(group.unpaid) == 1
    assert message == (
        f"【示例市计量检定测试所】聊城计量器具有限公司：您送检的器具（委托单 {ready.number}、"
        f"{mailed.number}）已完成，3 件请凭取件回执到收发室领取，1 件将按约定邮寄，"
        "领取前请先缴清检定费用。咨询电话：0000-00000000。"
    )
    today = dt.date(2027, 1, 4)
    with w.db.session() as s:
        rows = overdue(s, today, load_calendar(s))
    late_row = next(r for r in rows if r.kind == "late")
    assert late_row.item_number == late.item_numbers[0] and late_row.days > 0
    waiting = [r for r in rows if r.kind == "uncollected"]
    assert {r.item_number for r in waiting} == {*ready.item_numbers, *mailed.item_numbers}
    assert all(r.days == (today - LAB_DAY.date()).days for r in waiting)
    with w.db.session() as s:
        assert [r for r in overdue(s, today, load_calendar(s), uncollected_days=60)
                if r.kind == "uncollected"] == []  # fmt: skip


def test_a_quality_supervisor_may_release_too(world: ReleaseWorld) -> None:
    w, c = world, world.counter
    order = w.ready(1)
    both = Actor(w.supervisor.id, "sunli", "孙丽", frozenset({Role.QUALITY}))
    with w.db.action() as s:
        done = pickup(s, both, c.clock, order.order_id, order.item_ids, collector())
    assert done.number == "R2026000001"
