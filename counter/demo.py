"""A throwaway demo database: customers, orders in every state, demo users.

`uv run main.py --demo` opens one so that a newcomer sees a working counter at
once.  The passwords are shown on screen: never use a demo database for work.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from counter.auth import Actor, Role, actor_of, create_user, role_label
from counter.catalog import list_types
from counter.clock import CHINA_TZ, Clock, FixedClock
from counter.customers import CustomerForm, create_customer
from counter.database import open_database
from counter.intake import ItemDraft, OrderDraft, save_order
from counter.lifecycle import ItemStatus
from counter.orders import move_item_status, set_item_status, void_order
from counter.settings import InstituteSettings, save_settings
from db.engine import sqlite_url

DEMO_USERS: tuple[tuple[str, str, str, Role], ...] = (
    ("admin", "demo-admin-1", "赵管理", Role.ADMIN),
    ("shoufa", "demo-intake-1", "王收发", Role.INTAKE),
    ("kaipiao", "demo-billing-1", "李开票", Role.BILLING),
    ("jianding", "demo-lab-0001", "陈检定", Role.LAB),
    ("zhiliang", "demo-quality-1", "刘质量", Role.QUALITY),
)

DEMO_CUSTOMERS: tuple[CustomerForm, ...] = (
    CustomerForm(
        "聊城计量器具有限公司",
        "聊城计量",
        "91310110666007217T",
        size="small",
        sector="工业企业",
        contact_name="张伟",
        phone="13806351234",
        address="山东省聊城市东昌府区花园北路 18 号",
    ),
    CustomerForm(
        "上海明镜眼镜有限公司",
        "明镜眼镜",
        "91310115591693856A",
        size="micro",
        sector="眼镜店",
        contact_name="李娜",
        phone="02158881234",
        address="上海市浦东新区张杨路 500 号",
    ),
    CustomerForm(
        "示例市第一人民医院",
        "市一院",
        "",
        kind="institution",
        sector="医疗机构",
        contact_name="王芳",
        phone="05358001234",
        address="示例市健康路 1 号",
        account_customer=True,
    ),
    CustomerForm(
        "中石化示例加油站",
        "中石化加油站",
        "",
        size="medium",
        sector="加油站",
        contact_name="刘强",
        phone="13905351111",
        address="示例市环城东路 88 号",
    ),
    CustomerForm(
        "东关农贸市场",
        "东关市场",
        "",
        size="small",
        sector="集贸市场",
        contact_name="陈静",
        phone="13705352222",
        address="示例市东关街 6 号",
    ),
    CustomerForm(
        "张记水果店",
        "张记水果",
        "",
        kind="individual",
        sector="集贸市场",
        contact_name="张建国",
        phone="13605353333",
    ),
    CustomerForm(
        "示例粮食收储有限公司",
        "粮食收储",
        "",
        size="medium",
        sector="粮食收购",
        contact_name="赵磊",
        phone="05358886666",
        address="示例市粮库路 2 号",
        account_customer=True,
    ),
    CustomerForm(
        "华信燃气有限公司",
        "华信燃气",
        "",
        size="large",
        sector="燃气供应",
        contact_name="孙丽",
        phone="05358887777",
        address="示例市燃气大道 9 号",
    ),
)

# (customer index, [(type name, model, serial, use, service, urgency)], states to walk)
DEMO_ORDERS: tuple[
    tuple[int, tuple[tuple[str, str, str, str, str, str], ...], tuple[ItemStatus, ...]], ...
] = (
    (
        0,
        (
            ("电子计价秤", "ACS-30", "A123", "trade", "verification", "normal"),
            ("钢卷尺", "5m", "GJ-01", "", "calibration", "normal"),
            ("通用卡尺", "0-150mm", "KC-7", "", "calibration", "urgent"),
        ),
        (),
    ),
    (
        1,
        (
            ("焦度计", "NJC-4", "JD2201", "medical", "verification", "normal"),
            ("验光仪", "RM-800", "YG0931", "medical", "verification", "normal"),
        ),
        (ItemStatus.IN_LAB,),
    ),
    (
        2,
        (
            ("血压计和血压表", "XJ11D", "BP-001", "medical", "verification", "normal"),
            ("血压计和血压表", "XJ11D", "BP-002", "medical", "verification", "normal"),
            ("数字心电图机", "ECG-1200", "E77", "medical", "verification", "urgent"),
        ),
        (ItemStatus.IN_LAB, ItemStatus.CERT_DRAFTED),
    ),
    (
        3,
        (("燃油加油机", "CS46", "JY-3", "trade", "verification", "normal"),),
        (ItemStatus.IN_LAB, ItemStatus.CERT_DRAFTED, ItemStatus.CHECKED),
    ),
    (
        4,
        (
            ("数字指示秤", "XK3190", "S-11", "trade", "verification", "normal"),
            ("电子计价秤", "ACS-15", "S-12", "trade", "verification", "normal"),
        ),
        (ItemStatus.IN_LAB, ItemStatus.CERT_DRAFTED, ItemStatus.CHECKED, ItemStatus.RELEASED),
    ),
    (5, (("电子计价秤", "ACS-6", "Z-1", "trade", "verification", "same_day"),), ()),
    (
        6,
        (
            ("电子汽车衡(地磅)", "SCS-100", "DB-9", "trade", "verification", "urgent"),
            ("砝码", "M1 20kg", "FM-20", "trade", "verification", "normal"),
        ),
        (),
    ),
    (
        7,
        (
            ("可燃气体检测报警器", "GT-210", "KR-5", "safety", "verification", "normal"),
            ("一般压力表", "Y-100", "YL-8", "safety", "verification", "normal"),
        ),
        (),
    ),
)


def _walk(
    session: Session, actor: Actor, clock: Clock, item_id: int, states: tuple[ItemStatus, ...]
) -> None:
    for state in states:
        # demo data only: walks the states without certificates, fees or a release record
        move_item_status(session, actor, clock, item_id, state)


def populate_demo(session: Session, clock: Clock) -> list[tuple[str, str, str]]:
    """Fill an empty, migrated database; return (username, password, role) for the screen."""
    actors: dict[Role, Actor] = {}
    first: Actor | None = None
    for username, password, name, role in DEMO_USERS:
        user = create_user(
            session,
            first,
            clock,
            username=username,
            full_name=name,
            password=password,
            roles=frozenset({role}),
        )
        actors[role] = actor_of(user)
        first = first or actors[role]
    admin, clerk = actors[Role.ADMIN], actors[Role.INTAKE]
    save_settings(
        session,
        admin,
        clock,
        InstituteSettings(
            institute_name="示例市计量检定测试所（演示）", authorisation_no="(鲁)法计(2024)00001号"
        ),
    )
    customers = [create_customer(session, clerk, clock, form).id for form in DEMO_CUSTOMERS]
    types = {t.name: t.id for t in list_types(session)}
    for n, (cust, rows, states) in enumerate(DEMO_ORDERS):
        items = tuple(
            ItemDraft(
                types[name], model=model, serial=serial, use=use, service=service, urgency=urgency
            )
            for name, model, serial, use, service, urgency in rows
        )
        saved = save_order(
            session, clerk, clock, OrderDraft(customers[cust], items, note="演示数据")
        )
        order_items = [i for i in _order_items(session, saved.order_id)]
        for item_id in order_items:
            _walk(session, admin, clock, item_id, states)
        if n == 5:
            set_item_status(
                session, clerk, clock, order_items[0], ItemStatus.ON_HOLD, "客户要求暂缓检定"
            )
        if n == 7:
            set_item_status(
                session,
                clerk,
                clock,
                order_items[1],
                ItemStatus.RETURNED_UNPROCESSED,
                "表盘破损，无法检定",
            )
    cancelled = save_order(
        session,
        clerk,
        clock,
        OrderDraft(
            customers[0], (ItemDraft(types["千分尺"], serial="QF-1", service="calibration"),)
        ),
    )
    void_order(session, clerk, clock, cancelled.order_id, "客户撤回委托")
    return [(u, p, role_label(r)) for u, p, _n, r in DEMO_USERS]


def _order_items(session: Session, order_id: int) -> list[int]:
    from counter.orders import get_order

    return [i.id for i in get_order(session, order_id).items]


def create_demo_database(path: Path | None = None) -> tuple[str, list[tuple[str, str, str]]]:
    """A new demo database file; returns its URL and the demo users' credentials."""
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="counter-demo-")) / "demo.db"
    url = sqlite_url(path)
    database = open_database(url)
    clock = FixedClock(dt.datetime.now(CHINA_TZ))
    with database.action() as session:
        users = populate_demo(session, clock)
    database.dispose()
    return url, users
